/**
 * ClusterState: the immutable value every node holds and the elected master publishes, as ES 8's
 * ClusterState (term, version, DiscoveryNodes, CoordinationMetadata, Metadata, RoutingTable). Plain
 * structured-clonable data: it crosses the transport as it is; a change always builds a new value.
 *
 * Invariants: (term, version) identifies a published state; versions only grow on a node; the voting
 * configurations hold node ids; every index in `metadata.indices` has a routing table entry with exactly
 * `numberOfShards` shard groups of `numberOfReplicas + 1` copies, exactly one of them the primary.
 * Aliases ride in each index's `settings` (as ES's IndexMetadata.aliases), so they go with their index.
 */
import type { DiscoveryNode } from './discovery-node.ts'
import type { ShardRouting } from './shard-routing.ts'
import type { ComponentTemplate, ComposableIndexTemplate } from '../metadata/index-templates.ts'
import type { IndexTemplateMetadata } from '../metadata/legacy-index-templates.ts'
import type { EnrichPolicyMetadata } from '../metadata/enrich-policy.ts'
import type { DataStream } from '../metadata/data-stream.ts'
import type { LicensesMetadata } from '../../license/license.ts'
import type { StoredScriptSource } from '../metadata/script-metadata.ts'
import type { IndexLifecycleMetadata } from '../../ilm/index-lifecycle-metadata.ts'
import type { RepositoryMetadata } from '../../repositories/repositories-metadata.ts'
import type { SynonymRule } from '../../synonyms/synonym-rule.ts'

export interface IndexMetadata {
  readonly name: string
  readonly uuid: string
  readonly numberOfShards: number
  readonly numberOfReplicas: number
  /** Per shard: 0 until the primary is first assigned, then +1 at every primary (re)assignment or failover. */
  readonly primaryTerms: readonly number[]
  /** Per shard: the allocation ids of the copies that hold every acknowledged operation. */
  readonly inSyncAllocationIds: readonly (readonly string[])[]
  /** Opaque to coordination: the index service's settings and mappings. */
  readonly settings: unknown
  readonly mappings: unknown
}

export interface ClusterState {
  readonly clusterName: string
  /** `_na_` until the first elected master commits one. */
  readonly clusterUuid: string
  readonly clusterUuidCommitted: boolean
  readonly term: number
  readonly version: number
  readonly masterNodeId: string | null
  /** Sorted by node id. */
  readonly nodes: readonly DiscoveryNode[]
  /** The voting configuration of the last committed state, and the one this state proposes. */
  readonly lastCommittedConfiguration: readonly string[]
  readonly lastAcceptedConfiguration: readonly string[]
  readonly metadata: {
    readonly indices: Readonly<Record<string, IndexMetadata>>
    /** IngestMetadata: each ingest pipeline's body exactly as it was PUT, by id. */
    readonly pipelines: Readonly<Record<string, string>>
    /** ComposableIndexTemplateMetadata: the composable index templates by name (absent: none yet). */
    readonly templates?: Readonly<Record<string, ComposableIndexTemplate>>
    /** ComponentTemplateMetadata: the component templates by name (absent: none yet). */
    readonly componentTemplates?: Readonly<Record<string, ComponentTemplate>>
    /** The legacy index templates (`_template`) by name (absent: none yet). */
    readonly legacyTemplates?: Readonly<Record<string, IndexTemplateMetadata>>
    /** EnrichMetadata: the enrich policies by name (absent: none yet). */
    readonly enrichPolicies?: Readonly<Record<string, EnrichPolicyMetadata>>
    /** DataStreamMetadata: the data streams by name (absent: none yet). */
    readonly dataStreams?: Readonly<Record<string, DataStream>>
    /** Metadata.persistentSettings: flat cluster setting keys to their text (absent: none yet). */
    readonly persistentSettings?: Readonly<Record<string, string>>
    /** Metadata.transientSettings: as persistent, but never stored, so gone after a full restart. */
    readonly transientSettings?: Readonly<Record<string, string>>
    /** LicensesMetadata: the cluster's license (absent until the master self-generates one). */
    readonly license?: LicensesMetadata
    /** ScriptMetadata: the stored scripts and search templates by id (absent: none yet). */
    readonly storedScripts?: Readonly<Record<string, StoredScriptSource>>
    /** IndexLifecycleMetadata: the ILM policies and operation mode (absent: none yet, RUNNING). */
    readonly ilm?: IndexLifecycleMetadata
    /** RepositoriesMetadata: the snapshot repositories, in the order first put (absent: none yet). */
    readonly repositories?: readonly RepositoryMetadata[]
    /** The synonyms sets by id, each its rules sorted by id (synonyms/synonyms-metadata.ts; absent: none yet). */
    readonly synonymsSets?: Readonly<Record<string, readonly SynonymRule[]>>
  }
  /** Index name → shard number → copies. */
  readonly routingTable: Readonly<Record<string, readonly (readonly ShardRouting[])[]>>
}

export const UNKNOWN_CLUSTER_UUID = '_na_'

export function emptyClusterState(clusterName: string): ClusterState {
  return {
    clusterName,
    clusterUuid: UNKNOWN_CLUSTER_UUID,
    clusterUuidCommitted: false,
    term: 0,
    version: 0,
    masterNodeId: null,
    nodes: [],
    lastCommittedConfiguration: [],
    lastAcceptedConfiguration: [],
    metadata: { indices: {}, pipelines: {} },
    routingTable: {},
  }
}

/** True when `votes` hold more than half of `configuration` (VotingConfiguration.hasQuorum). */
export function hasQuorum(configuration: readonly string[], votes: ReadonlySet<string>): boolean {
  const granted = configuration.filter((id) => votes.has(id)).length
  return granted * 2 > configuration.length
}

/** Every shard copy of the state, in index name, shard, copy order. */
export function allShardCopies(state: ClusterState): ShardRouting[] {
  return Object.keys(state.routingTable)
    .sort()
    .flatMap((index) => state.routingTable[index]!.flat())
}
