/**
 * Resolves `bootstrap.servers` to a broker, as a client's first connection does. The directory maps a
 * host:port to the broker listening there; `localhost`, `127.0.0.1` and the broker's advertised
 * names are the same host. Returns null when nothing listens at any of the given addresses.
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

export function connectBootstrap(directory: BrokerDirectory, servers: string): BrokerApi | null {
  for (const { host, port } of parseBootstrapServers(servers)) {
    const isLocal = LOCAL_HOSTS.has(host.toLowerCase()) || /^broker-?\d+$|^kafka\d*$/.test(host.toLowerCase())
    if (!isLocal || !Number.isInteger(port)) continue
    const broker = directory.brokerAtPort(port)
    if (broker) return broker
  }
  return null
}
