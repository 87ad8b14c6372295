/**
 * StoreRecovery.recoverFromLocalShards: a resized index's primary (split, shrink, clone) is built on its node from
 * the started copies of the source shards held there (IndexMetadata.selectRecoverFromShards). ES hard-links the
 * source's Lucene segments, so every document keeps its version, seq_no and primary term; a split then deletes
 * the documents that route elsewhere with the target's routing_num_shards (ShardSplittingQuery), and the new
 * commit's max_seq_no and local checkpoint are the highest of the sources'. Here the sources' documents are
 * replayed as operations with those same numbers: a split keeps those OperationRouting puts in this shard.
 * Answers null when a required source shard is not started here (ES's IllegalStateException, whose text
 * `missing` gives).
 */
import type { ClusterState } from '../cluster/state/cluster-state.ts'
import { esIndexMetadata } from '../cluster/metadata/es-index-metadata.ts'
import { selectRecoverFromShards } from '../cluster/metadata/resize-shards.ts'
import { shardId } from '../cluster/routing/operation-routing.ts'
import type { IndexMetadata } from '../index/index-metadata.ts'
import { seqNoOf, type ShardOperation } from '../index/shard/shard-operation.ts'
import type { IndicesService } from './indices-service.ts'

export interface LocalShardsSnapshot {
  /** The source documents this shard keeps, in seq_no order. */
  operations: ShardOperation[]
  /** The highest seq_no of the source shards: the new copy's local checkpoint. */
  maxSeqNo: number
}

export function localShardsSnapshot(
  indices: IndicesService,
  state: ClusterState,
  target: IndexMetadata,
  shard: number,
  now: number,
): LocalShardsSnapshot | { missing: string } {
  const { sourceName, sourceUuid } = target.resize!
  const found = state.metadata.indices[sourceName]
  const sourceIndex = indices.get(sourceName)
  if (!found || found.uuid !== sourceUuid || sourceIndex?.metadata.uuid !== sourceUuid)
    return { missing: `no such index [${sourceName}]` }
  const required = selectRecoverFromShards(shard, esIndexMetadata(found), target.numberOfShards)
  const started = required.flatMap((number) => {
    const copy = sourceIndex.shards.get(number)
    return copy?.recovered ? [copy] : []
  })
  if (started.length !== required.length) {
    return {
      missing:
        `not all required shards of index [${sourceName}/${sourceUuid}] are started yet, expected ` +
        `${required.length} found ${started.length} can't recover shard [${target.name}][${shard}]`,
    }
  }
  const split = found.numberOfShards < target.numberOfShards
  const operations = started
    .flatMap((copy) => copy.recoverySnapshot(now))
    .filter(
      (operation) =>
        operation.op === 'index' &&
        (!split ||
          shardId(operation.doc.id, operation.doc.routing, target.numberOfShards, target.routingNumShards) ===
            shard),
    )
    .sort((a, b) => seqNoOf(a) - seqNoOf(b))
  return { operations, maxSeqNo: Math.max(-1, ...started.map((copy) => copy.maxSeqNo)) }
}
