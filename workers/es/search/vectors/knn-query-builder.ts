/**
 * The `knn` query (ES 8.17's KnnVectorQueryBuilder): the keys of a knn search (knn-search-builder.ts readKnnOptions),
 * its constructor's checks as illegal_argument_exception (`[k] must be greater than 0`, `[num_candidates] cannot
 * exceed [10000]`, `[num_candidates] cannot be less than [k]`, `either [query_vector] or [query_vector_builder] must
 * be provided`), k defaulting to the request's `size` (10 without one), no more than num_candidates when only that
 * is given. On a shard it stands for the shard's best k documents (knn-vector-query.ts) as a KnnScoreDocQuery, its
 * `filter` queries ANDed as the pre-filter; it is then a clause like any other (a bool's must or should, dis_max,
 * nested), its score the similarity's times `boost`. Built without a shard (a coordinating node's check,
 * _validate/query) it is left unresolved; the shard that runs it builds it again (index-query-context.ts); built for
 * an index, its field is checked then (createKnnQuery's errors).
 */
import type { IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import { illegalArgumentException } from '../../errors/index.ts'
import type { XContentObject } from '../../xcontent/index.ts'
import { parseInnerQuery } from '../query-builder.ts'
import type { QueryContext } from '../queries/query-parsing.ts'
import { defaultNumCandidates, NUM_CANDIDATES_LIMIT, readKnnOptions } from './knn-search-builder.ts'
import { checkKnnField, knnScoreDocQuery, knnPreFilter, knnTopDocs } from './knn-vector-query.ts'

/** SearchService.DEFAULT_SIZE: k without `k` or a request size. */
const DEFAULT_SIZE = 10

export function knnQuery(body: XContentObject, context: QueryContext): IndexQuery {
  const options = readKnnOptions(body)
  const { k, numCandidates } = options
  if (k !== null && k < 1) throw illegalArgumentException('[k] must be greater than 0')
  if (numCandidates !== null && numCandidates > NUM_CANDIDATES_LIMIT)
    throw illegalArgumentException(`[num_candidates] cannot exceed [${NUM_CANDIDATES_LIMIT}]`)
  if (k !== null && numCandidates !== null && numCandidates < k)
    throw illegalArgumentException('[num_candidates] cannot be less than [k]')
  if (options.queryVector === null)
    throw illegalArgumentException('either [query_vector] or [query_vector_builder] must be provided')
  const size = k ?? context.requestSize ?? DEFAULT_SIZE
  const candidates = numCandidates ?? defaultNumCandidates(size)
  // built for an index (not only parsed by a coordinating node): the field is checked as createKnnQuery does
  if (context.index !== undefined) checkKnnField(options.field, options.queryVector, context)
  const filters = options.filter.map((filter) => parseInnerQuery(filter, context))
  const query: Extract<IndexQuery, { type: 'knnVector' }> = {
    type: 'knnVector',
    field: options.field,
    queryVector: options.queryVector,
    k: Math.min(size, candidates),
    numCandidates: candidates,
    similarity: options.similarity,
    filter: knnPreFilter(filters),
    boost: options.boost,
  }
  return context.shard === undefined ? query : resolveKnnVector(query, context)
}

/** The query's best k documents on the context's shard, as a KnnScoreDocQuery. */
function resolveKnnVector(
  query: Extract<IndexQuery, { type: 'knnVector' }>,
  context: QueryContext,
): IndexQuery {
  return knnScoreDocQuery(knnTopDocs(query, context), query.boost)
}
