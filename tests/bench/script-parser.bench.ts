/**
 * The console parser on 1 MB buffers of each worst-case shape, in MB/s, against JSON.parse of 1 MB (the
 * peer, same run); and the time ratio of 2 MB to 1 MB, which stays near 2 for a linear parser.
 */
import { parseScript } from '../../workers/tools/script/parse-script.ts'
import { MB, SHAPES, jsonPeer } from '../unit/tools/script/large-buffers.ts'
import type { BenchResult } from './result.ts'

function fastest(runs: number, work: () => unknown): number {
  let best = Infinity
  for (let run = 0; run < runs; run++) {
    const started = performance.now()
    work()
    best = Math.min(best, performance.now() - started)
  }
  return best
}

export function benchScriptParser(opts: { smoke: boolean }): BenchResult[] {
  const runs = opts.smoke ? 1 : 7
  const peerText = jsonPeer(MB)
  const peerMbPerS = MB / 2 ** 20 / (fastest(runs, () => JSON.parse(peerText)) / 1000)
  const results: BenchResult[] = []
  for (const shape of SHAPES) {
    const once = shape.script(MB)
    const twice = shape.script(2 * MB)
    const oneMs = fastest(runs, () => parseScript(once))
    const twoMs = fastest(runs, () => parseScript(twice))
    const mbPerS = 1 / (oneMs / 1000)
    results.push({
      name: `parseScript: ${shape.name}`,
      value: mbPerS,
      unit: 'MB/s',
      peer: 'JSON.parse',
      ratio: mbPerS / peerMbPerS,
    })
    results.push({
      name: `parseScript: ${shape.name}, 2 MB time / 1 MB time`,
      value: twoMs / oneMs,
      unit: '×',
    })
  }
  return results
}
