// FunctionScoreQuery's explanation (CustomBoostFactorWeight.explain and each function's explainScore) over the
// WASM index, text for text: filtered functions under "function score, product of:" with "match filter: <q>",
// "function score, score mode [m]", WeightFactorFunction's "product of:" with "weight", the decay's
// "Function for field n:" with the distance string of NumericFieldDataScoreFunction, CombineFunction's
// "sum of" / "avg of", min_score's "Score value is too low", and "No function matched".
import { beforeAll, describe, expect, it } from 'vitest'
import type { IndexEngine, IndexQuery, IndexScoreFunction } from '../../../../engine-wasm/src/index/index.ts'
import { explainDocument, type Explanation } from '../../../../workers/es/search/explain/index.ts'
import { loadEngine } from '../../engine-wasm/index/load-engine.ts'

const f = Math.fround
let engine: IndexEngine
beforeAll(async () => {
  engine = await loadEngine()
})

function outline(e: Explanation, depth = 0): string[] {
  return [
    `${'  '.repeat(depth)}${e.value} ${e.description}`,
    ...e.details.flatMap((d) => outline(d, depth + 1)),
  ]
}

function explain(query: IndexQuery, docId: number): string[] {
  const index = engine.newIndex()
  index.addDocuments([
    {
      docId: 0,
      fields: [
        { field: 'tag', tokens: [{ term: 'a', position: 0 }], norms: false },
        { field: 'n', tokens: [], values: [5, 30] },
      ],
    },
    { docId: 1, fields: [{ field: 'tag', tokens: [{ term: 'b', position: 0 }], norms: false }] },
  ])
  try {
    return outline(explainDocument(index, query, docId))
  } finally {
    index.free()
  }
}

const tagA: IndexQuery = { type: 'term', field: 'tag', term: 'a', boost: 1 }
const gauss: IndexScoreFunction['fn'] = {
  type: 'decay',
  shape: 'gauss',
  field: 'n',
  origin: 0,
  scale: 10,
  offset: 1,
  decay: 0.5,
  mode: 'min',
}

function functionScore(
  functions: IndexScoreFunction[],
  extra: Partial<Extract<IndexQuery, { type: 'functionScore' }>> = {},
): IndexQuery {
  return {
    type: 'functionScore',
    query: { type: 'matchAll', boost: 1 },
    functions,
    scoreMode: 'sum',
    boostMode: 'multiply',
    maxBoost: f(3.4028234663852886e38),
    minScore: null,
    boost: 1,
    ...extra,
  }
}

describe('function_score explanations', () => {
  it('several functions: filter, weight, decay and the score mode', () => {
    // gauss: distance min(max(|5 - 0| - 1, 0), max(|30 - 0| - 1, 0)) = 4; scale 0.5 * 100 / ln 0.5
    const scale = (0.5 * 100) / Math.log(0.5)
    const decay = Math.exp((0.5 * 16) / scale)
    const functions: IndexScoreFunction[] = [
      { filter: tagA, weight: 2, fn: { type: 'weight' } },
      { filter: null, weight: 3, fn: gauss },
    ]
    const total = f(2 + decay * 3)
    expect(explain(functionScore(functions, { boostMode: 'sum' }), 0)).toEqual([
      `${f(1 + total)} sum of`,
      '  1 *:*',
      `  ${total} min of:`,
      `    ${total} function score, score mode [sum]`,
      '      2 function score, product of:',
      '        1 match filter: tag:a',
      '        2 product of:',
      '          1 constant score 1.0 - no function provided',
      '          2 weight',
      `      ${f(f(decay) * 3)} product of:`,
      `        ${f(decay)} Function for field n:`,
      `          ${f(decay)} exp(-0.5*pow(MIN[Math.max(Math.abs(5.0(=doc value) - 0.0(=origin))) - 1.0(=offset), 0), Math.max(Math.abs(30.0(=doc value) - 0.0(=origin))) - 1.0(=offset), 0)],2.0)/72.13475204444818)`,
      '        3 weight',
      '    3.4028234663852886e+38 maxBoost',
    ])
  })

  it('a document without the field: distance 0.0, and the avg boost mode', () => {
    const query = functionScore([{ filter: null, weight: null, fn: { ...gauss, shape: 'linear' } }], {
      boostMode: 'avg',
      scoreMode: 'first',
    })
    expect(explain(query, 1)).toEqual([
      '1 avg of',
      '  1 *:*',
      '  1 min of:',
      '    1 Function for field n:',
      '      1 max(0.0, ((20.0 - MIN[0.0])/20.0)',
      '    3.4028234663852886e+38 maxBoost',
    ])
  })

  it('no function matched, then min_score rejects', () => {
    const query = functionScore([{ filter: tagA, weight: 5, fn: { type: 'weight' } }], { minScore: 2 })
    expect(explain(query, 1)).toEqual([
      '0 Score value is too low, expected at least 2.0 but got 1.0',
      '  1 function score, product of:',
      '    1 *:*',
      '    1 min of:',
      '      1 No function matched',
      '      3.4028234663852886e+38 maxBoost',
    ])
  })
})
