/**
 * TransportGetAction on the coordinating node: a GET by id goes to an active copy of the document's shard (the
 * primary first), which answers from its live version map when realtime (the default), else from its last refreshed
 * searcher, refreshed first with `refresh` (GetReadMode). With no active copy
 * the answer is no_shard_available_action_exception, as ES gives. Before that, TransportSingleShardAction's
 * blocks: the global READ blocks, then the resolved index's (`index.blocks.read`), as `readableSingleIndex` checks
 * for every single-shard read (get, explain, term vectors, analyze). A GET's `version` is checked against the
 * document the copy found (InternalEngine.get: a 409 version_conflict_engine_exception with VersionType's
 * explanation for reads; a missing document is not found whatever the version). A query's rewrite on the coordinating node
 * (a `terms` lookup, a percolate indexed document, an indexed shape) reads its document with `rewriteGet`.
 */
import {
  EsException,
  illegalArgumentException,
  indexNotFoundException,
  versionConflictEngineException,
} from '../errors/index.ts'
import type { IndexService } from '../index/index-service.ts'
import type { StoredDocument } from '../index/shard/index-shard.ts'
import type { RestContext } from '../rest/rest-context.ts'
import { checkRoutingRequired } from '../index/mapper/routing-field.ts'
import { globalBlockedRaiseException, indicesBlockedRaiseException } from '../cluster/block/cluster-blocks.ts'
import { resolveIndexRouting } from '../cluster/metadata/index-abstraction.ts'
import { INTERNAL_MATCH_ANY, readConflict, type Versioning } from '../index/version-type.ts'
import { paramAsBoolean } from '../rest/actions/rest-params.ts'

/** The one index a name or alias names (IndexNameExpressionResolver for a single-index operation). */
export function singleIndex(context: RestContext, name: string): IndexService {
  const indices = context.indices.resolve(name)
  if (indices.length === 1) return indices[0]!
  if (indices.length === 0) throw indexNotFoundException(name)
  const names = indices.map((index) => index.metadata.name).join(', ')
  throw illegalArgumentException(
    `alias [${name}] has more than one index associated with it [${names}], can't execute a single index op`,
  )
}

/**
 * TransportSingleShardAction's resolution with its default checks: the global READ blocks before the name is
 * resolved (singleIndex), then the index's READ blocks.
 */
export function readableSingleIndex(context: RestContext, name: string): IndexService {
  const state = context.client.cluster.state()
  globalBlockedRaiseException(state, 'READ')
  const index = singleIndex(context, name)
  indicesBlockedRaiseException(state, 'READ', [index.metadata.name])
  return index
}

/** GetRequest's `realtime` and `refresh` flags. */
export interface GetReadMode {
  realtime: boolean
  refresh: boolean
}

export const REALTIME_GET: GetReadMode = { realtime: true, refresh: false }

/** RestGetAction's and RestMultiGetAction's `realtime` (default true) and `refresh` (default false) parameters. */
export function getReadModeFromParams(params: ReadonlyMap<string, string>): GetReadMode {
  const realtime = params.get('realtime')
  return {
    realtime: realtime === undefined || paramAsBoolean(realtime),
    refresh: paramAsBoolean(params.get('refresh')),
  }
}

export async function realtimeGet(
  context: RestContext,
  name: string,
  id: string,
  routing: string | null,
  versioning: Versioning = INTERNAL_MATCH_ANY,
  read: GetReadMode = REALTIME_GET,
): Promise<{ index: IndexService; doc: StoredDocument | null }> {
  const index = readableSingleIndex(context, name)
  const { mapping } = index.metadata
  checkRoutingRequired(mapping, index.metadata.name, id, routing)
  const shard = index.shardNumber(id, routing)
  const response = await context.client.toActiveCopy(index.metadata.name, shard, (target) => ({
    type: 'get',
    ...target,
    id,
    ...read,
  }))
  if (response?.type !== 'get') {
    throw new EsException({
      type: 'no_shard_available_action_exception',
      reason: `No shard available for [get [${name}][${id}]: routing [${routing}]]`,
      status: 503,
    })
  }
  const { doc } = response
  const conflict = doc && readConflict(versioning, doc.version)
  if (conflict) {
    const { name: concrete, uuid } = index.metadata
    throw versionConflictEngineException({ index: concrete, uuid, shard }, id, conflict)
  }
  return { index, doc }
}

/**
 * The realtime GET a query's rewrite sends (the GetRequest of Rewriteable.rewriteAndFetch's fetches): routed by
 * `routing`, or through an alias of one index by the alias's index routing; with the routing it used.
 */
export async function rewriteGet(
  context: RestContext,
  name: string,
  id: string,
  routing: string | null,
): Promise<{ index: IndexService; doc: StoredDocument | null; routing: string | null }> {
  const metadata = context.indices.all().map((index) => index.metadata)
  const resolved = resolveIndexRouting(metadata, name, routing)
  return { ...(await realtimeGet(context, name, id, resolved)), routing: resolved }
}
