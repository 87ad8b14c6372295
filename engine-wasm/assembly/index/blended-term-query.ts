// BLENDED_TERMS: Lucene's BlendedTermQuery.dismaxBlendedQuery, which multi_match `cross_fields` builds for each term
// over the fields of one analyzer group. Its rewrite (on this index's reader) blends the terms' statistics so that a
// term rare in one field and common in another scores alike in both:
//   maxDoc' = min(maxDoc, the smallest sumTotalTermFreq of the fields where the term occurs);
//   terms by docFreq descending (a stable sort), the first gets min(maxDoc', max docFreq), each later one with a
//   smaller docFreq one more than the previous; each docFreq is then capped by its field's docCount and maxDoc'
//   (adjustDF), a term absent from its field keeps 0 (no scorer); totalTermFreq becomes the capped sum
//   (adjustTTF, which BM25 does not read). With one term nothing is blended.
// The rewritten query is a DisjunctionMaxQuery (tieBreaker) of the TermQuerys, each with its own boost, whose weights
// ask the searcher for the term's statistics with the blended numbers (dfs_query_then_fetch's global ones win).
// An explained document gets one weight per term, named `field:term`.
// Operands after the op code (see query.ts): i32 n, f32 tieBreaker, f32 boost, n x (string field, string term,
// f32 boost).
import { ByteReader } from './byte-reader'
import { disjunctionMax } from './compound-queries'
import { DocScores } from './doc-scores'
import { termClause, termScorer } from './query'
import { SearchContext } from './search-context'

export function blendedTermQuery(ctx: SearchContext, reader: ByteReader, parentBoost: f32): DocScores {
  const n = reader.i32()
  const tieBreaker = reader.f32()
  const boost = reader.f32() * parentBoost
  const fields = new Array<string>(n)
  const terms = new Array<string>(n)
  const boosts = new Array<f32>(n)
  for (let i = 0; i < n; i++) {
    fields[i] = reader.string()
    terms[i] = reader.string()
    boosts[i] = reader.f32()
  }
  const docFreqs = new Array<i64>(n)
  const totalTermFreqs = new Array<i64>(n)
  for (let i = 0; i < n; i++) {
    const states = ctx.indexTermStates(fields[i], terms[i])
    docFreqs[i] = states != null ? states.docFreq : 0
    totalTermFreqs[i] = states != null ? states.totalTermFreq : 0
  }
  if (n > 1) blend(ctx, fields, docFreqs, totalTermFreqs)
  const clauses = new Array<DocScores>()
  for (let i = 0; i < n; i++) {
    const collection = ctx.collectionStatistics(fields[i])
    if (collection == null || docFreqs[i] == 0) {
      clauses.push(new DocScores())
      continue
    }
    const stats = ctx.termStatistics(fields[i], terms[i], docFreqs[i], totalTermFreqs[i])
    const scorer = termScorer(boosts[i] * boost, stats, collection)
    const field = ctx.field(fields[i])
    const postings = field != null ? field.terms.get(terms[i]) : null
    const name = fields[i] + ':' + terms[i]
    clauses.push(termClause(ctx, name, field, postings, scorer, stats.docFreq, collection.docCount))
  }
  return disjunctionMax(clauses, tieBreaker)
}

/** BlendedTermQuery.blend over the terms' index-wide docFreqs and totalTermFreqs, in place. */
function blend(
  ctx: SearchContext,
  fields: Array<string>,
  docFreqs: Array<i64>,
  totalTermFreqs: Array<i64>,
): void {
  const n = docFreqs.length
  let maxDocFreq: i64 = 0
  let minSumTotalTermFreq = i64.MAX_VALUE
  for (let i = 0; i < n; i++) {
    maxDocFreq = max(maxDocFreq, docFreqs[i])
    const collection = ctx.localCollectionStatistics(fields[i])
    if (totalTermFreqs[i] > 0 && collection != null) {
      minSumTotalTermFreq = min(minSumTotalTermFreq, collection.sumTotalTermFreq)
    }
  }
  const maxDoc = min(ctx.indexMaxDoc, minSumTotalTermFreq)
  if (maxDocFreq == 0) return
  // indices by docFreq descending, ties in query order (InPlaceMergeSorter is stable)
  const order = new Array<i32>(n)
  for (let i = 0; i < n; i++) {
    let j = i - 1
    while (j >= 0 && docFreqs[order[j]] < docFreqs[i]) {
      order[j + 1] = order[j]
      j--
    }
    order[j + 1] = i
  }
  let previous = docFreqs[order[0]]
  let actualDocFreq = min(maxDoc, maxDocFreq)
  let sumTotalTermFreq: i64 = 0
  for (let k = 0; k < n; k++) {
    const i = order[k]
    const current = docFreqs[i]
    if (current == 0) break
    if (previous > current) actualDocFreq++
    const collection = ctx.localCollectionStatistics(fields[i])!
    const docFreq = min(min(actualDocFreq, collection.docCount), maxDoc)
    docFreqs[i] = docFreq
    totalTermFreqs[i] = max(totalTermFreqs[i], docFreq)
    previous = current
    sumTotalTermFreq += totalTermFreqs[i]
  }
  sumTotalTermFreq = min(sumTotalTermFreq, minSumTotalTermFreq)
  for (let i = 0; i < n; i++) if (docFreqs[i] != 0) totalTermFreqs[i] = sumTotalTermFreq
}
