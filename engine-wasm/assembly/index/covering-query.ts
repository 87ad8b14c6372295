// COVERING: Lucene's CoveringQuery (Elasticsearch's terms_set): the documents that match at least their own
// minimum number of the clauses, scored (float) of the sum in double of the matching clauses' scores
// (CoveringScorer.score). The per-document minimum is a LongValuesSource resolved by the caller into a table:
// a minimum below 1 counts as 1; a document absent from the table matches nothing.
// Program operands after the op code (see query.ts): i32 n clauses, f32 boost, i32 count, count x i32 docId
// (global doc ids, strictly ascending), count x f64 minimum (integral), then the n clauses. The boost is passed
// down to the clauses, as CoveringQuery.createWeight hands its boost to every clause's weight.
import { ByteReader } from './byte-reader'
import { DocScores, entryOf, nextUnionDoc } from './doc-scores'
import { evaluate } from './query'
import { SearchContext } from './search-context'

export function coveringQuery(ctx: SearchContext, reader: ByteReader, parentBoost: f32): DocScores {
  const n = reader.i32()
  const boost = reader.f32() * parentBoost
  const count = reader.i32()
  const docs = new Array<i32>(count)
  for (let i = 0; i < count; i++) docs[i] = reader.i32()
  const minimums = new Array<f64>(count)
  for (let i = 0; i < count; i++) minimums[i] = reader.f64()
  const clauses = new Array<DocScores>()
  for (let i = 0; i < n; i++) clauses.push(evaluate(ctx, reader, boost))
  const docBase = ctx.segment.docBase
  const cursors = new Array<i32>(n).fill(0)
  const result = new DocScores()
  while (true) {
    const docId = nextUnionDoc(clauses, cursors)
    if (docId == i32.MAX_VALUE) return result
    let sum: f64 = 0
    let matched: i32 = 0
    for (let c = 0; c < n; c++) {
      const at = cursors[c]
      if (at < clauses[c].length && clauses[c].docs[at] == docId) {
        sum += <f64>clauses[c].scores[at]
        matched++
        cursors[c] = at + 1
      }
    }
    const entry = entryOf(docs, docBase + docId)
    if (entry >= 0 && <f64>matched >= max(1.0, minimums[entry])) result.push(docId, <f32>sum)
  }
}
