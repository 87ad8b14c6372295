/**
 * The `network_direction` processor (NetworkDirectionProcessor, ES 8): `source_ip` (`source.ip`), `destination_ip`
 * (`destination.ip`), `target_field` (`network.direction`), `ignore_missing` (true), and the internal networks:
 * `internal_networks` (a list of templates) or `internal_networks_field` (a field holding the list), exactly one
 * (`[internal_networks] or [internal_networks_field] must be specified`, `[internal_networks] and
 * [internal_networks_field] cannot both be used in the same processor`).
 *
 * A network is a CIDR block, an address, or a name: `loopback`, `unicast` / `global_unicast`, `link_local_unicast`,
 * `interface_local_multicast`, `link_local_multicast`, `multicast`, `unspecified`, `private` (10/8, 172.16/12,
 * 192.168/16, fd00::/8), `public` (none of private, loopback, unspecified, link-local, interface-local or the IPv4
 * broadcast address), tested as java.net.InetAddress does. Both endpoints internal: `internal`; only the source:
 * `outbound`; only the destination: `inbound`; neither: `external`. Without both addresses (or the networks field):
 * `unable to calculate network direction from document` unless `ignore_missing`.
 */
import { forString, isIpv4, termAddresses, type AddressBytes } from '../../common/network/inet-addresses.ts'
import type { IngestDocument } from '../ingest-document.ts'
import { castError } from '../ingest-document.ts'
import { illegalArgumentException } from '../ingest-exceptions.ts'
import { javaToString } from '../java-values.ts'
import type { Processor } from '../processor.ts'
import type { ProcessorConfig } from '../processor-config.ts'

const PRIVATE_NETWORKS = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fd00::/8']

function compareUnsigned(a: AddressBytes, b: AddressBytes): number {
  for (let i = 0; i < 16; i++) if (a[i] !== b[i]) return a[i]! - b[i]!
  return 0
}

/** CIDRUtils.isInRange: the address in one of the CIDR blocks or addresses (IPv4 compared as IPv4-mapped). */
function inRange(address: AddressBytes, networks: readonly string[]): boolean {
  return networks.some((network) => {
    const { lower, upper } = termAddresses(network)
    return compareUnsigned(lower, address) <= 0 && compareUnsigned(upper, address) >= 0
  })
}

/** The address predicates of java.net.Inet4Address and Inet6Address, over the 16-byte form. */
function addressKind(address: AddressBytes) {
  const v4 = isIpv4(address)
  const b = v4 ? address.subarray(12) : address
  const loopback = v4 ? b[0] === 127 : b.every((byte, i) => byte === (i === 15 ? 1 : 0))
  const linkLocal = v4 ? b[0] === 169 && b[1] === 254 : b[0] === 0xfe && (b[1]! & 0xc0) === 0x80
  const multicast = v4 ? (b[0]! & 0xf0) === 0xe0 : b[0] === 0xff
  const interfaceLocalMulticast = !v4 && b[0] === 0xff && (b[1]! & 0x0f) === 0x01
  const linkLocalMulticast = v4
    ? b[0] === 224 && b[1] === 0 && b[2] === 0
    : b[0] === 0xff && (b[1]! & 0x0f) === 0x02
  const unspecified = b.every((byte) => byte === 0)
  const broadcast = v4 && b.every((byte) => byte === 0xff)
  return {
    loopback,
    linkLocal,
    multicast,
    interfaceLocalMulticast,
    linkLocalMulticast,
    unspecified,
    broadcast,
  }
}

function inNetwork(ip: string, network: string): boolean {
  const address = forString(ip)
  const kind = addressKind(address)
  switch (network) {
    case 'loopback':
      return kind.loopback
    case 'global_unicast':
    case 'unicast':
      return !kind.broadcast && !kind.unspecified && !kind.loopback && !kind.multicast && !kind.linkLocal
    case 'link_local_unicast':
      return kind.linkLocal
    case 'interface_local_multicast':
      return kind.interfaceLocalMulticast
    case 'link_local_multicast':
      return kind.linkLocalMulticast
    case 'multicast':
      return kind.multicast
    case 'unspecified':
      return kind.unspecified
    case 'private':
      return inRange(address, PRIVATE_NETWORKS)
    case 'public':
      return !(
        inRange(address, PRIVATE_NETWORKS) ||
        kind.loopback ||
        kind.unspecified ||
        kind.linkLocal ||
        kind.linkLocalMulticast ||
        kind.interfaceLocalMulticast ||
        kind.broadcast
      )
    default:
      return inRange(address, [network])
  }
}

export function createNetworkDirection(config: ProcessorConfig): Processor {
  const sourceIpField = config.optionalString('source_ip') ?? 'source.ip'
  const destinationIpField = config.optionalString('destination_ip') ?? 'destination.ip'
  const targetField = config.optionalString('target_field') ?? 'network.direction'
  const ignoreMissing = config.boolean('ignore_missing', true)
  const internalNetworks = config.optionalList('internal_networks')
  const internalNetworksField = config.optionalString('internal_networks_field')
  if (internalNetworks === null && internalNetworksField === null) {
    throw config.error('internal_networks', 'or [internal_networks_field] must be specified')
  }
  if (internalNetworks !== null && internalNetworksField !== null) {
    throw config.error(
      'internal_networks',
      'and [internal_networks_field] cannot both be used in the same processor',
    )
  }
  const templates = internalNetworks?.map((network) =>
    config.compile('internal_networks', javaToString(network)),
  )
  const direction = (doc: IngestDocument): string | null => {
    let networks: string[]
    if (templates === undefined) {
      const list = doc.getFieldValue(internalNetworksField!, ignoreMissing) ?? null
      if (list === null) return null
      if (!Array.isArray(list)) castError(internalNetworksField!, list, 'java.util.ArrayList')
      networks = list.map((network) => javaToString(network))
    } else networks = templates.map((template) => template.render(doc))
    const sourceIp = doc.getStringFieldValue(sourceIpField, ignoreMissing)
    if (sourceIp === null) return null
    const destinationIp = doc.getStringFieldValue(destinationIpField, ignoreMissing)
    if (destinationIp === null) return null
    const internal = (ip: string) => networks.some((network) => inNetwork(ip, network))
    const sourceInternal = internal(sourceIp)
    const destinationInternal = internal(destinationIp)
    if (sourceInternal && destinationInternal) return 'internal'
    if (sourceInternal) return 'outbound'
    return destinationInternal ? 'inbound' : 'external'
  }
  return {
    type: 'network_direction',
    execute(doc: IngestDocument) {
      const result = direction(doc)
      if (result === null) {
        if (ignoreMissing) return doc
        throw illegalArgumentException('unable to calculate network direction from document')
      }
      doc.setFieldValue(targetField, result)
      return doc
    },
  }
}
