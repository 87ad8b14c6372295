// Lucene's explanation trees over the WASM index, value for value: the ES 8 explain API documentation's example
// (match message:elasticsearch, five documents, avgdl 5.4), and the texts of BooleanWeight, PhraseWeight,
// DisjunctionMaxWeight, ConstantScoreWeight and boosting's FunctionScoreQuery, matching and not.
import { beforeAll, describe, expect, it } from 'vitest'
import type { AnalyzedDocument, IndexEngine, IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import {
  explainDocument,
  explanationJson,
  type Explanation,
} from '../../../../workers/es/search/explain/index.ts'
import { toJson } from '../../../../workers/es/xcontent/index.ts'
import { loadEngine } from '../../engine-wasm/index/load-engine.ts'

let engine: IndexEngine
beforeAll(async () => {
  engine = await loadEngine()
})

const doc = (docId: number, text: string): AnalyzedDocument => ({
  docId,
  fields: [{ field: 'message', tokens: text.split(' ').map((term, position) => ({ term, position })) }],
})

function explain(texts: string[], query: IndexQuery, docId: number): Explanation {
  const index = engine.newIndex()
  index.addDocuments(texts.map((text, i) => doc(i, text)))
  try {
    return explainDocument(index, query, docId)
  } finally {
    index.free()
  }
}

const term = (t: string, boost = 1): IndexQuery => ({ type: 'term', field: 'message', term: t, boost })
/** One line per node, indented: "value description". */
function outline(e: Explanation, depth = 0): string[] {
  return [
    `${'  '.repeat(depth)}${e.value} ${e.description}`,
    ...e.details.flatMap((d) => outline(d, depth + 1)),
  ]
}

// Five documents, 27 tokens: avgdl 5.4; "elasticsearch" only in doc 0 (3 tokens).
const corpus = [
  'elasticsearch is fast',
  'the quick brown fox jumps high',
  'a lazy dog sleeps all day',
  'quick foxes and lazy dogs play',
  'search engines index the whole web',
]

describe('explain', () => {
  it("renders the ES 8 documentation's example exactly", () => {
    const e = explain(corpus, term('elasticsearch'), 0)
    expect(toJson(explanationJson(e))).toBe(
      '{"value":1.6943598,"description":"weight(message:elasticsearch in 0) [PerFieldSimilarity], result of:",' +
        '"details":[{"value":1.6943598,"description":"score(freq=1.0), computed as boost * idf * tf from:",' +
        '"details":[{"value":2.2,"description":"boost","details":[]},' +
        '{"value":1.3862944,"description":"idf, computed as log(1 + (N - n + 0.5) / (n + 0.5)) from:",' +
        '"details":[{"value":1,"description":"n, number of documents containing term","details":[]},' +
        '{"value":5,"description":"N, total number of documents with field","details":[]}]},' +
        '{"value":0.5555556,"description":"tf, computed as freq / (freq + k1 * (1 - b + b * dl / avgdl)) from:",' +
        '"details":[{"value":1.0,"description":"freq, occurrences of term within document","details":[]},' +
        '{"value":1.2,"description":"k1, term saturation parameter","details":[]},' +
        '{"value":0.75,"description":"b, length normalization parameter","details":[]},' +
        '{"value":3.0,"description":"dl, length of field","details":[]},' +
        '{"value":5.4,"description":"avgdl, average length of field","details":[]}]}]}]}',
    )
  })

  it('explains a term that is not in the document', () => {
    const e = explain(corpus, term('elasticsearch'), 1)
    expect(e).toEqual({ match: false, value: 0, type: 'float', description: 'no matching term', details: [] })
  })

  it('marks dl approximate above norm byte 39', () => {
    const long = Array.from({ length: 100 }, (_, i) => `w${i}`).join(' ')
    const e = explain([long], term('w5'), 0)
    const tf = e.details[0]!.details.at(-1)!
    expect(tf.details[3]).toMatchObject({ value: 96, description: 'dl, length of field (approximate)' })
  })

  it('explains bool clauses as BooleanWeight does, in ES clause order', () => {
    const query: IndexQuery = {
      type: 'bool',
      must: [term('quick')],
      should: [term('lazy')],
      mustNot: [term('dogs')],
      filter: [term('fox')],
      minimumShouldMatch: 0,
      boost: 1,
    }
    const matched = explain(corpus, query, 1)
    expect(matched.match).toBe(true)
    expect(matched.description).toBe('sum of:')
    expect(matched.details.map((d) => d.description)).toEqual([
      'weight(message:quick in 1) [PerFieldSimilarity], result of:',
      'match on required clause, product of:',
    ])
    expect(outline(matched.details[1]!).slice(0, 2)).toEqual([
      '0 match on required clause, product of:',
      '  0 # clause',
    ])
    expect(matched.value).toBe(matched.details[0]!.value)
    const prohibited = explain(corpus, { ...query, filter: [] }, 3)
    expect(prohibited.description).toBe('Failure to meet condition(s) of required/prohibited clause(s)')
    expect(prohibited.details.map((d) => d.description)).toEqual([
      'weight(message:quick in 3) [PerFieldSimilarity], result of:',
      'match on prohibited clause (message:dogs)',
      'weight(message:lazy in 3) [PerFieldSimilarity], result of:',
    ])
    const required = explain(corpus, query, 0)
    expect(required.description).toBe('Failure to meet condition(s) of required/prohibited clause(s)')
    expect(required.details.map((d) => d.description)).toEqual([
      'no match on required clause (message:quick)',
      'no match on required clause (message:fox)',
    ])
    const none = explain(corpus, { ...query, must: [], filter: [], should: [term('lazy'), term('web')] }, 1)
    expect(none).toMatchObject({ match: false, description: 'No matching clauses', details: [] })
    const msm = explain(
      corpus,
      {
        ...query,
        must: [],
        mustNot: [],
        filter: [],
        should: [term('lazy'), term('dog'), term('a')],
        minimumShouldMatch: 2,
      },
      3,
    )
    // Only "lazy" is in doc 3. (With minimumShouldMatch 3 the rewrite makes all three required clauses.)
    expect(msm.description).toBe('Failure to match minimum number of optional clauses: 2')
    expect(msm.details.map((d) => d.description)).toEqual([
      'weight(message:lazy in 3) [PerFieldSimilarity], result of:',
    ])
  })

  it('explains phrases with phraseFreq, the idf sum and both ways to miss', () => {
    const phrase = (text: string, slop: number): IndexQuery => ({
      type: 'phrase',
      field: 'message',
      terms: text.split(' ').map((t, position) => ({ term: t, position })),
      slop,
      boost: 1,
    })
    const e = explain(corpus, phrase('quick fox', 1), 1)
    expect(e.description).toBe('weight(message:"quick fox"~1 in 1) [PerFieldSimilarity], result of:')
    const score = e.details[0]!
    expect(score.description).toBe('score(freq=0.5), computed as boost * idf * tf from:')
    expect(score.details[1]!.description).toBe('idf, sum of:')
    expect(score.details[1]!.details).toHaveLength(2)
    expect(score.details[2]!.details[0]).toMatchObject({ value: 0.5, description: 'phraseFreq=0.5' })
    expect(explain(corpus, phrase('quick fox', 0), 1).description).toBe('no matching phrase')
    expect(explain(corpus, phrase('quick fox', 0), 2).description).toBe('no matching terms')
  })

  it('explains dis_max, constant score leaves and boosting', () => {
    const disMax: IndexQuery = {
      type: 'disMax',
      queries: [term('quick'), term('lazy')],
      tieBreaker: 0.3,
      boost: 1,
    }
    const d = explain(corpus, disMax, 3)
    expect(d.description).toBe('max plus 0.3 times others of:')
    expect(d.details).toHaveLength(2)
    expect(explain(corpus, { ...disMax, tieBreaker: 0 }, 3).description).toBe('max of:')
    expect(explain(corpus, disMax, 0)).toMatchObject({ match: false, description: 'No matching clause' })
    expect(explain(corpus, { type: 'matchAll', boost: 1 }, 2)).toMatchObject({ value: 1, description: '*:*' })
    expect(explain(corpus, { type: 'matchAll', boost: 2 }, 2)).toMatchObject({
      value: 2,
      description: '*:*^2.0',
    })
    const prefix: IndexQuery = { type: 'prefix', field: 'message', prefix: 'qu', boost: 1 }
    expect(explain(corpus, prefix, 1).description).toBe('message:qu*')
    expect(explain(corpus, prefix, 0).description).toBe("message:qu* doesn't match id 0")
    const cs: IndexQuery = { type: 'constantScore', filter: term('quick'), boost: 1.5 }
    expect(explain(corpus, cs, 1)).toMatchObject({
      value: 1.5,
      description: 'ConstantScore(message:quick)^1.5',
    })
    const boosting: IndexQuery = {
      type: 'boosting',
      positive: term('quick'),
      negative: term('lazy'),
      negativeBoost: Math.fround(0.2),
      boost: 1,
    }
    const b = explain(corpus, boosting, 3)
    expect(outline(b).slice(0, 2)).toEqual([
      `${b.value} weight(FunctionScoreQuery(message:quick, scored by boost(queryboost(score(message:lazy))^0.2))), result of:`,
      `  ${b.value} product of:`,
    ])
    expect(b.type).toBe('double')
    expect(b.details[0]!.details[1]!.description).toBe('Matched boosting query score(message:lazy)')
  })
})
