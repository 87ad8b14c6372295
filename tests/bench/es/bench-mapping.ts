/**
 * The mapping and requests every Elasticsearch benchmark uses, in Node and in the browser pages: the
 * corpus's title and body as text (standard analyzer: positions and norms), views a long, ts a date,
 * tag a keyword (doc values). Query bodies are what Kibana Dev Tools would send, top 10 by score.
 */
export const BENCH_MAPPING = {
  properties: {
    title: { type: 'text' },
    body: { type: 'text' },
    views: { type: 'long' },
    ts: { type: 'date' },
    tag: { type: 'keyword' },
  },
} as const

/** `match` on body: one term, or two terms OR-ed (the match query's default operator). */
export function matchBody(text: string): string {
  return JSON.stringify({ size: 10, query: { match: { body: text } } })
}

/** `match_phrase` on body with slop 1. */
export function matchPhraseBody(text: string): string {
  return JSON.stringify({ size: 10, query: { match_phrase: { body: { query: text, slop: 1 } } } })
}
