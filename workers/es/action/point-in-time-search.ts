/**
 * A search with `pit` (TransportSearchAction over a SearchContextId, ES 8.17): RestSearchAction.preparePointInTime's
 * checks first (no index in the path, no `routing`, `preference` or indices options parameters, no true
 * `ccs_minimize_roundtrips` on the REST request, all refused together as action_request_validation_exception;
 * `_msearch` runs them on each item while it reads the body, so one refused item fails the whole request), then SearchRequest.validate's (`?scroll` with a point in time). The id's
 * indices must still exist under the same uuid and be open (index_not_found_exception, index_closed_exception);
 * their index blocks are not checked, as TransportSearchAction checks those only while it resolves an expression
 * (an `index.blocks.read` set after the point in time was opened does not stop it). Each
 * shard of the id gets one `search` message with its reader id, sent to the node that holds the context, with the
 * index's alias filter from the id; its position in the search (shardRequestIndex, `_shard_doc`'s high word) is its
 * place among the id's shards ordered by shard number, then index name, as ES sorts its shard iterators. The answers
 * are reduced as any search's; an unknown or expired context is that shard's search_context_missing_exception.
 */
import {
  actionRequestValidationException,
  EsException,
  indexClosedException,
  indexNotFoundException,
} from '../errors/index.ts'
import { fromWireException } from '../errors/wire-exception.ts'
import { parseBoolean } from '../common/booleans.ts'
import { isClosed } from '../index/index-metadata.ts'
import type { RestContext } from '../rest/rest-context.ts'
import type { RestHandlerRequest } from '../rest/rest-controller.ts'
import type { ParsedSearch } from '../search/search-request.ts'
import type { PointInTimeBuilder } from '../search/point-in-time-builder.ts'
import type { ShardFailure } from '../search/shard-failures.ts'
import { decodeSearchContextId } from '../search/context/search-context-id.ts'
import {
  reduceShardAnswers,
  type DistributedSearchResult,
  type ShardAnswer,
} from './transport-search-action.ts'

const INDICES_OPTIONS_PARAMS = [
  'expand_wildcards',
  'ignore_unavailable',
  'allow_no_indices',
  'ignore_throttled',
]

/**
 * RestSearchAction.preparePointInTime and SearchRequest.validate's point-in-time checks; `restParams` are the REST
 * request's own parameters (an `_msearch` item's `req` carries its header's).
 */
export function validatePitSearch(
  req: RestHandlerRequest,
  restParams: ReadonlyMap<string, string> = req.params,
): void {
  const errors: string[] = []
  if (req.path.index !== undefined && req.path.index !== '')
    errors.push('[indices] cannot be used with point in time. Do not specify any index with point in time.')
  if (INDICES_OPTIONS_PARAMS.some((name) => req.params.has(name)))
    errors.push('[indicesOptions] cannot be used with point in time')
  if (req.params.has('routing')) errors.push('[routing] cannot be used with point in time')
  if (req.params.has('preference')) errors.push('[preference] cannot be used with point in time')
  if (parseBoolean(restParams.get('ccs_minimize_roundtrips') ?? 'false'))
    errors.push('[ccs_minimize_roundtrips] cannot be used with point in time')
  if (errors.length > 0) throw actionRequestValidationException(errors)
  if (req.params.has('scroll'))
    throw actionRequestValidationException(['using [point in time] is not allowed in a scroll context'])
}

export async function executePitSearch(
  context: RestContext,
  req: RestHandlerRequest,
  pit: PointInTimeBuilder,
  parsed: ParsedSearch,
  started: number,
): Promise<DistributedSearchResult> {
  const { shards, aliasFilters } = decodeSearchContextId(pit.id)
  for (const { index, uuid } of shards) {
    const metadata = context.indices.get(index)?.metadata
    if (!metadata || metadata.uuid !== uuid) throw indexNotFoundException(index)
    if (isClosed(metadata)) throw indexClosedException(metadata.name, metadata.uuid)
  }
  const ordered = [...shards].sort(
    (a, b) => a.shard - b.shard || (a.index < b.index ? -1 : a.index > b.index ? 1 : 0),
  )
  const filters = new Map(aliasFilters.map(({ uuid, filter }) => [uuid, filter]))
  const { nodes } = context.client.cluster.state()
  const responses = await Promise.all(
    ordered.map(({ index, uuid, shard, reader }, shardIndex) => {
      const address = nodes.find((n) => n.id === reader.node)?.address
      if (address === undefined) return Promise.resolve(null)
      return context.client.toNode(address, {
        type: 'search',
        index,
        uuid,
        shard,
        body: req.request.body,
        params: [...req.params],
        isCount: false,
        now: started,
        shardIndex,
        ...(parsed.slice === null
          ? {}
          : { sliceShard: { shardRequestIndex: shardIndex, numberOfShards: ordered.length } }),
        aliasFilter: filters.get(uuid) ?? null,
        reader: { sessionId: reader.sessionId, id: reader.id, keepAlive: pit.keepAlive },
      })
    }),
  )
  const failures: ShardFailure[] = []
  const answers: ShardAnswer[] = []
  responses.forEach((response, i) => {
    const { index: name, shard, reader } = ordered[i]!
    const index = context.indices.get(name)!
    if (response?.type === 'search') answers.push({ index, node: response.node, result: response.result })
    else if (response?.type === 'search_failed')
      failures.push({ index: name, shard, node: response.node, error: fromWireException(response.error) })
    else failures.push({ index: name, shard, node: null, error: nodeNotAvailable(reader.node) })
  })
  return reduceShardAnswers(ordered.length, failures, answers, parsed, context)
}

function nodeNotAvailable(node: string): EsException {
  return new EsException({
    type: 'illegal_state_exception',
    reason: `node [${node}] is not available`,
    status: 500,
  })
}
