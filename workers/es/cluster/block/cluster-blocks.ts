/**
 * ClusterBlocks of a cluster state, derived from it rather than stored beside it: the global blocks come from the
 * cluster settings (Metadata.CLUSTER_READ_ONLY_BLOCK, id 6 "cluster read-only (api)", and
 * CLUSTER_READ_ONLY_ALLOW_DELETE_BLOCK, id 13 "cluster read-only / allow delete (api)": both FORBIDDEN, levels WRITE
 * and METADATA_WRITE, the second letting indices be deleted), an index's blocks from its `index.blocks.*` settings
 * (index-blocks.ts) plus INDEX_CLOSED_BLOCK (id 4, READ and WRITE) while it is closed. ES keeps the same sets in
 * ClusterState.blocks and rebuilds them whenever those settings change, so reading them from the settings gives
 * the same answers.
 *
 * The checks are ClusterBlocks' own: globalBlockedException (the global blocks at a level),
 * indicesBlockedException (each named index that has a block at the level, or any index while a global one holds,
 * gets its blocks joined with the global ones) and indicesAllowReleaseResources (the same at METADATA_WRITE,
 * leaving out the blocks that let an index be deleted), and the raising forms the request-side actions call:
 * globalBlockedRaiseException (checkGlobalBlock, before the indices are resolved), indicesBlockedRaiseException (the
 * named indices' blocks in one exception: checkRequestBlock of TransportBroadcastByNodeAction, TransportBroadcastAction
 * and TransportSingleShardAction, a master read action's checkBlock) and eachIndexBlockedRaiseException (the first
 * blocked index alone: TransportSearchAction and TransportFieldCapabilitiesAction). Which transport action checks what is metadata-task-blocks.ts's, the bulk
 * action's and each request action's business.
 */
import type { EsException } from '../../errors/index.ts'
import type { JsonOut } from '../../xcontent/index.ts'
import type { ClusterState } from '../state/cluster-state.ts'
import { isClosed } from '../../index/index-metadata.ts'
import { javaStringKeyOrder } from '../../../net/java-hash.ts'
import { esIndexMetadata } from '../metadata/es-index-metadata.ts'
import {
  blockSettingSet,
  CLUSTER_READ_ONLY,
  CLUSTER_READ_ONLY_ALLOW_DELETE,
} from '../metadata/cluster-settings.ts'
import {
  blockJson,
  globalBlockException,
  hashSetOrder,
  indexBlockException,
  unionOf,
  type ClusterBlock,
  type ClusterBlockLevel,
} from './cluster-block.ts'
import { indexBlocks } from './index-blocks.ts'

const CLUSTER_READ_ONLY_BLOCK: ClusterBlock = {
  id: 6,
  description: 'cluster read-only (api)',
  status: 'FORBIDDEN',
  levels: ['WRITE', 'METADATA_WRITE'],
  allowReleaseResources: false,
}

const CLUSTER_READ_ONLY_ALLOW_DELETE_BLOCK: ClusterBlock = {
  id: 13,
  description: 'cluster read-only / allow delete (api)',
  status: 'FORBIDDEN',
  levels: ['WRITE', 'METADATA_WRITE'],
  allowReleaseResources: true,
}

/** MetadataIndexStateService.INDEX_CLOSED_BLOCK. */
const INDEX_CLOSED_BLOCK: ClusterBlock = {
  id: 4,
  description: 'index closed',
  status: 'FORBIDDEN',
  levels: ['READ', 'WRITE'],
  allowReleaseResources: false,
}

/** ClusterBlocks.global(): the global blocks the cluster settings set. */
function globalBlocks(state: ClusterState): ClusterBlock[] {
  return [
    ...(blockSettingSet(state, CLUSTER_READ_ONLY) ? [CLUSTER_READ_ONLY_BLOCK] : []),
    ...(blockSettingSet(state, CLUSTER_READ_ONLY_ALLOW_DELETE) ? [CLUSTER_READ_ONLY_ALLOW_DELETE_BLOCK] : []),
  ]
}

/** ClusterBlocks.indices().get(index): an index's blocks (none for a name that is no index). */
function blocksOfIndex(state: ClusterState, index: string): ClusterBlock[] {
  const metadata = state.metadata.indices[index]
  if (!metadata) return []
  const settings = esIndexMetadata(metadata)
  return [...(isClosed(settings) ? [INDEX_CLOSED_BLOCK] : []), ...indexBlocks(settings)]
}

function atLevel(blocks: readonly ClusterBlock[], level: ClusterBlockLevel): ClusterBlock[] {
  return blocks.filter((block) => block.levels.includes(level))
}

/** ClusterBlocks.globalBlockedException: null when no global block holds the level. */
export function globalBlockedException(state: ClusterState, level: ClusterBlockLevel): EsException | null {
  const blocks = atLevel(globalBlocks(state), level)
  return blocks.length === 0 ? null : globalBlockException(blocks)
}

/** ClusterBlocks.indicesBlockedException over the named indices (names that are no index have no blocks). */
export function indicesBlockedException(
  state: ClusterState,
  level: ClusterBlockLevel,
  indices: readonly string[],
): EsException | null {
  const global = atLevel(globalBlocks(state), level)
  return blockedIndices(global, indices, (index) =>
    unionOf(atLevel(blocksOfIndex(state, index), level), global),
  )
}

/** ClusterBlocks.globalBlockedRaiseException: throws the global blocks at the level, if any hold. */
export function globalBlockedRaiseException(state: ClusterState, level: ClusterBlockLevel): void {
  const blocked = globalBlockedException(state, level)
  if (blocked !== null) throw blocked
}

/** Throws indicesBlockedException: every named index with a block at the level, in one exception. */
export function indicesBlockedRaiseException(
  state: ClusterState,
  level: ClusterBlockLevel,
  indices: readonly string[],
): void {
  const blocked = indicesBlockedException(state, level, indices)
  if (blocked !== null) throw blocked
}

/**
 * ClusterBlocks.indexBlockedRaiseException for each index in turn, as TransportSearchAction and
 * TransportFieldCapabilitiesAction call it: the first index with a block at the level fails the request alone.
 */
export function eachIndexBlockedRaiseException(
  state: ClusterState,
  level: ClusterBlockLevel,
  indices: readonly string[],
): void {
  for (const index of indices) {
    const blocked = indicesBlockedException(state, level, [index])
    if (blocked !== null) throw blocked
  }
}

/**
 * ClusterBlocks.indicesAllowReleaseResources: what stops the indices from being deleted, the METADATA_WRITE blocks
 * that do not allow releasing resources (so read_only_allow_delete, cluster or index, lets the delete through).
 */
export function indicesAllowReleaseResources(
  state: ClusterState,
  indices: readonly string[],
): EsException | null {
  const holds = (block: ClusterBlock): boolean => !block.allowReleaseResources
  const global = atLevel(globalBlocks(state), 'METADATA_WRITE').filter(holds)
  return blockedIndices(global, indices, (index) =>
    unionOf(atLevel(blocksOfIndex(state, index), 'METADATA_WRITE'), global).filter(holds),
  )
}

/** The index-level exception of the indices with blocks, else the global one, else null. */
function blockedIndices(
  global: readonly ClusterBlock[],
  indices: readonly string[],
  blocksOf: (index: string) => ClusterBlock[],
): EsException | null {
  const blocked = new Map<string, ClusterBlock[]>()
  for (const index of indices) {
    const blocks = blocksOf(index)
    if (blocks.length > 0) blocked.set(index, blocks)
  }
  if (blocked.size > 0) return indexBlockException(blocked)
  return global.length === 0 ? null : globalBlockException(global)
}

/**
 * The `blocks` section of GET _cluster/state (ClusterState.toXContent): `global` when there are global blocks,
 * `indices` (by index, in HashMap order) when any index has blocks; each block set in HashSet order.
 */
export function clusterBlocksJson(state: ClusterState): JsonOut {
  const out: Record<string, JsonOut> = {}
  const global = globalBlocks(state)
  if (global.length > 0) out.global = new Map(hashSetOrder(global).map(blockJson))
  const indices = new Map<string, JsonOut>()
  for (const index of javaStringKeyOrder(Object.keys(state.metadata.indices))) {
    const blocks = blocksOfIndex(state, index)
    if (blocks.length > 0) indices.set(index, new Map(hashSetOrder(blocks).map(blockJson)))
  }
  if (indices.size > 0) out.indices = indices
  return out
}
