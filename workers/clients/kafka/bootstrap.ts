/**
 * `bootstrap.servers` as clients read it, and the directory that maps a port of this machine to the broker
 * listening there; `localhost`, `127.0.0.1` and the brokers' advertised names are the same host.
 */
import type { BrokerApi } from '../../protocol/kafka.ts'

export interface BrokerDirectory {
  /** The broker listening on this port of localhost, or null. */
  brokerAtPort(port: number): BrokerApi | null
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]', '0.0.0.0'])

export function parseBootstrapServers(servers: string): Array<{ host: string; port: number }> {
  return servers
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0)
    .map((entry) => {
      const colon = entry.lastIndexOf(':')
      return { host: entry.slice(0, colon), port: Number(entry.slice(colon + 1)) }
    })
}

/**
 * The address a connection to `host:port` of this machine reaches, as Java prints its InetSocketAddress: a name
 * with the address it resolved to (`localhost/127.0.0.1:9092`), a literal address after an empty name
 * (`/127.0.0.1:9092`, IPv6 in full: `/0:0:0:0:0:0:0:1:9092`).
 */
export function socketAddress(host: string, port: number): string {
  const literal = host.replace(/^\[(.*)\]$/, '$1')
  if (literal === '::1') return `/0:0:0:0:0:0:0:1:${port}`
  if (/^\d+\.\d+\.\d+\.\d+$/.test(literal)) return `/${literal}:${port}`
  return `${host}/127.0.0.1:${port}`
}

/** The names under which this machine's brokers are reached. */
export function isLocalHost(host: string): boolean {
  const lower = host.toLowerCase()
  return LOCAL_HOSTS.has(lower) || /^broker-?\d+$|^kafka\d*$/.test(lower)
}
