// Block joins over nested documents, as Lucene's join module and Elasticsearch's nested support run them. A document
// with nested objects is one block of consecutive doc ids in a segment: its nested documents (each with one
// `_nested_path` term, its nested path), then the root document, which has no `_nested_path`. Merges keep blocks whole
// and in order (they only drop deleted documents, and a block is deleted as a whole).
//   NON_NESTED  u32 17, f32 boost
//               Queries.newNonNestedFilter: the live root documents (no `_nested_path`), each scoring the boost.
//               Every top-level query of an index with nested fields is filtered by it (DefaultSearchContext).
//   NESTED      u32 18, string parentPath ('' for the root), string path, u32 scoreMode, f32 boost, the child query
//               ESToParentBlockJoinQuery (ToParentBlockJoinQuery): the child query's matches among the documents of
//               `path` (filtered by `_nested_path:path`, as NestedQueryBuilder does) join to their parent, the next
//               document of the parent bit set after them (the roots, or the documents of `parentPath`), scored by
//               scoreMode: 0 none (0), 1 avg, 2 max, 3 min, 4 sum (BlockJoinScorer.setScoreAndFreq: in double,
//               the first child's score then each next one's, avg divided by the count, cast to float).
// The parent bit set is built per segment from the `_nested_path` field when a query asks (Lucene's BitSetProducer;
// no cache: a segment's is one pass over its `_nested_path` documents).
import { ByteReader } from './byte-reader'
import { DocScores } from './doc-scores'
import { evaluate } from './query'
import { SearchContext } from './search-context'

export const NESTED_PATH_FIELD = '_nested_path'

const SCORE_NONE: u32 = 0
const SCORE_AVG: u32 = 1
const SCORE_MAX: u32 = 2
const SCORE_MIN: u32 = 3

/** The segment's documents with a `_nested_path` (any nested document): true at their local doc ids. */
function nestedDocs(ctx: SearchContext): StaticArray<bool> {
  const nested = new StaticArray<bool>(ctx.maxDoc)
  const field = ctx.field(NESTED_PATH_FIELD)
  if (field == null) return nested
  for (let docId = 0; docId < ctx.maxDoc; docId++) nested[docId] = field.norms.get(docId) != 0
  return nested
}

/**
 * The parent bit set of a join: the root documents for parentPath '' (newNonNestedFilter), else the nested
 * documents of parentPath (NestedObjectMapper.nestedTypeFilter).
 */
function parentBits(ctx: SearchContext, parentPath: string): StaticArray<bool> {
  if (parentPath.length == 0) {
    const roots = nestedDocs(ctx)
    for (let docId = 0; docId < roots.length; docId++) roots[docId] = !roots[docId]
    return roots
  }
  return pathDocs(ctx, parentPath)
}

/** The documents whose `_nested_path` is `path`. */
function pathDocs(ctx: SearchContext, path: string): StaticArray<bool> {
  const docs = new StaticArray<bool>(ctx.maxDoc)
  const field = ctx.field(NESTED_PATH_FIELD)
  const postings = field != null ? field.terms.get(path) : null
  if (postings == null) return docs
  const ids = postings.docs
  for (let i = 0; i < ids.length; i++) docs[ids[i]] = true
  return docs
}

export function nonNestedQuery(ctx: SearchContext, reader: ByteReader, parentBoost: f32): DocScores {
  const boost = reader.f32() * parentBoost
  const nested = nestedDocs(ctx)
  const result = new DocScores()
  for (let docId = 0; docId < ctx.maxDoc; docId++)
    if (!nested[docId] && ctx.liveDocs.isLive(docId)) result.push(docId, boost)
  return result
}

export function nestedQuery(ctx: SearchContext, reader: ByteReader, parentBoost: f32): DocScores {
  const parentPath = reader.string()
  const path = reader.string()
  const scoreMode = reader.u32()
  const boost = reader.f32() * parentBoost
  // score_mode none weighs the child query without scores (ScoreMode.COMPLETE_NO_SCORES)
  // the child query's documents are not the parents' the enclosing conjunctions accept
  const scoring = ctx.scoring
  const acceptDocs = ctx.acceptDocs
  if (scoreMode == SCORE_NONE) ctx.scoring = false
  ctx.acceptDocs = null
  const children = evaluate(ctx, reader, boost)
  ctx.scoring = scoring
  ctx.acceptDocs = acceptDocs
  const ofPath = pathDocs(ctx, path)
  const parents = parentBits(ctx, parentPath)
  const result = new DocScores()
  let i = 0
  while (i < children.length) {
    if (!ofPath[children.docs[i]]) {
      i++
      continue
    }
    let parent = children.docs[i] + 1
    while (parent < parents.length && !parents[parent]) parent++
    if (parent >= parents.length) break
    let score: f64 = scoreMode == SCORE_NONE ? 0 : <f64>children.scores[i]
    let freq = 1
    for (i++; i < children.length && children.docs[i] < parent; i++) {
      if (!ofPath[children.docs[i]]) continue
      const childScore: f64 = scoreMode == SCORE_NONE ? 0 : <f64>children.scores[i]
      freq++
      if (scoreMode == SCORE_MAX) score = max(score, childScore)
      else if (scoreMode == SCORE_MIN) score = min(score, childScore)
      else if (scoreMode != SCORE_NONE) score += childScore
    }
    if (scoreMode == SCORE_AVG) score /= <f64>freq
    if (ctx.liveDocs.isLive(parent)) result.push(parent, <f32>score)
  }
  return result
}
