/**
 * ExplainedQuery: how one document fared against each node of a rewritten query tree, read from the trace
 * index.wasm's `explain` writes (format in engine-wasm/assembly/index/explain-trace.ts). Every number is the one
 * the scorer used (float32 values, as Lucene holds them), so a renderer can print Lucene's Explanation tree
 * without recomputing anything. Children follow the program order of query-program.ts: bool filter, must, should,
 * mustNot (boolProgramOrder); disMax and covering queries; constantScore filter; boosting positive, negative; functionScore query, then
 * its functions' filters (its weights are one record per function).
 */
import { boolProgramOrder } from './query-program.ts'
import type { IndexQuery } from './types.ts'

/** The BM25 factors of one matching weight, as BM25Similarity's scorer explains them. */
export interface BM25Factors {
  /** Term frequency, or the (sloppy) phrase frequency. */
  freq: number
  /** The document's one-byte norm (0..255) and the field length it decodes to. */
  norm: number
  dl: number
  avgdl: number
  /** The scorer's boost: the query boost times (1 + k1), as LegacyBM25Similarity passes it. */
  boost: number
  /** The idf the scorer used: one term's, or the float sum over a phrase's terms. */
  idf: number
  /** Per scored term, in query order: its docFreq (n) and idf. */
  terms: Array<{ docFreq: number; idf: number }>
  /** Documents with the field (N). */
  docCount: number
  tf: number
  score: number
}

/** One leaf weight (TermWeight, PhraseWeight) of the node; `term` names a fuzzy query's expanded term. */
export type ExplainedWeight =
  | { term: string; status: 'match'; factors: BM25Factors }
  | { term: string; status: 'noMatchingTerms' | 'noMatchingPhrase' }
  /** A function_score function: whether its filter matches, its value before weight, its field's doc values. */
  | { term: string; status: 'function'; applies: boolean; value: number; docValues: number[] }
  /** An IntervalWeight matching the document: its weight and the sloppy frequency of its intervals. */
  | { term: string; status: 'intervals'; weight: number; freq: number }
  /**
   * A rank feature (FeatureQuery): whether the document has the feature, or why not (the segment has no feature of
   * the field, not this one, or the document none), the weight w, the pivot used (a saturation's may be the index's)
   * and the document's value S.
   */
  | { term: string; status: 'feature'; state: FeatureState; weight: number; pivot: number; value: number }

  /**
   * A distance feature: whether the document has a value, the weight w, and the value it scored with: a date's
   * column word, or a geo_point's decoded lat and lon and its distance in meters.
   */
  | {
      term: string
      status: 'distance'
      hasValue: boolean
      weight: number
      word: number
      lat: number
      lon: number
      distance: number
    }

export type FeatureState = 'set' | 'fieldMissing' | 'featureMissing' | 'unset'
const FEATURE_STATES: readonly FeatureState[] = ['set', 'fieldMissing', 'featureMissing', 'unset']

export interface ExplainedQuery {
  /** The rewritten query node. */
  query: IndexQuery
  matched: boolean
  /** The node's score for the document (0 when it does not match). */
  score: number
  weights: ExplainedWeight[]
  children: ExplainedQuery[]
}

const STATUS = [
  'match',
  'noMatchingTerms',
  'noMatchingPhrase',
  'function',
  'intervals',
  'feature',
  'distance',
] as const
const decoder = new TextDecoder()

class TraceReader {
  private at = 0

  constructor(private readonly view: DataView) {}

  u32(): number {
    const value = this.view.getUint32(this.at, true)
    this.at += 4
    return value
  }

  f32(): number {
    const value = this.view.getFloat32(this.at, true)
    this.at += 4
    return value
  }

  f64(): number {
    const value = this.view.getFloat64(this.at, true)
    this.at += 8
    return value
  }

  string(): string {
    const length = this.u32()
    const bytes = new Uint8Array(this.view.buffer, this.view.byteOffset + this.at, length)
    this.at += length
    return decoder.decode(bytes)
  }
}

function childrenOf(query: IndexQuery): readonly IndexQuery[] {
  switch (query.type) {
    case 'bool':
      return boolProgramOrder(query)
    case 'disMax':
    case 'covering':
      return query.queries
    case 'constantScore':
      return [query.filter]
    case 'nested':
    case 'cappedScore':
      return [query.query]
    case 'boosting':
      return [query.positive, query.negative]
    case 'functionScore':
      return [query.query, ...query.functions.flatMap((fn) => (fn.filter !== null ? [fn.filter] : []))]
    default:
      return []
  }
}

function readFactors(reader: TraceReader): BM25Factors {
  const freq = reader.f32()
  const norm = reader.u32()
  const dl = reader.f32()
  const avgdl = reader.f32()
  const boost = reader.f32()
  const idf = reader.f32()
  const terms: BM25Factors['terms'] = []
  for (let i = 0, n = reader.u32(); i < n; i++) terms.push({ docFreq: reader.u32(), idf: reader.f32() })
  return {
    freq,
    norm,
    dl,
    avgdl,
    boost,
    idf,
    terms,
    docCount: reader.u32(),
    tf: reader.f32(),
    score: reader.f32(),
  }
}

function readWeight(reader: TraceReader): ExplainedWeight {
  const term = reader.string()
  const status = STATUS[reader.u32()] ?? 'noMatchingTerms'
  if (status === 'match') return { term, status, factors: readFactors(reader) }
  if (status === 'intervals') return { term, status, weight: reader.f32(), freq: reader.f32() }
  if (status === 'feature') {
    const state = FEATURE_STATES[reader.u32()] ?? 'unset'
    return { term, status, state, weight: reader.f32(), pivot: reader.f32(), value: reader.f32() }
  }
  if (status === 'distance') {
    const hasValue = reader.u32() === 1
    const weight = reader.f32()
    return {
      term,
      status,
      hasValue,
      weight,
      word: reader.f64(),
      lat: reader.f64(),
      lon: reader.f64(),
      distance: reader.f64(),
    }
  }
  if (status !== 'function') return { term, status }
  const applies = reader.u32() === 1
  const value = reader.f64()
  const docValues: number[] = []
  for (let i = 0, n = reader.u32(); i < n; i++) docValues.push(reader.f64())
  return { term, status, applies, value, docValues }
}

function readNode(reader: TraceReader, query: IndexQuery): ExplainedQuery {
  const matched = reader.u32() === 1
  const score = reader.f32()
  const count = reader.u32()
  const readWeights = (): ExplainedWeight[] => Array.from({ length: count }, () => readWeight(reader))
  // a function_score node's records follow its children's (it adds them after evaluating them)
  const weights = query.type === 'functionScore' ? [] : readWeights()
  const children = childrenOf(query).map((child) => readNode(reader, child))
  if (query.type === 'functionScore') weights.push(...readWeights())
  return { query, matched, score, weights, children }
}

/** Reads a trace (the bytes after its u32 length) against the rewritten query it was evaluated for. */
export function readExplainTrace(bytes: DataView, query: IndexQuery): ExplainedQuery {
  return readNode(new TraceReader(bytes), query)
}
