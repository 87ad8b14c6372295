// CAPPED_SCORE: Elasticsearch's CappedScoreQuery (x-pack search-business-rules, the organic part of a `pinned`
// query): the wrapped query's matches, each scoring Math.min(maxScore, score) in float, as CappedScorer does. The
// boost reaches the wrapped query (CappedScoreQuery.createWeight passes it on), so it is applied before the cap.
// Program operands after the op code (see query.ts): f32 maxScore, f32 boost, then the wrapped query.
// One call per segment scores every match: no document crosses the boundary on its own.
import { ByteReader } from './byte-reader'
import { DocScores } from './doc-scores'
import { evaluate } from './query'
import { SearchContext } from './search-context'

export function cappedScoreQuery(ctx: SearchContext, reader: ByteReader, parentBoost: f32): DocScores {
  const maxScore = reader.f32()
  const boost = reader.f32() * parentBoost
  const inner = evaluate(ctx, reader, boost)
  const result = new DocScores()
  // f32.min is NaN when either operand is, as Java's Math.min(float, float)
  for (let i = 0; i < inner.length; i++) result.push(inner.docs[i], min<f32>(maxScore, inner.scores[i]))
  return result
}
