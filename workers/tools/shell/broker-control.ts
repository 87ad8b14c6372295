/**
 * What the playground can do to the hosts of the Kafka cluster, as happens in real life: stop a broker
 * cleanly (controlled shutdown), kill it (no goodbye: the controller notices when its session expires),
 * pause and resume its process (SIGSTOP / SIGCONT: it neither acts nor answers meanwhile), start it
 * again, add a new broker-only node with an empty log dir, and cut the network around some brokers and
 * heal it. The headless cluster and the browser's worker host both implement it.
 */
import type { HostControl } from './host-commands.ts'

export interface BrokerControl extends HostControl {
  /** controller.quorum.voters: fixed when the cluster was formatted; added brokers are never voters. */
  voters(): number[]
  /** Starts broker N+1 (a broker-only node over an empty log dir) and returns its id. */
  add(): Promise<number>
  /**
   * Starts stopped broker `id` with the properties of the file given to kafka-server-start.sh; its later
   * starts (start-broker) keep them, as a broker keeps its file. Until then a broker runs with the installed one.
   */
  startWith(id: number, serverProperties: Record<string, string>): Promise<void>
}

/** The most brokers the playground runs (localhost:9092 to localhost:9100). */
export const MAX_BROKERS = 9

/** In combined mode the first (up to) three brokers are also the controller quorum's voters. */
export function kafkaVoters(brokers: number): number[] {
  return Array.from({ length: Math.min(3, brokers) }, (_, i) => i + 1)
}
