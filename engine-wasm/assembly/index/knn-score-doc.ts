// KNN_SCORE_DOC: Elasticsearch's KnnScoreDocQuery (Lucene's DocAndScoreQuery): the documents a knn search found,
// each scoring its own score times the boost in float (KnnScoreDocQuery's scorer: scores[i] * boost).
// Program operands after the op code (see query.ts): f32 boost, i32 count, count x i32 docId (global doc ids,
// strictly ascending), count x f32 score. Only the current segment's live documents match.
import { ByteReader } from './byte-reader'
import { DocScores } from './doc-scores'
import { SearchContext } from './search-context'

export function knnScoreDocQuery(ctx: SearchContext, reader: ByteReader, parentBoost: f32): DocScores {
  const boost = reader.f32() * parentBoost
  const count = reader.i32()
  const docs = new Array<i32>(count)
  for (let i = 0; i < count; i++) docs[i] = reader.i32()
  const scores = new Array<f32>(count)
  for (let i = 0; i < count; i++) scores[i] = reader.f32()
  const docBase = ctx.segment.docBase
  const result = new DocScores()
  for (let i = 0; i < count; i++) {
    const docId = docs[i] - docBase
    if (docId < 0 || docId >= ctx.maxDoc || !ctx.liveDocs.isLive(docId)) continue
    result.push(docId, scores[i] * boost)
  }
  return result
}
