// Queries that wrap others and rescore their matches, as Lucene 9 and Elasticsearch 8 score them:
//   DIS_MAX        DisjunctionMaxQuery: (float) (max + tieBreaker * (sum of the other scores, in double))
//   CONSTANT_SCORE ConstantScoreQuery: every match of the filter scores the boost
//   BOOSTING       FunctionScoreQuery.boostByQuery: positive's matches, their score times negativeBoost (float)
//                  when the negative query matches too (ES's boosting query)
// Program operands after the op code (see query.ts): DIS_MAX i32 n, f32 tieBreaker, f32 boost, n clauses;
// CONSTANT_SCORE f32 boost, the filter; BOOSTING f32 negativeBoost, f32 boost, positive, negative.
// The filter is weighed without scores (ctx.scoring false): it asks for no statistics. The negative query is scored
// (DoubleValuesSource.fromQuery weighs it with ScoreMode.COMPLETE), so it does.
import { ByteReader } from './byte-reader'
import { DocScores, nextUnionDoc } from './doc-scores'
import { evaluate } from './query'
import { SearchContext } from './search-context'

export function disMaxQuery(ctx: SearchContext, reader: ByteReader, parentBoost: f32): DocScores {
  const n = reader.i32()
  const tieBreaker = reader.f32()
  const boost = reader.f32() * parentBoost
  const clauses = new Array<DocScores>()
  for (let i = 0; i < n; i++) clauses.push(evaluate(ctx, reader, boost))
  return disjunctionMax(clauses, tieBreaker)
}

/** DisjunctionMaxScorer over the clauses' matches. */
export function disjunctionMax(clauses: Array<DocScores>, tieBreaker: f32): DocScores {
  const n = clauses.length
  const cursors = new Array<i32>(n).fill(0)
  const result = new DocScores()
  while (true) {
    const docId = nextUnionDoc(clauses, cursors)
    if (docId == i32.MAX_VALUE) return result
    let scoreMax: f32 = 0
    let otherSum: f64 = 0
    for (let c = 0; c < n; c++) {
      const at = cursors[c]
      if (at < clauses[c].length && clauses[c].docs[at] == docId) {
        const score = clauses[c].scores[at]
        if (score >= scoreMax) {
          otherSum += <f64>scoreMax
          scoreMax = score
        } else {
          otherSum += <f64>score
        }
        cursors[c] = at + 1
      }
    }
    result.push(docId, <f32>(<f64>scoreMax + otherSum * <f64>tieBreaker))
  }
}

export function constantScoreQuery(ctx: SearchContext, reader: ByteReader, parentBoost: f32): DocScores {
  const boost = reader.f32() * parentBoost
  const scores = ctx.scoring
  ctx.scoring = false
  const filter = evaluate(ctx, reader, 1)
  ctx.scoring = scores
  const result = new DocScores()
  for (let i = 0; i < filter.length; i++) result.push(filter.docs[i], boost)
  return result
}

export function boostingQuery(ctx: SearchContext, reader: ByteReader, parentBoost: f32): DocScores {
  const negativeBoost = reader.f32()
  const boost = reader.f32() * parentBoost
  const positive = evaluate(ctx, reader, boost)
  const negative = evaluate(ctx, reader, 1)
  const result = new DocScores()
  let at = 0
  for (let i = 0; i < positive.length; i++) {
    const docId = positive.docs[i]
    while (at < negative.length && negative.docs[at] < docId) at++
    const demoted = at < negative.length && negative.docs[at] == docId
    result.push(docId, demoted ? positive.scores[i] * negativeBoost : positive.scores[i])
  }
  return result
}
