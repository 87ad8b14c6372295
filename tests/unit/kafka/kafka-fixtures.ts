// Shared by the broker tests: the log engine (run `node engine-wasm/build.mjs` first), a broker over a
// MemoryStorage on a virtual clock and a seeded Random, and small helpers for record batches.
import { readFileSync } from 'node:fs'
import { LogEngine, type RecordInput } from '../../../engine-wasm/src/log/index.ts'
import { KafkaBroker } from '../../../workers/kafka/kafka-broker.ts'
import { VirtualClock } from '../../../workers/net/clock.ts'
import { Random } from '../../../workers/net/random.ts'
import { MemoryStorage } from '../../../workers/storage/memory-storage.ts'

export function loadLogEngine(): Promise<LogEngine> {
  return LogEngine.load(readFileSync(new URL('../../../engine-wasm/build/log.wasm', import.meta.url)))
}

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)
export const text = (bytes: Uint8Array | null): string | null =>
  bytes === null ? null : new TextDecoder().decode(bytes)

export function record(value: string, key: string | null = null, timestamp = 1_000): RecordInput {
  return { key: key === null ? null : utf8(key), value: utf8(value), timestamp, headers: [] }
}

export function startBroker(
  engine: LogEngine,
  storage = new MemoryStorage(),
  seed = 7,
): Promise<KafkaBroker> {
  return KafkaBroker.start({
    brokerId: 1,
    clock: new VirtualClock(),
    random: new Random(seed),
    storage,
    engine,
  })
}

/** The values of every record in back-to-back batches, with their offsets. */
export function decodeValues(engine: LogEngine, batches: Uint8Array): Array<[number, string | null]> {
  return engine
    .decodeBatches(batches)
    .flatMap((b) => b.records.map((r): [number, string | null] => [r.offset, text(r.value)]))
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}
