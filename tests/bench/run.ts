/**
 * `npm run bench [-- --smoke] [-- --runs N] [-- --only NAME[,NAME]]`: runs every benchmark and prints one row
 * per figure, with the peer it was measured against in the same run and the ratio. `--smoke` runs each briefly
 * (CI checks that the benchmarks still run, not their figures). The index builds and the Kafka pages, whose
 * figures move most with the machine's load, are repeated `--runs` times (default 3; 1 with --smoke) and
 * reported as the median with the lowest and highest run. `--only` runs just the named benchmarks (BENCHMARKS),
 * e.g. `--only kafka-latency`.
 */
import { parseArgs } from 'node:util'
import { benchLogSegment } from './log-segment.bench.ts'
import { benchScriptParser } from './script-parser.bench.ts'
import { benchBrowser, type BrowserBenchmark } from './browser-bench.ts'
import { benchKafkaReload } from './kafka-reload.bench.ts'
import { benchEsIndex } from './es-index.bench.ts'
import type { BenchResult } from './result.ts'

/** The names `--only` takes, in the order the benchmarks run. */
const BENCHMARKS = [
  'log-segment',
  'script-parser',
  'es-index',
  'kafka-throughput',
  'kafka-latency',
  'es-browser',
  'kafka-reload',
] as const
type Benchmark = (typeof BENCHMARKS)[number]

const { values: args } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    runs: { type: 'string' },
    only: { type: 'string' },
  },
})
const smoke = args.smoke
const runs = Number(args.runs ?? (smoke ? 1 : 3))
if (!Number.isInteger(runs) || runs < 1)
  throw new Error(`--runs takes a whole number of runs, not ${args.runs}`)
const only = args.only?.split(',')
for (const name of only ?? []) {
  if (!(BENCHMARKS as readonly string[]).includes(name))
    throw new Error(`--only takes benchmark names (${BENCHMARKS.join(', ')}), not ${name}`)
}
const wanted = (name: Benchmark): boolean => only === undefined || only.includes(name)
const browserBenchmarks = (['kafka-throughput', 'kafka-latency', 'es-browser'] as const).filter(wanted)
const results: BenchResult[] = [
  ...(wanted('log-segment') ? await benchLogSegment({ smoke }) : []),
  ...(wanted('script-parser') ? benchScriptParser({ smoke }) : []),
  ...(wanted('es-index') ? await benchEsIndex({ smoke, runs }) : []),
  ...(browserBenchmarks.length > 0
    ? await benchBrowser({ smoke, runs, only: new Set<BrowserBenchmark>(browserBenchmarks) })
    : []),
  ...(wanted('kafka-reload') ? await benchKafkaReload({ smoke }) : []),
]

/** Large figures to one decimal; small ones (sub-millisecond latencies, small ratios) to three significant digits. */
function figure(value: number): string {
  return Math.abs(value) >= 100
    ? value.toLocaleString('en-US', { maximumFractionDigits: 1 })
    : value.toLocaleString('en-US', { maximumSignificantDigits: 3 })
}

const rows = results.map((r) => [
  r.name,
  `${figure(r.value)} ${r.unit}`,
  r.peer ?? '',
  r.ratio === undefined ? '' : `${figure(r.ratio)}×`,
  r.runs === undefined ? '' : `median of ${r.runs.count}: ${figure(r.runs.min)} – ${figure(r.runs.max)}`,
])
const header = ['benchmark', 'value', 'peer', 'ratio', 'runs']
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)))
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ')
console.log(line(header))
for (const row of rows) console.log(line(row))
if (smoke) console.log('(smoke run: figures are not representative)')
