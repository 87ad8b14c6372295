/**
 * What the playground can do to the hosts of the Kafka cluster, as happens in real life: stop a broker
 * cleanly (controlled shutdown), kill it (no goodbye: the controller notices when its session expires),
 * start it again, and cut the network around some brokers and heal it. The headless cluster and the
 * browser's worker host both implement it.
 */
export interface BrokerControl {
  ids(): number[]
  isRunning(id: number): boolean
  start(id: number): Promise<void>
  stop(id: number): Promise<void>
  kill(id: number): Promise<void>
  /** Cuts every link between these brokers and the others. */
  isolate(ids: number[]): void
  heal(): void
}

/** In combined mode the first (up to) three brokers are also the controller quorum's voters. */
export function kafkaVoters(brokers: number): number[] {
  return Array.from({ length: Math.min(3, brokers) }, (_, i) => i + 1)
}
