/**
 * The index a split, shrink or clone creates (TransportResizeAction.prepareCreateIndexRequest, then
 * MetadataCreateIndexService's validateResize / validateSplitIndex / validateShrinkIndex / validateCloneIndex and
 * prepareResizeIndexSettings, ES 8), built on the node that takes the request and checked again by the master:
 * - the source must exist (and be open), the target must not, and the source must be read-only
 *   (index.blocks.write, read_only or read_only_allow_delete); a data stream's write index cannot be resized;
 * - the target's shard count (the request's index.number_of_shards; shrink's default 1, clone's the source's)
 *   must fit the source's (resize-shards.ts); a shrink needs a node holding a started copy of every source shard,
 *   which becomes index.routing.allocation.initial_recovery._id;
 * - settings: the request's over every setting of the source (ES 8 always copies them) except those ES sets
 *   anew (uuid, creation date, provided name, shard count; number_of_replicas defaults to 1 before the copy, so
 *   the source's is never taken) and index.allocation.max_retries (NotCopyableOnResize);
 * - the mapping is the source's; aliases are the request's only; templates do not apply;
 * - routing_num_shards is the source's (so every document's routing still names the shard it was put in),
 *   except from a one-shard source: the request's or copied number_of_routing_shards, else the default for the
 *   new shard count.
 */
import {
  illegalArgumentException,
  indexClosedException,
  indexNotFoundException,
  resourceAlreadyExistsException,
} from '../../errors/index.ts'
import { flatSettings, isClosed, type IndexMetadata } from '../../index/index-metadata.ts'
import { normalizeSettings, parseIntSetting, MAX_NUMBER_OF_SHARDS } from '../../index/index-settings.ts'
import { validateIndexSettings } from '../../index/index-scoped-settings.ts'
import { hasIndexBlock } from '../block/index-blocks.ts'
import type { JsonOut, XContentValue } from '../../xcontent/index.ts'
import type { ClusterState } from '../state/cluster-state.ts'
import { javaStringKeyOrder } from '../../../net/java-hash.ts'
import { indexSettings } from './metadata-create-index-service.ts'
import { newIndexMetadata } from './metadata-tasks.ts'
import { esIndexMetadata } from './es-index-metadata.ts'
import { parseAliasDefinition, withAliases, type AliasMetadata } from './alias-metadata.ts'
import { dataStreamsOf, writeIndexOfDataStream } from './data-stream.ts'
import {
  illegalStateException,
  resizeTypeOf,
  routingFactor,
  selectCloneShard,
  selectRecoverFromShards,
  selectShrinkShards,
  selectSplitShard,
  type ResizeType,
} from './resize-shards.ts'

/** A resize request: the source and target names and the body's `settings` and `aliases`. */
export interface ResizeRequest {
  type: ResizeType
  source: string
  target: string
  settings?: XContentValue
  aliases?: XContentValue
}

/** Settings ES sets anew on the target, or does not copy from the source (NotCopyableOnResize). */
const NOT_COPIED = new Set([
  'index.creation_date',
  'index.uuid',
  'index.provided_name',
  'index.version.created',
  'index.number_of_shards',
  'index.number_of_replicas',
  'index.verified_before_close',
  'index.routing.allocation.include._tier_preference',
  'index.resize.source.name',
  'index.resize.source.uuid',
  'index.routing.allocation.initial_recovery._id',
  'index.allocation.max_retries',
])

/** The target index's metadata, validated as the master validates it. */
export function prepareResize(
  state: ClusterState,
  request: ResizeRequest,
  uuid: string,
  now: number,
): IndexMetadata {
  const source = sourceMetadata(state, request.source)
  const requested =
    request.settings instanceof Map ? normalizeSettings(request.settings) : new Map<string, XContentValue>()
  requested.delete('index.history.uuid')
  const numberOfShards = targetShardCount(request.type, source, requested)
  for (let shard = 0; shard < numberOfShards; shard++) {
    if (request.type === 'shrink') selectShrinkShards(shard, source, numberOfShards)
    else if (request.type === 'split') selectSplitShard(shard, source, numberOfShards)
    else selectCloneShard(shard, source, numberOfShards)
  }
  if (requested.has('index.routing_partition_size')) {
    throw illegalArgumentException('cannot provide a routing partition size value when resizing an index')
  }
  if (
    requested.has('index.number_of_routing_shards') &&
    !(request.type === 'split' && source.numberOfShards === 1)
  ) {
    throw illegalArgumentException('cannot provide index.number_of_routing_shards on resize')
  }
  validateIndexSettings(requested)
  const initialRecoveryIds = validateResize(state, request.type, source, request.target, numberOfShards)
  const settings = new Map<string, XContentValue>()
  for (const [key, value] of flatSettings(source)) {
    if (!NOT_COPIED.has(key)) settings.set(key, settingValue(value))
  }
  for (const [key, value] of requested) settings.set(key, value)
  settings.set('index.number_of_shards', String(numberOfShards))
  if (!requested.has('index.number_of_replicas')) settings.set('index.number_of_replicas', '1')
  const parsed = indexSettings(settings)
  const routingNumShards = source.numberOfShards === 1 ? parsed.routingNumShards : source.routingNumShards
  const metadata = newIndexMetadata(
    {
      name: request.target,
      ...parsed,
      ...(routingNumShards !== undefined ? { routingNumShards } : {}),
      mapping: source.mapping,
    },
    uuid,
    now,
  )
  const aliases: Record<string, AliasMetadata> = {}
  if (request.aliases instanceof Map) {
    for (const [alias, definition] of request.aliases)
      aliases[alias] = parseAliasDefinition(alias, definition)
  }
  return withAliases(
    {
      ...metadata,
      resize: { sourceName: source.name, sourceUuid: source.uuid, initialRecoveryIds },
    },
    aliases,
  )
}

/** A flat settings value (text, a list of texts, or null) as the settings parser takes it. */
function settingValue(value: JsonOut): XContentValue {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string')
  return typeof value === 'string' ? value : null
}

function sourceMetadata(state: ClusterState, name: string): IndexMetadata {
  const found = state.metadata.indices[name]
  if (!found) throw indexNotFoundException(name)
  const metadata = esIndexMetadata(found)
  // TransportResizeAction reads the source's shard statistics first, which a closed index has none of.
  if (isClosed(metadata)) throw indexClosedException(name, metadata.uuid)
  return metadata
}

function targetShardCount(
  type: ResizeType,
  source: IndexMetadata,
  requested: ReadonlyMap<string, XContentValue>,
): number {
  const given = requested.get('index.number_of_shards')
  if (given !== undefined && given !== null) {
    return parseIntSetting('index.number_of_shards', given, 1, MAX_NUMBER_OF_SHARDS)
  }
  return type === 'shrink' ? 1 : source.numberOfShards
}

/**
 * MetadataCreateIndexService.validateResize and the per-type checks, on the state the master applies the resize
 * to: answers a shrink's nodes for index.routing.allocation.initial_recovery._id (comma-joined), else null.
 */
export function validateResize(
  state: ClusterState,
  type: ResizeType,
  source: IndexMetadata,
  target: string,
  numberOfShards: number,
): string | null {
  const existing = state.metadata.indices[target]
  if (existing) throw resourceAlreadyExistsException(target, existing.uuid)
  if (!state.metadata.indices[source.name]) throw indexNotFoundException(source.name)
  for (const dataStream of Object.values(dataStreamsOf(state))) {
    if (writeIndexOfDataStream(dataStream).name === source.name) {
      throw illegalArgumentException(
        `cannot resize the write index [${source.name}] for data stream [${dataStream.name}]`,
      )
    }
  }
  if (!(['write', 'read_only', 'read_only_allow_delete'] as const).some((b) => hasIndexBlock(source, b))) {
    throw illegalStateException(
      `index ${source.name} must be read-only to resize index. use "index.blocks.write=true"`,
    )
  }
  routingFactor(source.numberOfShards, numberOfShards)
  if (type === 'split') selectSplitShard(0, source, numberOfShards)
  if (type === 'clone') selectCloneShard(0, source, numberOfShards)
  if (type !== 'shrink') return null
  selectShrinkShards(0, source, numberOfShards)
  if (source.numberOfShards === 1) throw illegalArgumentException("can't shrink an index with only one shard")
  const perNode = new Map<string, number>()
  for (const copy of (state.routingTable[source.name] ?? []).flat()) {
    if (copy.state === 'STARTED') perNode.set(copy.nodeId!, (perNode.get(copy.nodeId!) ?? 0) + 1)
  }
  const nodes = javaStringKeyOrder([...perNode.keys()]).filter(
    (node) => perNode.get(node) === source.numberOfShards,
  )
  if (nodes.length === 0) {
    throw illegalStateException(
      `index ${source.name} must have all shards allocated on the same node to shrink index`,
    )
  }
  return nodes.join(',')
}

/**
 * The master's check of a resize built on another node, on its current state; answers each target shard's
 * starting primary term: the highest of its source shards' (MetadataCreateIndexService).
 */
export function checkResize(state: ClusterState, metadata: IndexMetadata): number[] {
  const resize = metadata.resize!
  const found = state.metadata.indices[resize.sourceName]
  if (!found || found.uuid !== resize.sourceUuid) throw indexNotFoundException(resize.sourceName)
  const source = esIndexMetadata(found)
  const type = resizeTypeOf(source.numberOfShards, metadata.numberOfShards)
  validateResize(state, type, source, metadata.name, metadata.numberOfShards)
  return Array.from({ length: metadata.numberOfShards }, (_, shard) =>
    Math.max(
      ...selectRecoverFromShards(shard, source, metadata.numberOfShards).map(
        (s) => found.primaryTerms[s] ?? 0,
      ),
    ),
  )
}
