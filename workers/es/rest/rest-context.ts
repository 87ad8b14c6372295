/**
 * What every REST action of a node can reach: its identity, clock, storage, indices and analysis.
 */
import type { Clock } from '../../net/clock.ts'
import type { Storage } from '../../storage/storage.ts'
import type { IndicesService } from '../indices/indices-service.ts'
import type { TextAnalyzer } from '../index/mapper/field-indexer.ts'

export interface NodeIdentity {
  nodeName: string
  nodeId: string
  clusterName: string
  clusterUuid: string
}

export interface RestContext {
  identity: NodeIdentity
  clock: Clock
  storage: Storage
  indices: IndicesService
  analyze: TextAnalyzer
  /** Copies per shard the cluster wants: 1 + number_of_replicas, and how many are active. */
  activeCopies(numberOfReplicas: number): number
}
