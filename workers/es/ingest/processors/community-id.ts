/**
 * The `community_id` processor (CommunityIdProcessor, ES 8): the Community ID flow hash (corelight's
 * community-id-spec, version 1) of a flow read from `source_ip` (`source.ip`), `source_port` (`source.port`),
 * `destination_ip` (`destination.ip`), `destination_port` (`destination.port`), `iana_number`
 * (`network.iana_number`), `transport` (`network.transport`), `icmp_type` (`icmp.type`), `icmp_code` (`icmp.code`),
 * into `target_field` (`network.community_id`), with `seed` (0; `[seed] must be a value between 0 and 65535`) and
 * `ignore_missing` (true).
 *
 * The protocol is the IANA number, else the transport (a name such as `tcp` or `ipv6-icmp`, or a number; 0–254:
 * `invalid transport protocol number [n]`, `could not convert string [x] to transport protocol`). TCP, UDP and SCTP
 * take the ports (a number or a numeric string; `unable to parse source port [x]`, `invalid source port [x]`); ICMP
 * and ICMPv6 the type and code, a type with a reply counterpart standing in for the code. The hashed bytes are the
 * seed (2 bytes), the two addresses (4 bytes for IPv4, 16 for IPv6), the protocol and a 0 byte, and for those
 * protocols the two ports, the endpoints in ascending (address, port) order unless the ICMP message is one-way;
 * the result is `1:` and the SHA-1 digest in Base64. Without both addresses and a protocol: `unable to construct
 * flow from document` unless `ignore_missing`.
 */
import { XNumber, type XContentValue } from '../../xcontent/index.ts'
import { messageDigest } from '../../common/hash/message-digest.ts'
import { forString, isIpv4, type AddressBytes } from '../../common/network/inet-addresses.ts'
import { encodeBase64 } from '../../index/mapper/binary-field.ts'
import { INT_RANGE, parseJavaInteger } from '../../../net/java-integer.ts'
import type { IngestDocument } from '../ingest-document.ts'
import { illegalArgumentException, illegalStateException } from '../ingest-exceptions.ts'
import { javaClassName, javaIntValue, javaToString } from '../java-values.ts'
import type { Processor } from '../processor.ts'
import type { ProcessorConfig } from '../processor-config.ts'

const TRANSPORT_NAMES: ReadonlyMap<string, number> = new Map([
  ['icmp', 1],
  ['igmp', 2],
  ['tcp', 6],
  ['udp', 17],
  ['gre', 47],
  ['ipv6-icmp', 58],
  ['icmpv6', 58],
  ['eigrp', 88],
  ['ospf', 89],
  ['pim', 103],
  ['sctp', 132],
])
const ICMP = 1
const ICMP_V6 = 58
const PORT_PROTOCOLS = new Set([6, 17, 132])

/** IcmpType's code equivalents: a request and its reply. */
const ICMP_V4_EQUIVALENTS = new Map([
  [8, 0],
  [0, 8],
  [13, 14],
  [14, 13],
  [15, 16],
  [10, 9],
  [9, 10],
  [17, 18],
  [18, 17],
])
const ICMP_V6_EQUIVALENTS = new Map([
  [128, 129],
  [129, 128],
  [133, 134],
  [134, 133],
  [136, 135],
  [135, 136],
  [130, 131],
  [139, 140],
  [140, 139],
  [144, 145],
  [145, 144],
])

const javaParseInt = (text: string): number | null =>
  /^[+-]?\d+$/.test(text) ? ((n) => (n === null ? null : Number(n)))(parseJavaInteger(text, INT_RANGE)) : null

function transportNumber(value: Exclude<XContentValue, null>): number {
  let number: number | null
  if (value instanceof XNumber) number = javaIntValue(value)
  else if (typeof value === 'string') {
    number = TRANSPORT_NAMES.get(value.toLowerCase()) ?? javaParseInt(value)
    if (number === null)
      throw illegalArgumentException(`could not convert string [${value}] to transport protocol`)
  } else {
    throw illegalArgumentException(
      `could not convert value of type [${javaClassName(value)}] to transport protocol`,
    )
  }
  if (number < 0 || number >= 255)
    throw illegalArgumentException(`invalid transport protocol number [${number}]`)
  return number
}

/** CommunityIdProcessor.parseIntFromObjectOrString: null is 0. */
function parseIntValue(value: XContentValue, name: string): number {
  if (value === null) return 0
  if (value instanceof XNumber) return javaIntValue(value)
  const parsed = typeof value === 'string' ? javaParseInt(value) : null
  if (parsed === null) throw illegalArgumentException(`unable to parse ${name} [${javaToString(value)}]`)
  return parsed
}

function uint16(n: number): number[] {
  if (n < 0 || n > 65535) throw illegalStateException(`number [${n}] must be a value between 0 and 65535`)
  return [n >> 8, n & 0xff]
}

/** InetAddress.getAddress: 4 bytes for an IPv4 address, 16 for IPv6. */
const addressBytes = (address: AddressBytes): number[] => [
  ...(isIpv4(address) ? address.subarray(12) : address),
]
const unsigned = (bytes: readonly number[]) => bytes.reduce((n, b) => (n << 8n) | BigInt(b), 0n)

interface Flow {
  source: number[]
  destination: number[]
  protocol: number
  sourcePort: number
  destinationPort: number
  icmpType: number
  icmpCode: number
}

/** Flow.toBytes. */
function flowBytes(flow: Flow): number[] {
  const { source, destination, protocol } = flow
  let { sourcePort, destinationPort } = flow
  const icmp = protocol === ICMP || protocol === ICMP_V6
  let oneWay = false
  if (icmp) {
    const equivalent = (protocol === ICMP_V6 ? ICMP_V6_EQUIVALENTS : ICMP_V4_EQUIVALENTS).get(flow.icmpType)
    oneWay = equivalent === undefined
    sourcePort = flow.icmpType
    destinationPort = equivalent ?? flow.icmpCode
  }
  const order = unsigned(source) - unsigned(destination)
  const keepOrder = order < 0n || (order === 0n && sourcePort < destinationPort) || (icmp && oneWay)
  const bytes = keepOrder ? [...source, ...destination] : [...destination, ...source]
  bytes.push(...uint16(protocol << 8))
  if (icmp || PORT_PROTOCOLS.has(protocol)) {
    const [first, second] = keepOrder ? [sourcePort, destinationPort] : [destinationPort, sourcePort]
    bytes.push(...uint16(first), ...uint16(second))
  }
  return bytes
}

export function createCommunityId(config: ProcessorConfig): Processor {
  const read = (name: string, defaultValue: string) => config.optionalString(name) ?? defaultValue
  const sourceIpField = read('source_ip', 'source.ip')
  const sourcePortField = read('source_port', 'source.port')
  const destinationIpField = read('destination_ip', 'destination.ip')
  const destinationPortField = read('destination_port', 'destination.port')
  const ianaNumberField = read('iana_number', 'network.iana_number')
  const transportField = read('transport', 'network.transport')
  const icmpTypeField = read('icmp_type', 'icmp.type')
  const icmpCodeField = read('icmp_code', 'icmp.code')
  const targetField = read('target_field', 'network.community_id')
  const seed = config.optionalInt('seed') ?? 0
  if (seed < 0 || seed > 65535) throw config.error('seed', 'must be a value between 0 and 65535')
  const ignoreMissing = config.boolean('ignore_missing', true)
  return {
    type: 'community_id',
    execute(doc: IngestDocument) {
      const value = (field: string, ignore: boolean) => doc.getFieldValue(field, ignore) ?? null
      const sourceIp = doc.getStringFieldValue(sourceIpField, ignoreMissing)
      const destinationIp = doc.getStringFieldValue(destinationIpField, ignoreMissing)
      const ianaNumber = value(ianaNumberField, true)
      const icmpType = value(icmpTypeField, true)
      const icmpCode = value(icmpCodeField, true)
      let flow: Flow | null = null
      if (sourceIp !== null && destinationIp !== null) {
        const source = addressBytes(forString(sourceIp))
        const destination = addressBytes(forString(destinationIp))
        const protocolValue = ianaNumber ?? value(transportField, ignoreMissing)
        if (protocolValue !== null) {
          flow = {
            source,
            destination,
            protocol: transportNumber(protocolValue),
            sourcePort: 0,
            destinationPort: 0,
            icmpType: 0,
            icmpCode: 0,
          }
          if (PORT_PROTOCOLS.has(flow.protocol)) {
            const sourcePort = value(sourcePortField, ignoreMissing)
            flow.sourcePort = parseIntValue(sourcePort, 'source port')
            if (flow.sourcePort < 0 || flow.sourcePort > 65535) {
              throw illegalArgumentException(`invalid source port [${javaToString(sourcePort)}]`)
            }
            const destinationPort = value(destinationPortField, ignoreMissing)
            flow.destinationPort = parseIntValue(destinationPort, 'destination port')
            if (flow.destinationPort < 0 || flow.destinationPort > 65535) {
              throw illegalArgumentException(`invalid destination port [${javaToString(destinationPort)}]`)
            }
          } else if (flow.protocol === ICMP || flow.protocol === ICMP_V6) {
            flow.icmpType = parseIntValue(icmpType, 'icmp type')
            flow.icmpCode = parseIntValue(icmpCode, 'icmp code')
          }
        }
      }
      if (flow === null) {
        if (ignoreMissing) return doc
        throw illegalArgumentException('unable to construct flow from document')
      }
      const digest = messageDigest('SHA-1', Uint8Array.from([...uint16(seed), ...flowBytes(flow)]))
      doc.setFieldValue(targetField, '1:' + encodeBase64(digest))
      return doc
    },
  }
}
