/**
 * `npm run bench [-- --smoke]`: runs every benchmark and prints one row per figure, with the peer it
 * was measured against in the same run and the ratio. `--smoke` runs each briefly (CI checks that the
 * benchmarks still run, not their figures).
 */
import { benchLogSegment } from './log-segment.bench.ts'
import { benchScriptParser } from './script-parser.bench.ts'
import { benchBrowser } from './browser-bench.ts'
import { benchKafkaReload } from './kafka-reload.bench.ts'
import { benchEsIndex } from './es-index.bench.ts'
import type { BenchResult } from './result.ts'

const smoke = process.argv.includes('--smoke')
const results: BenchResult[] = [
  ...(await benchLogSegment({ smoke })),
  ...benchScriptParser({ smoke }),
  ...(await benchEsIndex({ smoke })),
  ...(await benchBrowser({ smoke })),
  ...(await benchKafkaReload({ smoke })),
]

const rows = results.map((r) => [
  r.name,
  `${r.value.toLocaleString('en-US', { maximumFractionDigits: 1 })} ${r.unit}`,
  r.peer ?? '',
  r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}×`,
])
const header = ['benchmark', 'value', 'peer', 'ratio']
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)))
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ')
console.log(line(header))
for (const row of rows) console.log(line(row))
if (smoke) console.log('(smoke run: figures are not representative)')
