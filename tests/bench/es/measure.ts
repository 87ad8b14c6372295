/**
 * Measuring helpers of the Node index benchmarks: a forced full GC (Node's gc, reached through
 * `--expose-gc` set at run time, so `npm run bench` needs no node flag), the bytes a build retains
 * (JS heap plus external memory: in Node, `external` counts ArrayBuffers and WebAssembly memories alike,
 * `arrayBuffers` alone does not count WASM memory), and a median latency over a query set after a warm-up.
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

/**
 * Runs `build` once on what `prepare` gives it: how long the build took (not the preparation) and what its result
 * retains after a full GC. The prepared input is made after the first memory reading and unreachable by the second,
 * so it counts in neither.
 */
export function measureBuild<I, T>(
  prepare: () => I,
  build: (input: I) => T,
): { value: T; ms: number; bytes: RetainedBytes } {
  const before = settledUsage()
  let input: I | null = prepare()
  const started = performance.now()
  const value = build(input)
  const ms = performance.now() - started
  input = null
  const after = settledUsage()
  const heap = after.heapUsed - before.heapUsed
  const external = after.external - before.external
  const arrayBuffers = after.arrayBuffers - before.arrayBuffers
  return { value, ms, bytes: { total: heap + external, wasm: external - arrayBuffers } }
}

/** How a query set is timed: `rounds` timed rounds after at least `warmupMs` of warm-up. */
export interface LatencyTiming {
  rounds: number
  warmupMs: number
}

/**
 * The median of `rounds` timed runs of every query, in ms, after warm-up rounds (untimed, whole rounds)
 * until at least `warmupMs` has passed, and at least one: JMH's warm-up iterations. Warming by time
 * rather than by count treats every engine alike: V8 optimises a function (TurboFan) only after it has
 * run for a while, so one round of 300 queries warms a 0.05 ms query path for 15 ms but a 1 ms one for
 * 300 ms.
 */
export function medianLatency<Q>(
  queries: readonly Q[],
  { rounds, warmupMs }: LatencyTiming,
  run: (query: Q) => unknown,
): number {
  const warmupStarted = performance.now()
  do for (const query of queries) run(query)
  while (performance.now() - warmupStarted < warmupMs)
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
