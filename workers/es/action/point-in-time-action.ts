/**
 * Points in time on the coordinating node (TransportOpenPointInTimeAction, TransportClosePointInTimeAction):
 * - `openPointInTime`: the expression resolved as a search resolves it (IndicesOptions from the request, routing),
 *   one `open_reader_context` message to an active copy of every target shard, the primary first; the id names each
 *   shard's context and every index's alias filter (search/context/search-context-id.ts). Shards an index filter
 *   skipped count as `skipped`; a shard that failed fails the request (search_phase_execution_exception), as
 *   allow_partial_search_results (false) asks.
 * - `closePointInTime`: frees each shard's context on its node (ClearScrollController.closeContexts): `succeeded`
 *   when every context was freed, `num_freed` how many were.
 */
import { toJson, type XContentObject } from '../xcontent/index.ts'
import type { IndexMetadata } from '../index/index-metadata.ts'
import { aliasesOf } from '../cluster/metadata/alias-metadata.ts'
import {
  indicesOptionsFromRequest,
  STRICT_EXPAND_OPEN_FORBID_CLOSED,
} from '../cluster/metadata/indices-options.ts'
import { resolveSearchTargets } from '../rest/actions/search-actions.ts'
import type { RestContext } from '../rest/rest-context.ts'
import { parseInnerQuery } from '../search/query-builder.ts'
import { allShardsFailed, type ShardFailure } from '../search/shard-failures.ts'
import { fromWireException } from '../errors/wire-exception.ts'
import {
  decodeSearchContextId,
  encodeSearchContextId,
  type PitShard,
} from '../search/context/search-context-id.ts'

export interface OpenPointInTimeResponse {
  id: string
  total: number
  successful: number
  skipped: number
  failed: number
}

export async function openPointInTime(
  context: RestContext,
  expression: string | undefined,
  params: ReadonlyMap<string, string>,
  keepAlive: number,
  indexFilter: XContentObject | null,
): Promise<OpenPointInTimeResponse> {
  const now = context.clock.now()
  const filter = indexFilter === null ? null : toJson(indexFilter)
  if (indexFilter !== null) {
    const validation = {
      fields: new Map(),
      analyze: context.analyze,
      nowMillis: now,
      deprecations: new Set<string>(),
    }
    parseInnerQuery(indexFilter, validation)
  }
  const options = indicesOptionsFromRequest(params, STRICT_EXPAND_OPEN_FORBID_CLOSED)
  const targets = resolveSearchTargets(context, expression, params.get('routing') ?? null, options)
  const requests = targets.flatMap(({ index, shards }) => shards.map((shard) => ({ index, shard })))
  const responses = await Promise.all(
    requests.map(({ index, shard }) =>
      context.client.toActiveCopy(index.metadata.name, shard, (target) => ({
        type: 'open_reader_context',
        ...target,
        keepAlive,
        indexFilter: filter,
        now,
      })),
    ),
  )
  const shards: PitShard[] = []
  const failures: ShardFailure[] = []
  let skipped = 0
  responses.forEach((response, i) => {
    const { index, shard } = requests[i]!
    if (response?.type === 'search_failed') {
      const error = fromWireException(response.error)
      failures.push({ index: index.metadata.name, shard, node: response.node, error })
    }
    if (response?.type !== 'reader_opened') return
    if (response.reader === null) skipped++
    else {
      const { name, uuid } = index.metadata
      shards.push({ index: name, uuid, shard, reader: { node: response.node, ...response.reader } })
    }
  })
  // allow_partial_search_results defaults to false: a shard that failed fails the whole request.
  if (failures.length > 0) throw allShardsFailed(failures)
  const aliasFilters = targets.map(({ index, aliasFilter }) => ({
    uuid: index.metadata.uuid,
    aliases: aliasFilter === null ? [] : filteringAliases(index.metadata, expression),
    filter: aliasFilter,
  }))
  const total = requests.length
  const successful = shards.length + skipped
  return {
    id: encodeSearchContextId({ shards, aliasFilters }),
    total,
    successful,
    skipped,
    failed: total - successful,
  }
}

/** The filtering aliases of an index that the expression names (AliasFilter's alias names). */
function filteringAliases(metadata: IndexMetadata, expression: string | undefined): string[] {
  const named = new Set((expression ?? '').split(','))
  return Object.entries(aliasesOf(metadata))
    .filter(([name, alias]) => alias.filter !== undefined && named.has(name))
    .map(([name]) => name)
    .sort()
}

export async function closePointInTime(
  context: RestContext,
  id: string,
): Promise<{ succeeded: boolean; freed: number }> {
  const { shards } = decodeSearchContextId(id)
  const { nodes } = context.client.cluster.state()
  const freed = await Promise.all(
    shards.map(async ({ reader: { node, sessionId, id: contextId } }) => {
      const address = nodes.find((n) => n.id === node)?.address
      if (address === undefined) return false
      const response = await context.client.toNode(address, {
        type: 'free_context',
        sessionId,
        id: contextId,
      })
      return response?.type === 'freed' && response.freed
    }),
  )
  const count = freed.filter(Boolean).length
  return { succeeded: count === shards.length, freed: count }
}
