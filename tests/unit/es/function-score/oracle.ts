// A naive TypeScript oracle of ES 8's function_score formulas, written straight from FunctionScoreQuery,
// WeightFactorFunction, FieldValueFactorFunction, the decay builders and CombineFunction: double arithmetic,
// float casts where ES casts. The sub-query is match_all (its score is the boost); filters are a tag match.
import type { IndexScoreFunction } from '../../../../engine-wasm/src/index/index.ts'

export interface OracleDoc {
  tag: string
  values: number[]
}

export interface OracleFunction {
  /** Applies only to docs with this tag, when set. */
  tag: string | null
  weight: number | null
  fn: IndexScoreFunction['fn']
}

const MODIFY: Record<string, (n: number) => number> = {
  none: (n) => n,
  log: Math.log10,
  log1p: (n) => Math.log10(n + 1),
  log2p: (n) => Math.log10(n + 2),
  ln: Math.log,
  ln1p: Math.log1p,
  ln2p: (n) => Math.log1p(n + 1),
  square: (n) => n * n,
  sqrt: Math.sqrt,
  reciprocal: (n) => 1 / n,
}

export function functionValue(fn: IndexScoreFunction['fn'], values: number[]): number {
  if (fn.type === 'weight') return 1
  if (fn.type === 'fieldValueFactor') {
    const value = values.length > 0 ? Math.min(...values) : (fn.missing ?? NaN)
    return MODIFY[fn.modifier]!(value * fn.factor)
  }
  if (fn.type === 'random')
    throw new Error('random_score has its own oracle (features-s6/random-score.test.ts)')
  const distances = values.map((v) => Math.max(0, Math.abs(v - fn.origin) - fn.offset))
  let distance = 0
  if (distances.length > 0) {
    if (fn.mode === 'min') distance = Math.min(...distances)
    else if (fn.mode === 'max') distance = Math.max(...distances)
    else {
      const sum = [...distances].sort((a, b) => a - b).reduce((a, b) => a + b, 0)
      distance = fn.mode === 'sum' ? sum : sum / distances.length
    }
  }
  if (fn.shape === 'gauss') {
    const scale = (0.5 * fn.scale * fn.scale) / Math.log(fn.decay)
    return Math.exp((0.5 * distance * distance) / scale)
  }
  if (fn.shape === 'exp') return Math.exp((Math.log(fn.decay) / fn.scale) * distance)
  const scale = fn.scale / (1 - fn.decay)
  return Math.max(0, (scale - distance) / scale)
}

export function oracleScore(
  doc: OracleDoc,
  functions: OracleFunction[],
  scoreMode: string,
  boostMode: string,
  maxBoost: number,
  queryScore: number,
): number {
  const applying = functions.filter((f) => f.tag === null || f.tag === doc.tag)
  const values = applying.map((f) => {
    const v = functionValue(f.fn, doc.values)
    return f.weight !== null ? v * f.weight : v
  })
  let factor = 1
  if (values.length > 0) {
    if (scoreMode === 'first') factor = values[0]!
    else if (scoreMode === 'max') factor = Math.max(...values)
    else if (scoreMode === 'min') factor = Math.min(...values)
    else if (scoreMode === 'multiply') factor = values.reduce((a, b) => a * b, 1)
    else {
      const total = values.reduce((a, b) => a + b, 0)
      const weightSum = applying.reduce((a, f) => a + (f.weight ?? 1), 0)
      factor = scoreMode === 'avg' ? total / weightSum : total
    }
  }
  const q = boostMode === 'replace' ? 0 : queryScore
  const capped = Math.min(factor, maxBoost)
  const combined: Record<string, number> = {
    multiply: q * capped,
    replace: capped,
    sum: q + capped,
    avg: (capped + q) / 2,
    max: Math.max(q, capped),
    min: Math.min(q, capped),
  }
  return Math.fround(combined[boostMode]!)
}
