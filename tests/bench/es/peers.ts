/**
 * The search engines the index benchmarks compare with, built on the same corpus documents and asked
 * the same queries: MiniSearch 7 (title and body, its default BM25+ scoring, the first 10 results) and
 * FlexSearch 0.8 (one default Index over title and body, limit 10; `suggest` for two terms, since its
 * default joins terms with AND; it ranks by term position, not BM25).
 */
import MiniSearch from 'minisearch'
import FlexSearch from 'flexsearch'
import type { CorpusDocument } from '../corpus.mjs'

/** A search engine as the benchmarks drive it: one or two terms in, at most 10 ids out. */
export interface PeerIndex {
  term(text: string): unknown
  or2(text: string): unknown
}

export function buildMiniSearch(docs: readonly CorpusDocument[]): PeerIndex {
  const index = new MiniSearch<CorpusDocument>({ fields: ['title', 'body'] })
  index.addAll(docs)
  const top10 = (text: string) => index.search(text).slice(0, 10)
  return { term: top10, or2: top10 }
}

export function buildFlexSearch(docs: readonly CorpusDocument[]): PeerIndex {
  const index = new FlexSearch.Index()
  for (const doc of docs) index.add(doc.id, `${doc.title} ${doc.body}`)
  return {
    term: (text) => index.search(text, { limit: 10 }),
    or2: (text) => index.search(text, { limit: 10, suggest: true }),
  }
}
