/**
 * Types of corpus.mjs, the shared benchmark corpus generator (a copy of /work/shared/bench/corpus.mjs kept
 * in the repository so that CI can run the index benchmarks): seeded documents and the query families.
 */
export interface CorpusDocument {
  id: number
  title: string
  body: string
  views: number
  ts: number
  tag: string
}

export interface Corpus {
  params: { docs: number; vocab: number; seed: number }
  vocab: string[]
  docs: CorpusDocument[]
}

export interface CorpusOptions {
  docs?: number
  vocab?: number
  seed?: number
}

export interface TermQuery {
  band: string
  q: string
}

export interface TermsQuery {
  band: string
  terms: string[]
  q: string
}

export interface RangeQuery {
  field: 'views' | 'ts'
  gte: number
  lte: number
}

export interface CorpusQueries {
  term: TermQuery[]
  or2: TermsQuery[]
  phrase: TermsQuery[]
  range: RangeQuery[]
}

export const DEFAULTS: Readonly<{ docs: number; vocab: number; seed: number }>
export function generateCorpus(options?: CorpusOptions): Corpus
export function generateQueries(corpus: Corpus): CorpusQueries
export function corpusFingerprint(corpus: Corpus): string
