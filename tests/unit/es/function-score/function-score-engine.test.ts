// function_score on the WASM index, score for score. Expected values are ES 8's formulas worked by hand:
// WeightFactorFunction (value * weight), FieldValueFactorFunction (modifier(value * factor), first = smallest
// value), the decays' processScale / evaluate (gauss 0.5*scale^2/ln(decay) then exp(0.5*d^2/s); exp
// ln(decay)/scale then exp(s*d); linear scale/(1-decay) then max(0, (s-d)/s)), computeScore per score_mode
// and CombineFunction per boost_mode, all in double with one float cast at the end. The property test checks
// random functions and modes against oracle.ts.
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import type {
  AnalyzedDocument,
  IndexEngine,
  IndexQuery,
  IndexScoreFunction,
  InvertedIndex,
} from '../../../../engine-wasm/src/index/index.ts'
import { loadEngine } from '../../engine-wasm/index/load-engine.ts'
import { oracleScore, type OracleDoc, type OracleFunction } from './oracle.ts'

const f = Math.fround
let engine: IndexEngine
beforeAll(async () => {
  engine = await loadEngine()
})

function withIndex<T>(docs: OracleDoc[], run: (index: InvertedIndex) => T): T {
  const index = engine.newIndex()
  const analyzed: AnalyzedDocument[] = docs.map((doc, docId) => ({
    docId,
    fields: [
      { field: 'tag', tokens: [{ term: doc.tag, position: 0 }], norms: false },
      { field: 'n', tokens: [], values: doc.values },
    ],
  }))
  index.addDocuments(analyzed)
  try {
    return run(index)
  } finally {
    index.free()
  }
}

// doc 0: n 5, doc 1: n 20 and 40, doc 2: no n, doc 3: n 100
const DOCS: OracleDoc[] = [
  { tag: 'a', values: [5] },
  { tag: 'b', values: [20, 40] },
  { tag: 'a', values: [] },
  { tag: 'b', values: [100] },
]

type Options = Partial<Omit<Extract<IndexQuery, { type: 'functionScore' }>, 'type' | 'functions'>>

function functionScore(functions: IndexScoreFunction[], options: Options = {}): IndexQuery {
  return {
    type: 'functionScore',
    query: { type: 'matchAll', boost: 1 },
    functions,
    scoreMode: 'multiply',
    boostMode: 'multiply',
    maxBoost: f(3.4028234663852886e38),
    minScore: null,
    boost: 1,
    ...options,
  }
}

function scores(query: IndexQuery, docs = DOCS): Array<[number, number]> {
  return withIndex(docs, (index) =>
    index
      .search(query, 100)
      .scoreDocs.map((d): [number, number] => [d.docId, d.score])
      .sort((a, b) => a[0] - b[0]),
  )
}

const weight = (w: number, tag: string | null = null): IndexScoreFunction => ({
  filter: tag === null ? null : { type: 'term', field: 'tag', term: tag, boost: 1 },
  weight: w,
  fn: { type: 'weight' },
})

describe('boost_mode: match_all^2 (query score 2) with weight 3', () => {
  it.each<[string, number]>([
    ['multiply', 6],
    ['replace', 3], // the boost goes to the query's weight, which replace ignores
    ['sum', 5],
    ['avg', 2.5],
    ['max', 3],
    ['min', 2],
  ])('%s gives %d', (boostMode, expected) => {
    const query = functionScore([weight(3)], {
      boost: 2,
      boostMode: boostMode as Options['boostMode'],
      scoreMode: 'first',
    })
    expect(scores(query)).toEqual(DOCS.map((_, i) => [i, expected]))
  })

  it('max_boost caps the functions score: min(3, 2) * 2 = 4', () => {
    expect(scores(functionScore([weight(3)], { boost: 2, maxBoost: 2 }))[0]).toEqual([0, 4])
  })

  it('no functions: the query score', () => {
    expect(scores(functionScore([], { boost: 2 }))[0]).toEqual([0, 2])
  })
})

describe('score_mode: weight 2 where tag is a, weight 3 everywhere', () => {
  // tag a docs (0, 2): both apply; tag b docs (1, 3): only the second. avg divides by the weights' sum.
  it.each<[string, number, number]>([
    ['multiply', 6, 3],
    ['sum', 5, 3],
    ['avg', 1, 1], // (2 + 3) / (2 + 3), 3 / 3
    ['first', 2, 3],
    ['max', 3, 3],
    ['min', 2, 3],
  ])('%s gives %d and %d', (scoreMode, a, b) => {
    const query = functionScore([weight(2, 'a'), weight(3)], { scoreMode: scoreMode as Options['scoreMode'] })
    expect(scores(query)).toEqual([
      [0, a],
      [1, b],
      [2, a],
      [3, b],
    ])
  })

  it('no function applies: factor 1', () => {
    expect(scores(functionScore([weight(2, 'zzz')], { boost: 3 }))[0]).toEqual([0, 3])
  })
})

const fvf = (modifier: string, factor = 1, missing: number | null = 1): IndexScoreFunction => ({
  filter: null,
  weight: null,
  fn: { type: 'fieldValueFactor', field: 'n', factor, modifier: modifier as 'none', missing },
})

describe('field_value_factor (first value = the smallest; missing 1 for doc 2)', () => {
  it.each<[string, number, number[]]>([
    ['none', 1.5, [7.5, 30, 1.5, 150]],
    ['log1p', 1, [Math.log10(6), Math.log10(21), Math.log10(2), Math.log10(101)]],
    ['log2p', 1, [Math.log10(7), Math.log10(22), Math.log10(3), Math.log10(102)]],
    ['ln1p', 1, [Math.log1p(5), Math.log1p(20), Math.log1p(1), Math.log1p(100)]],
    ['ln2p', 1, [Math.log1p(6), Math.log1p(21), Math.log1p(2), Math.log1p(101)]],
    ['log', 2, [1, Math.log10(40), Math.log10(2), Math.log10(200)]],
    ['ln', 1, [Math.log(5), Math.log(20), 0, Math.log(100)]],
    ['square', 2, [100, 1600, 4, 40000]],
    ['sqrt', 2, [Math.sqrt(10), Math.sqrt(40), Math.sqrt(2), Math.sqrt(200)]],
    ['reciprocal', 1, [0.2, 0.05, 1, 0.01]],
  ])('%s(doc.n * %d)', (modifier, factor, expected) => {
    expect(scores(functionScore([fvf(modifier, factor)]))).toEqual(expected.map((e, i) => [i, f(e)]))
  })
})

const decay = (
  shape: 'gauss' | 'exp' | 'linear',
  mode: 'min' | 'max' | 'avg' | 'sum' = 'min',
  offset = 0,
): IndexScoreFunction => ({
  filter: null,
  weight: null,
  fn: { type: 'decay', shape, field: 'n', origin: 0, scale: 10, offset, decay: 0.5, mode },
})

describe('decay functions: origin 0, scale 10, decay 0.5 (doc 2 has no value: distance 0, score 1)', () => {
  it('gauss: exp(0.5 * d^2 / (0.5 * 100 / ln 0.5)) = 0.5^(d^2 / 100)', () => {
    const s = (0.5 * 100) / Math.log(0.5)
    const g = (d: number): number => f(Math.exp((0.5 * d * d) / s))
    expect(scores(functionScore([decay('gauss')]))).toEqual([
      [0, g(5)],
      [1, g(20)],
      [2, 1],
      [3, g(100)],
    ])
    expect(g(5)).toBe(f(Math.pow(0.5, 0.25)))
  })

  it('exp over two values [20, 40]: min 0.25, max 0.0625, avg 0.125, sum 0.015625', () => {
    const at = (mode: 'min' | 'max' | 'avg' | 'sum'): number =>
      scores(functionScore([decay('exp', mode)]))[1]![1]
    expect([at('min'), at('max'), at('avg'), at('sum')]).toEqual([
      f(Math.exp((Math.log(0.5) / 10) * 20)),
      f(Math.exp((Math.log(0.5) / 10) * 40)),
      f(Math.exp((Math.log(0.5) / 10) * 30)),
      f(Math.exp((Math.log(0.5) / 10) * 60)),
    ])
    expect(at('min')).toBe(0.25)
  })

  it('linear: scale 10 / (1 - 0.5) = 20, max(0, (20 - d) / 20), offset 2 shortens d', () => {
    expect(scores(functionScore([decay('linear')]))).toEqual([
      [0, 0.75],
      [1, 0],
      [2, 1],
      [3, 0],
    ])
    expect(scores(functionScore([decay('linear', 'min', 2)]))[0]).toEqual([0, f(0.85)])
  })
})

describe('min_score and the sub-query', () => {
  it('drops documents scoring below min_score (score >= min_score stays)', () => {
    const query = functionScore([fvf('none')], { minScore: 20 })
    expect(scores(query)).toEqual([
      [1, 20],
      [3, 100],
    ])
  })

  it('scores only the query matches, with its boost in the query score', () => {
    const query = functionScore([weight(2)], {
      query: { type: 'term', field: 'tag', term: 'b', boost: 1 },
      boostMode: 'sum',
    })
    const [[, first] = [0, 0]] = scores({ type: 'term', field: 'tag', term: 'b', boost: 1 })
    expect(scores(query)).toEqual([
      [1, f(first + 2)],
      [3, f(first + 2)],
    ])
  })
})

describe('against the oracle', () => {
  const shape = fc.constantFrom('gauss' as const, 'exp' as const, 'linear' as const)
  const mode = fc.constantFrom('min' as const, 'max' as const, 'avg' as const, 'sum' as const)
  const positive = fc.double({ min: 0.5, max: 1000, noNaN: true })
  const fnArb: fc.Arbitrary<IndexScoreFunction['fn']> = fc.oneof(
    fc.constant({ type: 'weight' as const }),
    fc.record({
      type: fc.constant('fieldValueFactor' as const),
      field: fc.constant('n'),
      factor: positive.map(f),
      modifier: fc.constantFrom(
        'none',
        'log1p',
        'log2p',
        'ln1p',
        'ln2p',
        'square',
        'sqrt',
        'reciprocal' as const,
      ),
      missing: positive,
    }) as fc.Arbitrary<IndexScoreFunction['fn']>,
    fc.record({
      type: fc.constant('decay' as const),
      shape,
      field: fc.constant('n'),
      origin: fc.double({ min: -100, max: 100, noNaN: true }),
      scale: positive,
      offset: fc.double({ min: 0, max: 50, noNaN: true }),
      decay: fc.double({ min: 0.01, max: 0.99, noNaN: true }),
      mode,
    }),
  )
  const functionArb: fc.Arbitrary<OracleFunction> = fc.record({
    tag: fc.constantFrom(null, 'a', 'b'),
    weight: fc.option(fc.integer({ min: 1, max: 40 }).map((w) => f(w / 4))),
    fn: fnArb,
  })
  const docArb: fc.Arbitrary<OracleDoc> = fc.record({
    tag: fc.constantFrom('a', 'b'),
    values: fc.array(fc.double({ min: 1, max: 1000, noNaN: true }), { maxLength: 3 }),
  })

  it('matches the formulas for random docs, functions and modes', () => {
    fc.assert(
      fc.property(
        fc.array(docArb, { minLength: 1, maxLength: 8 }),
        fc.array(functionArb, { minLength: 1, maxLength: 4 }),
        fc.constantFrom('multiply', 'sum', 'avg', 'first', 'max', 'min' as const),
        fc.constantFrom('multiply', 'replace', 'sum', 'avg', 'max', 'min' as const),
        fc.integer({ min: 1, max: 8 }).map((b) => f(b / 2)),
        (docs, functions, scoreMode, boostMode, boost) => {
          const query = functionScore(
            functions.map((fn) => ({
              filter: fn.tag === null ? null : { type: 'term', field: 'tag', term: fn.tag, boost: 1 },
              weight: fn.weight,
              fn: fn.fn,
            })),
            { scoreMode, boostMode, boost },
          )
          const expected = docs.map((doc, i) => [
            i,
            oracleScore(doc, functions, scoreMode, boostMode, f(3.4028234663852886e38), boost),
          ])
          expect(scores(query, docs)).toEqual(expected)
        },
      ),
      { numRuns: 150 },
    )
  })
})
