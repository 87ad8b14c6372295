// Shared by the broker tests: the log engine (run `node engine-wasm/build.mjs` first), a KRaft cluster of
// KafkaServers in the deterministic simulation, run until it is ready, and small helpers for record batches.
import { readFileSync } from 'node:fs'
import { LogEngine, type RecordInput } from '../../../engine-wasm/src/log/index.ts'
import { simKafkaCluster, type SimKafkaCluster } from './server/sim-kafka-cluster.ts'

/** Time for a cluster to elect its controller, register and unfence every broker. */
const STARTUP_MS = 10_000

export function loadLogEngine(): Promise<LogEngine> {
  return LogEngine.load(readFileSync(new URL('../../../engine-wasm/build/log.wasm', import.meta.url)))
}

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)
export const text = (bytes: Uint8Array | null): string | null =>
  bytes === null ? null : new TextDecoder().decode(bytes)

export function record(value: string, key: string | null = null, timestamp = 1_000): RecordInput {
  return { key: key === null ? null : utf8(key), value: utf8(value), timestamp, headers: [] }
}

/** A cluster of `size` KafkaServers (node ids 1..size, ports 9092..), ready to serve clients. */
export async function startCluster(size = 1, seed = 7): Promise<SimKafkaCluster> {
  const cluster = await simKafkaCluster(size, seed)
  await cluster.advance(STARTUP_MS)
  return cluster
}

/**
 * Stops node `id` at once (SIGKILL), runs `whileDown` (to damage its storage, say), and starts it again over
 * the same storage, until it serves again.
 */
export async function restart(
  cluster: SimKafkaCluster,
  id: number,
  whileDown: () => Promise<void> = () => Promise.resolve(),
): Promise<void> {
  cluster.kill(id)
  await whileDown()
  await cluster.start(id)
  await cluster.advance(STARTUP_MS)
}

/** The values of every record in back-to-back batches, with their offsets. */
export function decodeValues(engine: LogEngine, batches: Uint8Array): Array<[number, string | null]> {
  return engine
    .decodeBatches(batches)
    .flatMap((b) => b.records.map((r): [number, string | null] => [r.offset, text(r.value)]))
}

/** Joins byte chunks (the codecs' concatBytes). */
export { concatBytes as concat } from '../../../engine-wasm/src/log/compression/bytes.ts'
