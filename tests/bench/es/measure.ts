/**
 * Measuring helpers of the Node index benchmarks: a forced full GC (Node's gc, reached through
 * `--expose-gc` set at run time, so `npm run bench` needs no node flag), the bytes a build retains
 * (JS heap plus external memory: in Node, `external` counts ArrayBuffers and WebAssembly memories alike,
 * `arrayBuffers` alone does not count WASM memory), and a median latency over a query set.
 */
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { percentile } from './percentile.ts'

setFlagsFromString('--expose-gc')
const collect = runInNewContext('gc') as () => void

export interface RetainedBytes {
  /** JS heap plus external memory (ArrayBuffers and WASM memories) retained by the build. */
  total: number
  /** The part outside ArrayBuffers and the JS heap: WASM memories (and any other native allocation). */
  wasm: number
}

function settledUsage(): NodeJS.MemoryUsage {
  collect()
  collect()
  return process.memoryUsage()
}

/** Runs `build` once: how long it took and what its result retains after a full GC. */
export function measureBuild<T>(build: () => T): { value: T; ms: number; bytes: RetainedBytes } {
  const before = settledUsage()
  const started = performance.now()
  const value = build()
  const ms = performance.now() - started
  const after = settledUsage()
  const heap = after.heapUsed - before.heapUsed
  const external = after.external - before.external
  const arrayBuffers = after.arrayBuffers - before.arrayBuffers
  return { value, ms, bytes: { total: heap + external, wasm: external - arrayBuffers } }
}

/** The median of `rounds` timed runs of every query (after one untimed warm-up round), in ms. */
export function medianLatency<Q>(queries: readonly Q[], rounds: number, run: (query: Q) => unknown): number {
  for (const query of queries) run(query)
  const times = new Float64Array(queries.length * rounds)
  let n = 0
  for (let round = 0; round < rounds; round++) {
    for (const query of queries) {
      const started = performance.now()
      run(query)
      times[n++] = performance.now() - started
    }
  }
  return percentile(times, 0.5)
}
