/**
 * The shard's rewrite of a more_like_this query (ES's MoreLikeThisQuery.rewrite and createQuery over XMoreLikeThis):
 * the interesting terms of what the query is like, by the shard's own statistics, as term queries.
 * - A word's score is tf × idf in float32, idf ClassicSimilarity's `(float) (ln((numDocs + 1) / (docFreq + 1)) + 1)`
 *   (ES's BM25 is no TFIDFSimilarity, so MoreLikeThisQuery falls back to ClassicSimilarity): numDocs the shard's
 *   live documents, docFreq the largest of the word's docFreq over the candidate fields (the first field that has
 *   it is the term's field). Words under min_term_freq (when above 0), under min_doc_freq (when above 0), over
 *   max_doc_freq, or in no document are left out.
 * - The words are offered in their HashMap order to a Lucene PriorityQueue of min(max_query_terms, words) entries
 *   (a full queue replaces its lowest entry by a higher score), popped lowest first into SHOULD term clauses; with
 *   boost_terms each clause is boosted boost_terms × score / the first popped score.
 * - The items' words make one queue per field (their own field), all into one bool; the texts' words one queue over
 *   every field. Each bool gets minimum_should_match (Queries.applyMinimumShouldMatch) and is a SHOULD clause of the
 *   result, items first.
 */
import type { IndexQuery, MoreLikeThisTerms } from '../../../../engine-wasm/src/index/index.ts'
import { parseMinimumShouldMatch } from './minimum-should-match.ts'
import type { ShardFieldValues } from './query-parsing.ts'

interface ScoreTerm {
  word: string
  field: string
  score: number
}

type Words = ReadonlyArray<readonly [string, number]>

/** The bool the query stands for on this shard. */
export function rewriteMoreLikeThis(
  like: MoreLikeThisTerms,
  boost: number,
  shard: ShardFieldValues,
): IndexQuery {
  const lookups: Array<{ field: string; term: string }> = []
  for (const { field, words } of like.itemWords ?? [])
    for (const [term] of words) lookups.push({ field, term })
  for (const [term] of like.textWords ?? []) for (const field of like.fields) lookups.push({ field, term })
  const { numDocs, docFreqs } = shard.termStatistics(lookups)
  const docFreq = new Map(lookups.map(({ field, term }, i) => [`${field}\u0000${term}`, docFreqs[i]!]))
  const stats = {
    numDocs,
    docFreq: (field: string, term: string) => docFreq.get(`${field}\u0000${term}`) ?? 0,
  }
  const clauses: IndexQuery[] = []
  if (like.itemWords !== null) {
    const should = like.itemWords.flatMap(({ field, words }) => termClauses(like, words, [field], stats))
    clauses.push(withMinimumShouldMatch(should, like.minimumShouldMatch))
  }
  if (like.textWords !== null) {
    clauses.push(
      withMinimumShouldMatch(termClauses(like, like.textWords, like.fields, stats), like.minimumShouldMatch),
    )
  }
  return { type: 'bool', must: [], should: clauses, mustNot: [], filter: [], minimumShouldMatch: 0, boost }
}

/** XMoreLikeThis.createQueue then addToQuery: the queue's terms as SHOULD clauses, lowest score first. */
function termClauses(
  like: MoreLikeThisTerms,
  words: Words,
  fields: readonly string[],
  stats: { numDocs: number; docFreq: (field: string, term: string) => number },
): IndexQuery[] {
  const queue = new FreqQueue(Math.min(like.maxQueryTerms, words.length))
  for (const [word, tf] of words) {
    if (like.minTermFreq > 0 && tf < like.minTermFreq) continue
    let field = fields[0]!
    let docFreq = 0
    for (const candidate of fields) {
      const freq = stats.docFreq(candidate, word)
      if (freq > docFreq) field = candidate
      docFreq = Math.max(freq, docFreq)
    }
    if (like.minDocFreq > 0 && docFreq < like.minDocFreq) continue
    if (docFreq > like.maxDocFreq || docFreq === 0) continue
    const score = Math.fround(tf * classicIdf(docFreq, stats.numDocs))
    queue.offer({ word, field, score })
  }
  const clauses: IndexQuery[] = []
  let best = -1
  for (let term = queue.pop(); term !== null; term = queue.pop()) {
    let boost = 1
    if (like.boostTerms !== 0) {
      if (best === -1) best = term.score
      boost = Math.fround(Math.fround(Math.fround(like.boostTerms) * term.score) / best)
    }
    clauses.push({ type: 'term', field: term.field, term: term.word, boost })
  }
  return clauses
}

/** ClassicSimilarity.idf. */
export function classicIdf(docFreq: number, numDocs: number): number {
  return Math.fround(Math.log((numDocs + 1) / (docFreq + 1)) + 1)
}

/** A bool of SHOULD clauses with Queries.applyMinimumShouldMatch's count (left 0 when it computes none). */
function withMinimumShouldMatch(should: IndexQuery[], minimumShouldMatch: string): IndexQuery {
  const required = parseMinimumShouldMatch(minimumShouldMatch, should.length)
  return { type: 'bool', must: [], should, mustNot: [], filter: [], minimumShouldMatch: required, boost: 1 }
}

/**
 * XMoreLikeThis.FreqQ: Lucene's PriorityQueue (a 1-based binary heap, least score on top) of at most `limit` terms;
 * an offer to a full queue replaces the top when it scores higher (then updateTop).
 */
class FreqQueue {
  private readonly heap: ScoreTerm[] = []
  private size = 0

  constructor(private readonly limit: number) {}

  offer(term: ScoreTerm): void {
    if (this.size < this.limit) {
      this.heap[++this.size] = term
      this.upHeap(this.size)
    } else if (this.size > 0 && this.heap[1]!.score < term.score) {
      this.heap[1] = term
      this.downHeap(1)
    }
  }

  pop(): ScoreTerm | null {
    if (this.size === 0) return null
    const top = this.heap[1]!
    this.heap[1] = this.heap[this.size]!
    this.heap.length = this.size--
    this.downHeap(1)
    return top
  }

  private upHeap(from: number): void {
    const node = this.heap[from]!
    let i = from
    let j = i >>> 1
    while (j > 0 && node.score < this.heap[j]!.score) {
      this.heap[i] = this.heap[j]!
      i = j
      j >>>= 1
    }
    this.heap[i] = node
  }

  private downHeap(from: number): void {
    if (this.size === 0) return
    const node = this.heap[from]!
    let i = from
    let j = this.smallerChild(i)
    while (j <= this.size && this.heap[j]!.score < node.score) {
      this.heap[i] = this.heap[j]!
      i = j
      j = this.smallerChild(i)
    }
    this.heap[i] = node
  }

  private smallerChild(i: number): number {
    const j = i << 1
    const k = j + 1
    return k <= this.size && this.heap[k]!.score < this.heap[j]!.score ? k : j
  }
}
