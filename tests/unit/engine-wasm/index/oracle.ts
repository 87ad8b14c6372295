// A brute-force oracle for the inverted index: scans the tokenised documents directly. Matching follows the
// documented Lucene/Elasticsearch semantics of each query; scoring follows ES 8's LegacyBM25Similarity written
// as a direct formula with Math.fround at every float32 step; norms come from a decode table searched linearly,
// not from SmallFloat's bit manipulation.
import type { AnalyzedDocument, IndexQuery, TopDocs } from '../../../../engine-wasm/src/index/index.ts'

const f = Math.fround
const K1 = f(1.2)
const B = f(0.75)

/** byte4ToInt by its definition: 0..23 exact, then 4 significant bits (implicit leading one) per byte. */
export const DECODED: number[] = Array.from({ length: 256 }, (_, b) => {
  if (b < 24) return b
  const i = b - 24
  const shift = (i >> 3) - 1
  return 24 + (shift < 0 ? i & 7 : ((i & 7) | 8) * 2 ** shift)
})

/** The largest norm byte whose decoded length does not exceed len. */
export function encodeLength(len: number): number {
  let b = 0
  while (b < 255 && (DECODED[b + 1] ?? Infinity) <= len) b++
  return b
}

export function fieldTokens(doc: AnalyzedDocument, field: string): { term: string; position: number }[] {
  return doc.fields.filter((f) => f.field === field).flatMap((f) => f.tokens)
}

export class Oracle {
  constructor(
    readonly docs: readonly AnalyzedDocument[],
    readonly deleted: ReadonlySet<number>,
  ) {}

  docCount(field: string): number {
    return this.docs.filter((d) => fieldTokens(d, field).length > 0).length
  }

  sumTotalTermFreq(field: string): number {
    return this.docs.reduce((sum, d) => sum + fieldTokens(d, field).length, 0)
  }

  sumDocFreq(field: string): number {
    return this.docs.reduce((sum, d) => sum + new Set(fieldTokens(d, field).map((t) => t.term)).size, 0)
  }

  docFreq(field: string, term: string): number {
    return this.docs.filter((d) => fieldTokens(d, field).some((t) => t.term === term)).length
  }

  idf(field: string, term: string): number {
    const n = this.docFreq(field, term)
    return f(Math.log(1 + (this.docCount(field) - n + 0.5) / (n + 0.5)))
  }

  /** LegacyBM25Similarity: ((boost * (1 + k1)) * idf) * freq / (freq + k1 * (1 - b + b * dl / avgdl)), Lucene's way. */
  bm25(field: string, doc: AnalyzedDocument, idf: number, freq: number, boost: number): number {
    const tokens = fieldTokens(doc, field)
    const numTerms = tokens.filter((t, i) => i === 0 || t.position !== tokens[i - 1]?.position).length
    const dl = DECODED[encodeLength(numTerms)] ?? 0
    const avgdl = f(this.sumTotalTermFreq(field) / this.docCount(field))
    const normInverse = f(1 / f(K1 * f(f(1 - B) + f(f(B * dl) / avgdl))))
    const weight = f(f(boost * f(1 + K1)) * idf)
    return f(weight - f(weight / f(1 + f(freq * normInverse))))
  }

  /** Whether doc matches query, by the query's definition (no rewriting). */
  matches(query: IndexQuery, doc: AnalyzedDocument): boolean {
    switch (query.type) {
      case 'term':
        return fieldTokens(doc, query.field).some((t) => t.term === query.term)
      case 'phrase':
        return query.terms.length > 0 && phraseFreq(doc, query) > 0
      case 'matchAll':
        return true
      case 'matchNone':
        return false
      case 'bool': {
        if (!query.must.every((q) => this.matches(q, doc))) return false
        if (!query.filter.every((q) => this.matches(q, doc))) return false
        if (query.mustNot.some((q) => this.matches(q, doc))) return false
        const should = query.should.filter((q) => this.matches(q, doc)).length
        const required = query.must.length + query.filter.length === 0 ? 1 : 0
        return should >= Math.max(required, query.minimumShouldMatch)
      }
      case 'exists':
        return fieldTokens(doc, query.field).length > 0
      case 'disMax':
        return query.queries.some((q) => this.matches(q, doc))
      case 'constantScore':
        return this.matches(query.filter, doc)
      case 'boosting':
        return this.matches(query.positive, doc)
      case 'cappedScore':
        return this.matches(query.query, doc)
      default:
        throw new Error(`${query.type} is checked against its own oracle in multi-term.test.ts`)
    }
  }

  /** The score of doc for an already rewritten query, or null when it does not match. */
  score(query: IndexQuery, doc: AnalyzedDocument, parentBoost = 1): number | null {
    if (query.type === 'matchNone') return null
    const boost = f(f(query.boost) * parentBoost)
    switch (query.type) {
      case 'term': {
        const freq = fieldTokens(doc, query.field).filter((t) => t.term === query.term).length
        return freq === 0 ? null : this.bm25(query.field, doc, this.idf(query.field, query.term), freq, boost)
      }
      case 'phrase': {
        const freq = phraseFreq(doc, query)
        if (freq === 0) return null
        const idf = f(query.terms.reduce((sum, t) => sum + this.idf(query.field, t.term), 0))
        return this.bm25(query.field, doc, idf, freq, boost)
      }
      case 'matchAll':
        return boost
      case 'bool': {
        const scores = (list: readonly IndexQuery[]): (number | null)[] =>
          list.map((q) => this.score(q, doc, boost))
        const sum = (list: number[]): number => f(list.reduce((a, b) => a + b, 0))
        const must = scores(query.must)
        const filter = scores(query.filter)
        const should = scores(query.should).filter((s): s is number => s !== null)
        if (scores(query.mustNot).some((s) => s !== null)) return null
        const msm = query.minimumShouldMatch
        if (must.length + filter.length === 0) return should.length >= Math.max(1, msm) ? sum(should) : null
        if ([...must, ...filter].some((s) => s === null)) return null
        const req = sum(must.filter((s): s is number => s !== null))
        if (should.length < msm) return null
        return should.length === 0 ? req : f(req + sum(should))
      }
      case 'exists':
        return fieldTokens(doc, query.field).length > 0 ? boost : null
      case 'disMax': {
        // the best score plus tie_breaker times the rest, the rest summed exactly
        const scores = query.queries
          .map((q) => this.score(q, doc, boost))
          .filter((s): s is number => s !== null)
        if (scores.length === 0) return null
        const best = Math.max(...scores)
        const rest = scores.reduce((a, b) => a + b, 0) - best
        return f(best + rest * f(query.tieBreaker))
      }
      case 'constantScore':
        return this.score(query.filter, doc, 1) === null ? null : boost
      case 'boosting': {
        const positive = this.score(query.positive, doc, boost)
        if (positive === null) return null
        return this.score(query.negative, doc, 1) === null ? positive : f(positive * f(query.negativeBoost))
      }
      case 'cappedScore': {
        // CappedScorer: Math.min(maxScore, score), the boost applied below the cap
        const score = this.score(query.query, doc, boost)
        return score === null ? null : Math.min(f(query.maxScore), score)
      }
      default:
        throw new Error(`${query.type} is checked against its own oracle in multi-term.test.ts`)
    }
  }

  topDocs(rewritten: IndexQuery, k: number): TopDocs {
    const hits = this.docs
      .filter((d) => !this.deleted.has(d.docId))
      .map((d) => ({ docId: d.docId, score: this.score(rewritten, d) }))
      .filter((h): h is { docId: number; score: number } => h.score !== null)
      .sort((a, b) => b.score - a.score || a.docId - b.docId)
    const scoreDocs = hits.slice(0, k)
    return { totalHits: hits.length, maxScore: scoreDocs[0]?.score ?? null, scoreDocs }
  }
}

/** Each phrase term's positions in doc minus its query offset. */
function phrasePositions(doc: AnalyzedDocument, query: PhraseQuery): number[][] {
  const tokens = fieldTokens(doc, query.field)
  return query.terms.map((q) =>
    tokens
      .filter((t) => t.term === q.term)
      .map((t) => t.position - q.position)
      .sort((a, b) => a - b),
  )
}

type PhraseQuery = Extract<IndexQuery, { type: 'phrase' }>

export function phraseFreq(doc: AnalyzedDocument, query: PhraseQuery): number {
  const lists = phrasePositions(doc, query)
  if (lists.some((l) => l.length === 0)) return 0
  if (query.slop === 0 || lists.length === 1) {
    // ExactPhraseMatcher leads with the first term after sorting by query position, then term.
    const order = query.terms
      .map((t, i) => ({ ...t, i }))
      .sort((a, b) => a.position - b.position || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0))
    const [lead = [], ...rest] = order.map((t) => lists[t.i] ?? [])
    return lead.filter((p) => rest.every((l) => l.includes(p))).length
  }
  return sloppyFreq(query, lists)
}

/**
 * SloppyPhraseMatcher transcribed literally from Lucene (array scans instead of its priority queue), used only for
 * slop > 0, where Lucene's greedy walk is the definition of the frequency. Terms keep query order (ord).
 */
function sloppyFreq(query: PhraseQuery, lists: number[][]): number {
  interface PP {
    list: number[]
    at: number
    position: number
    offset: number
    term: string
    ord: number
    group: PP[] | null
  }
  const pps: PP[] = query.terms.map((t, i) => ({
    list: lists[i] ?? [],
    at: 0,
    position: 0,
    offset: t.position,
    term: t.term,
    ord: 0,
    group: null,
  }))
  pps.forEach((pp, i) => (pp.ord = i))
  for (const [i, pp] of pps.entries()) {
    if (pp.group) continue
    for (const pp2 of pps.slice(i + 1)) {
      if (pp2.group || pp2.offset === pp.offset || pp2.term !== pp.term) continue
      if (!pp.group) pp.group = [pp]
      pp.group.push(pp2)
      pp2.group = pp.group
    }
  }
  const groups = [...new Set(pps.map((pp) => pp.group).filter((g): g is PP[] => g !== null))]
  for (const g of groups) g.sort((a, b) => a.offset - b.offset)
  const next = (pp: PP): boolean => {
    if (pp.at >= pp.list.length) return false
    pp.position = pp.list[pp.at++] ?? 0
    return true
  }
  for (const pp of pps) next(pp)
  for (const g of groups)
    for (const [j, pp] of g.entries()) for (let k = 0; k < j; k++) if (!next(pp)) return 0
  let end = Math.max(...pps.map((pp) => pp.position))
  const queue = new Set(pps)
  const less = (a: PP, b: PP): boolean =>
    a.position !== b.position
      ? a.position < b.position
      : a.offset !== b.offset
        ? a.offset < b.offset
        : a.ord < b.ord
  const top = (): PP => [...queue].reduce((best, pp) => (less(pp, best) ? pp : best))
  const pop = (): PP => {
    const pp = top()
    queue.delete(pp)
    return pp
  }
  const advance = (pp: PP): boolean => {
    if (!next(pp)) return false
    end = Math.max(end, pp.position)
    return true
  }
  const advanceRepeats = (moved: PP): boolean => {
    let pp = moved
    for (;;) {
      const other = pp.group?.find((o) => o !== pp && o.position + o.offset === pp.position + pp.offset)
      if (!other) return true
      if (other.position < pp.position || (other.position === pp.position && other.offset < pp.offset))
        pp = other
      if (!advance(pp)) return false
    }
  }
  let freq = 0
  let positioned = true
  let matchLength = 0
  const nextMatch = (): boolean => {
    if (!positioned) return false
    let pp = pop()
    matchLength = end - pp.position
    let nextPos = top().position
    while (advance(pp)) {
      if (!advanceRepeats(pp)) break
      if (pp.position > nextPos) {
        queue.add(pp)
        if (matchLength <= query.slop) return true
        pp = pop()
        nextPos = top().position
        matchLength = end - pp.position
      } else {
        matchLength = Math.min(matchLength, end - pp.position)
      }
    }
    positioned = false
    return matchLength <= query.slop
  }
  while (nextMatch()) freq = f(freq + f(1 / f(1 + matchLength)))
  return freq
}
