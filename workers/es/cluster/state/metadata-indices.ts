/**
 * The master's index metadata changes, as ES's MetadataCreateIndexService, MetadataDeleteIndexService and
 * MetadataUpdateSettingsService apply them to the cluster state (the caller reroutes afterwards):
 * - create: primary terms 0 and empty in-sync sets; every copy UNASSIGNED with INDEX_CREATED, the primary
 *   from EMPTY_STORE, replicas from PEER; a resized index's primaries from LOCAL_SHARDS, their terms starting at
 *   the highest of their source shards' (MetadataCreateIndexService), so the first assignment is above them; a
 *   restored index's from SNAPSHOT (NEW_INDEX_RESTORED), their terms starting at the snapshotted ones (RestoreService);
 * - number_of_replicas up: new UNASSIGNED replicas with REPLICA_ADDED; down: the least useful replicas
 *   go first (unassigned, then initializing, then started), as RoutingNodes.removeReplicas does;
 * - delete: metadata and routing go.
 */
import type { ClusterState, IndexMetadata } from './cluster-state.ts'
import { newUnassignedInfo, unassignedCopy, type ShardRouting } from './shard-routing.ts'

export interface CreateIndexRequest {
  readonly name: string
  readonly uuid: string
  readonly numberOfShards: number
  readonly numberOfReplicas: number
  readonly settings: unknown
  readonly mappings: unknown
  /** A resized index (split, shrink, clone): its primaries recover from LOCAL_SHARDS, starting at these terms. */
  readonly resize?: { readonly primaryTerms: readonly number[] }
  /** A restored index: its primaries recover from SNAPSHOT (NEW_INDEX_RESTORED), starting at these terms. */
  readonly restore?: { readonly primaryTerms: readonly number[] }
}

export class ResourceAlreadyExistsError extends Error {
  override name = 'resource_already_exists_exception'
}

export class IndexNotFoundError extends Error {
  override name = 'index_not_found_exception'
}

export function createIndex(state: ClusterState, request: CreateIndexRequest, now: number): ClusterState {
  if (state.metadata.indices[request.name]) {
    throw new ResourceAlreadyExistsError(
      `index [${request.name}/${state.metadata.indices[request.name]!.uuid}] already exists`,
    )
  }
  const metadata: IndexMetadata = {
    name: request.name,
    uuid: request.uuid,
    numberOfShards: request.numberOfShards,
    numberOfReplicas: request.numberOfReplicas,
    primaryTerms:
      request.resize?.primaryTerms ??
      request.restore?.primaryTerms ??
      Array.from({ length: request.numberOfShards }, () => 0),
    inSyncAllocationIds: Array.from({ length: request.numberOfShards }, () => []),
    settings: request.settings,
    mappings: request.mappings,
  }
  const info = newUnassignedInfo(request.restore ? 'NEW_INDEX_RESTORED' : 'INDEX_CREATED', now)
  const source = request.resize ? 'LOCAL_SHARDS' : request.restore ? 'SNAPSHOT' : 'EMPTY_STORE'
  const shards = Array.from({ length: request.numberOfShards }, (_, shard) => [
    unassignedCopy(request.name, shard, true, source, info),
    ...Array.from({ length: request.numberOfReplicas }, () =>
      unassignedCopy(request.name, shard, false, 'PEER', info),
    ),
  ])
  return {
    ...state,
    metadata: { ...state.metadata, indices: { ...state.metadata.indices, [request.name]: metadata } },
    routingTable: { ...state.routingTable, [request.name]: shards },
  }
}

export function deleteIndex(state: ClusterState, name: string): ClusterState {
  if (!state.metadata.indices[name]) throw new IndexNotFoundError(`no such index [${name}]`)
  const indices = { ...state.metadata.indices }
  const routingTable = { ...state.routingTable }
  delete indices[name]
  delete routingTable[name]
  return { ...state, metadata: { ...state.metadata, indices }, routingTable }
}

const REMOVAL_ORDER: Record<ShardRouting['state'], number> = {
  UNASSIGNED: 0,
  INITIALIZING: 1,
  STARTED: 2,
  RELOCATING: 3,
}

export function updateNumberOfReplicas(
  state: ClusterState,
  name: string,
  numberOfReplicas: number,
  now: number,
): ClusterState {
  const metadata = state.metadata.indices[name]
  if (!metadata) throw new IndexNotFoundError(`no such index [${name}]`)
  const info = newUnassignedInfo('REPLICA_ADDED', now)
  const shards = (state.routingTable[name] ?? []).map((copies, shard) => {
    const replicas = copies.filter((c) => !c.primary)
    const extra = numberOfReplicas - replicas.length
    if (extra >= 0) {
      return [
        ...copies,
        ...Array.from({ length: extra }, () => unassignedCopy(name, shard, false, 'PEER', info)),
      ]
    }
    const removed = new Set(
      [...replicas].sort((a, b) => REMOVAL_ORDER[a.state] - REMOVAL_ORDER[b.state]).slice(0, -extra),
    )
    return copies.filter((c) => !removed.has(c))
  })
  return {
    ...state,
    metadata: {
      ...state.metadata,
      indices: { ...state.metadata.indices, [name]: { ...metadata, numberOfReplicas } },
    },
    routingTable: { ...state.routingTable, [name]: shards },
  }
}

/**
 * The routing table of a state read back from disk after the node's process restarted
 * (RoutingTable.Builder.addAsRecovery, as the GatewayService rebuilds it: ES never persists routing):
 * every copy UNASSIGNED with CLUSTER_RECOVERED, a primary from its existing store when the metadata lists
 * in-sync copies (else from an empty one), replicas from a peer. Primary terms and in-sync allocation ids
 * stay in the metadata, so the master assigns each primary only where an in-sync copy is stored. The
 * transient cluster settings are dropped (ES never writes them to disk).
 */
export function recoveredRouting(state: ClusterState, now: number): ClusterState {
  const info = newUnassignedInfo('CLUSTER_RECOVERED', now)
  const routingTable = Object.fromEntries(
    Object.values(state.metadata.indices).map((metadata) => [
      metadata.name,
      Array.from({ length: metadata.numberOfShards }, (_, shard) => [
        unassignedCopy(
          metadata.name,
          shard,
          true,
          (metadata.inSyncAllocationIds[shard]?.length ?? 0) > 0 ? 'EXISTING_STORE' : 'EMPTY_STORE',
          info,
        ),
        ...Array.from({ length: metadata.numberOfReplicas }, () =>
          unassignedCopy(metadata.name, shard, false, 'PEER', info),
        ),
      ]),
    ]),
  )
  // Transient cluster settings are never written to disk: a full cluster restart loses them.
  const metadata = { ...state.metadata }
  delete metadata.transientSettings
  return { ...state, metadata, routingTable }
}
