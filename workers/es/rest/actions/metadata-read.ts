/**
 * The checkBlock of ES 8.17's master read actions over indices (TransportGetIndexAction, TransportGetMappingsAction,
 * TransportGetSettingsAction): the indices an expression resolves to, refused together (one cluster_block_exception
 * naming every blocked index) while any has a METADATA_READ block (`index.blocks.metadata`, or a global one). The
 * `_cat/indices` and `_cat/shards` tables answer with it too: the first request behind each (GetSettings for
 * RestIndicesAction, IndicesStats for RestShardsAction) checks that level on its concrete indices.
 */
import { indicesBlockedRaiseException } from '../../cluster/block/cluster-blocks.ts'
import type { IndicesOptions } from '../../cluster/metadata/indices-options.ts'
import type { IndexService } from '../../index/index-service.ts'
import type { RestContext } from '../rest-context.ts'

export function resolveMetadataReadable(
  context: RestContext,
  expression: string | undefined,
  options?: IndicesOptions,
): IndexService[] {
  const indices = context.indices.resolve(expression, options)
  indicesBlockedRaiseException(
    context.client.cluster.state(),
    'METADATA_READ',
    indices.map((index) => index.metadata.name),
  )
  return indices
}
