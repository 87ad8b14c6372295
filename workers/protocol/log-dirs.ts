/**
 * Where each broker keeps its logs (`log.dirs`), as Kafka's quickstart lays out a cluster on one host:
 * broker 1 runs with config/server.properties (`log.dirs=/tmp/kraft-combined-logs`), and broker N >= 2
 * with its own properties file whose log.dirs is `/tmp/kraft-combined-logs-N`, so that no two brokers
 * share a directory. One directory per broker.
 */
const QUICKSTART_LOG_DIR = '/tmp/kraft-combined-logs'

/** The single log directory of broker `brokerId`. */
export function logDirFor(brokerId: number): string {
  return brokerId === 1 ? QUICKSTART_LOG_DIR : `${QUICKSTART_LOG_DIR}-${brokerId}`
}

/** The broker among `brokerIds` whose log dir holds `path`, or null. */
export function brokerHoldingPath(path: string, brokerIds: readonly number[]): number | null {
  return brokerIds.find((id) => path.startsWith(logDirFor(id) + '/')) ?? null
}
