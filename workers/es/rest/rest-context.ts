/**
 * What every REST action of a node can reach: its identity, clock, the indices it knows (every index's
 * settings and mapping, and the shard copies it holds), analysis, and the client that reaches shard
 * copies and the master wherever they are.
 */
import type { ClusterInfo } from '../cluster/allocation/cluster-info.ts'
import type { Clock } from '../../net/clock.ts'
import type { IndicesService } from '../indices/indices-service.ts'
import type { TextAnalyzer } from '../index/mapper/field-indexer.ts'
import type { NodeClient } from '../action/node-client.ts'
import type { IngestService } from '../ingest/ingest-service.ts'
import type { TaskManager } from '../tasks/task-manager.ts'
import type { StartedShardsClient } from '../action/list-started-shards.ts'
import type { CoordinationView } from '../health/coordination-diagnostics.ts'

export interface NodeIdentity {
  nodeName: string
  nodeId: string
  clusterName: string
}

export interface RestContext {
  identity: NodeIdentity
  clock: Clock
  indices: IndicesService
  analyze: TextAnalyzer
  client: NodeClient
  /** The cluster's ingest pipelines, run by writes on this (coordinating) node. */
  ingest: IngestService
  /** This node's running tasks (TaskManager). */
  tasks: TaskManager
  /** Which shard copies a node holds on disk (TransportNodesListGatewayStartedShards). */
  startedShards: StartedShardsClient
  /** What this node's master stability diagnosis reads (its master history, cluster formation, peers' answers). */
  coordination: CoordinationView
  /** A ClusterInfo of every node's disk usage and shard sizes, gathered now (cluster-info-fetch.ts). */
  clusterInfo(): Promise<ClusterInfo>
  /** A new random index uuid (UUIDs.randomBase64UUID). */
  newUuid(): string
}
