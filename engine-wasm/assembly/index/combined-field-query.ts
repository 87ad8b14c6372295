// COMBINED_FIELD: Lucene's CombinedFieldQuery (Elasticsearch's combined_fields, BM25F): its terms in its fields
// scored as one term of one field that holds them all, each field's content counted `weight` times:
//   docFreq          max over the (field, term) pairs found in the index of their docFreq
//   collection       over the fields with statistics: maxDoc, docCount and sumDocFreq their max, sumTotalTermFreq
//                    the sum of weight * theirs (a long: each step truncated, as Java's long += double does)
//   freq             per document, the float sum of weight * freq over the pairs whose postings hold it
//   norm             per document, SmallFloat.intToByte4(Math.round(float sum of weight * LENGTH_TABLE[norm] over the
//                    fields)) (MultiNormsLeafSimScorer); 1 when the fields have no norms
//   score            BM25 (bm25.ts) with that docFreq, collection, freq and norm
// A weight that does not score (a filter) matches the same documents (Lucene's rewrite to the pairs' disjunction);
// its statistics are asked for all the same, which records nothing then (SearchContext records only for scoring).
// Program operands after the op code (see query.ts): i32 fieldCount, fieldCount x (string field, f32 weight)
// (fields sorted by name), i32 termCount, termCount x string term (sorted), u32 norms (0 or 1), f32 boost.
import { avgFieldLength, BM25Scorer, idf } from './bm25'
import { ByteReader } from './byte-reader'
import { DocScores } from './doc-scores'
import { WEIGHT_NO_TERMS } from './explain-trace'
import { Postings } from './postings'
import { allocated } from './safe-points'
import { TermWeight } from './query'
import { SearchContext } from './search-context'
import { intToByte4, LENGTH_TABLE } from './small-float'

/** One (field, term) pair's postings in the segment, with the field's weight, and the next entry to read. */
class WeightedPostings {
  at: i32 = 0
  constructor(
    readonly postings: Postings,
    readonly weight: f32,
  ) {}

  @inline get doc(): i32 {
    return this.at < this.postings.docs.length ? unchecked(this.postings.docs[this.at]) : i32.MAX_VALUE
  }
}

/** CombinedFieldWeight's scorer over its pseudo statistics (n and N with it); null when no pair is in the index. */
function combinedWeight(
  ctx: SearchContext,
  fields: Array<string>,
  weights: Array<f32>,
  terms: Array<string>,
  boost: f32,
): TermWeight | null {
  let docFreq: i64 = 0
  for (let f = 0; f < fields.length; f++) {
    for (let t = 0; t < terms.length; t++) {
      const states = ctx.indexTermStates(fields[f], terms[t])
      if (states == null) continue
      const stats = ctx.termStatistics(fields[f], terms[t], states.docFreq, states.totalTermFreq)
      if (stats.docFreq > docFreq) docFreq = stats.docFreq
    }
  }
  if (docFreq == 0) return null
  let docCount: i64 = 0
  let sumTotalTermFreq: i64 = 0
  for (let f = 0; f < fields.length; f++) {
    const collection = ctx.collectionStatistics(fields[f])
    if (collection == null) continue
    if (collection.docCount > docCount) docCount = collection.docCount
    sumTotalTermFreq = <i64>(<f64>sumTotalTermFreq + <f64>weights[f] * <f64>collection.sumTotalTermFreq)
  }
  const scorer = new BM25Scorer(boost, idf(docFreq, docCount), avgFieldLength(sumTotalTermFreq, docCount))
  return new TermWeight(scorer, docFreq, docCount)
}

/** MultiNormsLeafSimScorer's norm of a document: its fields' lengths, weighted, summed and encoded again. */
function combinedNorm(ctx: SearchContext, fields: Array<string>, weights: Array<f32>, docId: i32): u8 {
  let length: f32 = 0
  for (let f = 0; f < fields.length; f++) {
    const field = ctx.field(fields[f])
    if (field != null) length += weights[f] * LENGTH_TABLE[<i32>field.norms.get(docId)]
  }
  return intToByte4(<i32>Math.floor(<f64>length + 0.5))
}

export function combinedFieldQuery(ctx: SearchContext, reader: ByteReader, parentBoost: f32): DocScores {
  const fieldCount = reader.i32()
  const fields = new Array<string>(fieldCount)
  const weights = new Array<f32>(fieldCount)
  for (let f = 0; f < fieldCount; f++) {
    fields[f] = reader.string()
    weights[f] = reader.f32()
  }
  const termCount = reader.i32()
  const terms = new Array<string>(termCount)
  for (let t = 0; t < termCount; t++) terms[t] = reader.string()
  const norms = reader.u32() == 1
  const boost = reader.f32() * parentBoost
  const weight = combinedWeight(ctx, fields, weights, terms, boost)
  const result = new DocScores()
  const trace = ctx.trace
  const lists = new Array<WeightedPostings>()
  if (weight != null) {
    for (let f = 0; f < fieldCount; f++) {
      const field = ctx.field(fields[f])
      if (field == null) continue
      for (let t = 0; t < termCount; t++) {
        const postings = field.terms.get(terms[t])
        if (postings != null) lists.push(new WeightedPostings(postings, weights[f]))
      }
    }
  }
  allocated(64 * <usize>lists.length)
  let traced = false
  while (true) {
    let docId = i32.MAX_VALUE
    for (let i = 0; i < lists.length; i++) docId = min(docId, lists[i].doc)
    if (docId == i32.MAX_VALUE) break
    let freq: f32 = 0
    for (let i = 0; i < lists.length; i++) {
      const list = lists[i]
      if (list.doc != docId) continue
      freq += list.weight * <f32>unchecked(list.postings.freqs[list.at])
      list.at++
    }
    if (!ctx.liveDocs.isLive(docId)) continue
    const scorer = weight!.scorer
    const norm: u8 = norms ? combinedNorm(ctx, fields, weights, docId) : 1
    result.push(docId, scorer.score(freq, norm))
    if (trace != null && docId == trace.docId) {
      trace.match('', scorer, freq, norm, [weight!.docFreq], [scorer.idf], weight!.docCount)
      traced = true
    }
  }
  if (trace != null && !traced) trace.noMatch('', WEIGHT_NO_TERMS)
  return result
}
