/**
 * The coordinating node's fetch of more_like_this items (MoreLikeThisQueryBuilder.handleItems' multi term vectors
 * request, which ES sends from each shard's query build): a first build of the request's queries for each index it
 * reads records the term vectors requests its items make (search/queries/more-like-this.ts: the item's `_index` or
 * the index, its `fields` or the query's), each distinct one is then run through the cluster (the document's shard on
 * an active copy, realtime, routed by the item's `routing` or an alias's index routing), and the builds that count
 * get the vectors by request key: a search hands them to its shards in the shard request.
 * As MoreLikeThisQueryBuilder.getFieldsFor reads the responses: an item whose document is missing, whose version
 * differs from the item's `version`, or whose request fails (a missing index, a READ block, no active copy) is left out; only a
 * routing_missing_exception fails the request. A failure of the first build is left for the real build to report.
 */
import { EsException } from '../errors/index.ts'
import type { RestContext } from '../rest/rest-context.ts'
import { resolveIndexRouting } from '../cluster/metadata/index-abstraction.ts'
import { checkRoutingRequired } from '../index/mapper/routing-field.ts'
import type {
  ItemTermVectors,
  MoreLikeThisItemVectors,
  TermVectorsItemRequest,
} from '../search/queries/more-like-this.ts'
import { readableSingleIndex } from './transport-get-action.ts'

/** The vectors of every item `record` (the builds, given a recording context) meets. */
export async function fetchMoreLikeThisItems(
  context: RestContext,
  record: (items: MoreLikeThisItemVectors) => void,
): Promise<MoreLikeThisItemVectors> {
  const missing = new Map<string, TermVectorsItemRequest>()
  try {
    record({ fetched: new Map(), missing })
  } catch (error) {
    if (!(error instanceof EsException)) throw error
  }
  const fetched = new Map<string, ItemTermVectors | null>()
  for (const [key, request] of missing) fetched.set(key, await itemVectors(context, request))
  return { fetched }
}

/** One item's TermVectorsResponse fields, or null when the item is left out. */
async function itemVectors(
  context: RestContext,
  request: TermVectorsItemRequest,
): Promise<ItemTermVectors | null> {
  const { id, fields } = request
  let index
  let routing
  try {
    index = readableSingleIndex(context, request.index)
    const metadata = context.indices.all().map((i) => i.metadata)
    routing = resolveIndexRouting(metadata, request.index, request.routing)
  } catch (error) {
    if (error instanceof EsException) return null
    throw error
  }
  checkRoutingRequired(index.metadata.mapping, index.metadata.name, id, routing)
  const shard = index.shardNumber(id, routing)
  const response = await context.client.toActiveCopy(index.metadata.name, shard, (target) => ({
    type: 'termvectors',
    ...target,
    id,
    fields,
  }))
  if (response?.type !== 'termvectors') return null
  const { found, version, fields: vectors } = response.result
  if (!found || (request.version !== null && version !== request.version)) return null
  return {
    fields: (vectors ?? []).map(({ field, terms }) => ({
      field,
      terms: terms.map(({ term, tokens }) => [term, tokens.length]),
    })),
  }
}
