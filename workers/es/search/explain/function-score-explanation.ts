/**
 * ES 8's FunctionScoreQuery explanation (CustomBoostFactorWeight.explain) over the engine's function records:
 * the query's explanation, each applying function's explainScore (WeightFactorFunction "product of:" with
 * "weight", "constant score 1.0 - no function provided", "field value function: ...", decay "Function for field
 * f:", "random score function (seed: s, field: f)"), filtered ones under "function score, product of:" with "match filter: <filter>", then "function score,
 * score mode [m]" for several, "No function matched" for none, CombineFunction.explain ("function score, product
 * of:", "min of:" with "maxBoost", "sum of", "avg of", "min of", "max of:"), and min_score's "Score value is too
 * low, expected at least m but got s". Values are float as ES computes them; computeScore is redone in double.
 */
import type {
  CombineFunction,
  ExplainedQuery,
  ExplainedWeight,
  IndexQuery,
  IndexScoreFunction,
} from '../../../../engine-wasm/src/index/index.ts'
import { processedScale } from '../../../../engine-wasm/src/index/query-program.ts'
import { javaDoubleToString, javaFloatToString } from '../../xcontent/index.ts'
import { match, noMatch, type Explanation } from './explanation.ts'
import { describeQuery } from './query-description.ts'

type FunctionScore = Extract<IndexQuery, { type: 'functionScore' }>
type FunctionRecord = Extract<ExplainedWeight, { status: 'function' }>

const f = Math.fround
const d = javaDoubleToString

/** NumericFieldDataScoreFunction.getDistanceString. */
function distanceText(fn: Extract<IndexScoreFunction['fn'], { type: 'decay' }>, values: number[]): string {
  const each = values.map(
    (v) =>
      `Math.max(Math.abs(${d(v)}(=doc value) - ${d(fn.origin)}(=origin))) - ${d(fn.offset)}(=offset), 0)`,
  )
  return `${fn.mode.toUpperCase()}[${each.length > 0 ? each.join(', ') : '0.0'}]`
}

/** The function's own explainScore (before its weight). */
function explainFunction({ fn }: IndexScoreFunction, record: FunctionRecord): Explanation {
  const value = f(record.value)
  switch (fn.type) {
    case 'weight':
      return match(1, 'constant score 1.0 - no function provided')
    case 'fieldValueFactor': {
      const missing = fn.missing !== null ? `?:${d(fn.missing)}` : ''
      return match(
        value,
        `field value function: ${fn.modifier}(doc['${fn.alias ?? fn.field}'].value${missing} * factor=${javaFloatToString(fn.factor)})`,
      )
    }
    case 'decay': {
      const scale = processedScale(fn.shape, fn.scale, fn.decay)
      const distance = distanceText(fn, record.docValues)
      const text =
        fn.shape === 'gauss'
          ? `exp(-0.5*pow(${distance},2.0)/${d(-1 * scale)})`
          : fn.shape === 'exp'
            ? `exp(- ${distance} * ${d(-1 * scale)})`
            : `max(0.0, ((${d(scale)} - ${distance})/${d(scale)})`
      return match(value, `Function for field ${fn.alias ?? fn.field}:`, [match(value, text)])
    }
    case 'random':
      return match(value, `random score function (seed: ${fn.seed}, field: ${fn.field})`)
  }
}

/** ScoreFunction.getLeafScoreFunction(...).explainScore, WeightFactorFunction's when it has a weight. */
function explainScore(fn: IndexScoreFunction, record: FunctionRecord): Explanation {
  const inner = explainFunction(fn, record)
  if (fn.weight === null) return inner
  return match(f(inner.value * fn.weight), 'product of:', [inner, match(fn.weight, 'weight')])
}

/** FunctionFactorScorer.computeScore over the applying functions' weighted values. */
function computeScore(query: FunctionScore, applying: Array<[IndexScoreFunction, FunctionRecord]>): number {
  const values = applying.map(([fn, r]) => (fn.weight !== null ? r.value * fn.weight : r.value))
  const [first] = values
  switch (query.scoreMode) {
    case 'first':
      return first ?? 1
    case 'max':
      return values.length > 0 ? Math.max(...values) : 1
    case 'min':
      return values.length > 0 ? Math.min(...values) : 1
    case 'multiply':
      return values.reduce((a, b) => a * b, 1)
    default: {
      const total = values.reduce((a, b) => a + b, 0)
      const weightSum = applying.reduce((a, [fn]) => a + (fn.weight ?? 1), 0)
      if (weightSum === 0) return 1
      return query.scoreMode === 'avg' ? total / weightSum : total
    }
  }
}

/** CombineFunction.explain. */
function combineExplain(
  mode: CombineFunction,
  queryExpl: Explanation,
  funcExpl: Explanation,
  maxBoost: number,
) {
  const capped = Math.min(funcExpl.value, maxBoost)
  const minExpl = match(capped, 'min of:', [funcExpl, match(maxBoost, 'maxBoost')])
  const q = queryExpl.value
  switch (mode) {
    case 'multiply':
      return match(f(q * minExpl.value), 'function score, product of:', [queryExpl, minExpl])
    case 'replace':
      return minExpl
    case 'sum':
      return match(f(capped + q), 'sum of', [queryExpl, minExpl])
    case 'avg':
      return match(f(capped + q) / 2, 'avg of', [queryExpl, minExpl])
    case 'min':
      return match(Math.min(capped, q), 'min of', [queryExpl, minExpl])
    case 'max':
      return match(Math.max(capped, q), 'max of:', [queryExpl, minExpl])
  }
}

export function functionScoreExplanation(
  node: ExplainedQuery & { query: FunctionScore },
  explainChild: (child: ExplainedQuery) => Explanation,
): Explanation {
  const { query } = node
  const [queryNode] = node.children
  if (!queryNode) return noMatch('')
  let expl = explainChild(queryNode)
  if (!expl.match) return expl
  const records = node.weights.filter((w): w is FunctionRecord => w.status === 'function')
  const applying: Array<[IndexScoreFunction, FunctionRecord]> = []
  const explanations: Explanation[] = []
  query.functions.forEach((fn, i) => {
    const record = records[i]
    if (!record?.applies) return
    applying.push([fn, record])
    const e = explainScore(fn, record)
    if (fn.filter === null) explanations.push(e)
    else {
      const filter = match(1, `match filter: ${describeQuery(fn.filter)}`)
      explanations.push(match(e.value, 'function score, product of:', [filter, e]))
    }
  })
  if (query.functions.length > 0) {
    const single = query.functions.length === 1 && query.functions[0]?.filter === null
    const [only] = explanations
    const factor =
      explanations.length === 0
        ? match(1, 'No function matched')
        : single && only
          ? only
          : match(
              computeScore(query, applying),
              `function score, score mode [${query.scoreMode}]`,
              explanations,
            )
    expl = combineExplain(query.boostMode, expl, factor, f(query.maxBoost))
  }
  if (query.minScore !== null && query.minScore > expl.value) {
    const text = `Score value is too low, expected at least ${javaFloatToString(query.minScore)} but got ${javaFloatToString(expl.value)}`
    return noMatch(text, [expl])
  }
  return expl
}
