/**
 * The `shards_availability` indicator (ShardsAvailabilityHealthIndicatorService, ES 8.17), from the routing table:
 * every shard's primary, then its replicas, counted by state. A copy that is not active is unavailable unless it is
 * new: its shard's primary is inactive on its way in (ClusterShardHealth.getInactivePrimaryHealth yellow: a new
 * index's primary, a restore's, a resize's); new unassigned copies count as `creating`. No node shutdown is
 * registered here, so nothing is ever `restarting`.
 * - status: red when a primary is unavailable, yellow when a replica is, else green;
 * - symptom: "This cluster has " and the non-zero counts in ES's order, or "all shards available.";
 * - details (verbose only): the ten counts, started counting relocating copies; their order is the one a Map.of of ten
 *   entries happened to have in an ES 8.17 response (Java randomizes it per JVM);
 * - impacts: primary_unassigned (severity 1, ingest and search) over the indices with an unavailable primary,
 *   replica_unassigned (2, search) over those with only unavailable replicas; each names at most 10 indices, by
 *   index.priority (highest first) then name, `, ...` after them when there are more;
 * - diagnoses (verbose only): each unavailable unassigned copy's (shards-availability-diagnosis.ts) and
 *   initializing_shards for an initializing copy, each with the indices it concerns, in the iteration order of ES's
 *   HashMap keyed by Diagnosis.Definition (a record: hash 31·h + each component's String.hashCode, the indicator name
 *   first); the affected indices by priority and name, at most `size`. restore_from_snapshot lists its indices in
 *   HashSet order, a system index by its feature instead (`feature_states`).
 */
import type { ClusterInfo } from '../cluster/allocation/cluster-info.ts'
import type { ClusterState } from '../cluster/state/cluster-state.ts'
import { inactivePrimaryHealth } from '../cluster/state/cluster-health.ts'
import { isActive, type ShardRouting } from '../cluster/state/shard-routing.ts'
import {
  javaHashMapCapacity,
  javaHashOrder,
  javaStringKeyOrder,
  javaStringRecordHashCode,
} from '../../net/java-hash.ts'
import { systemIndexFeature } from '../indices/system-indices.ts'
import type {
  Diagnosis,
  DiagnosisDefinition,
  DiagnosisResource,
  HealthIndicatorImpact,
  HealthIndicatorResult,
} from './health-indicator-result.ts'
import { diagnoseUnassignedShard } from './shards-availability-diagnosis.ts'
import { byPriorityAndName, indicesWord, truncatedIndices } from './health-display-values.ts'
import { WAIT_FOR_INITIALIZATION } from './shards-availability-definitions.ts'

const NAME = 'shards_availability'

class ShardAllocationCounts {
  unassigned = 0
  unassignedNew = 0
  initializing = 0
  started = 0
  relocating = 0
  readonly indicesWithUnavailableShards = new Set<string>()
  /** By definition id (a definition's id is unique: record equality), insertion-ordered; reported in HashMap order. */
  readonly diagnoses = new Map<string, { definition: DiagnosisDefinition; indices: Set<string> }>()

  add(
    state: ClusterState,
    copy: ShardRouting,
    primary: ShardRouting,
    verbose: boolean,
    now: number,
    info: ClusterInfo,
  ): void {
    const isNew = !isActive(copy) && !isActive(primary) && inactivePrimaryHealth(primary) === 'yellow'
    if (!isActive(copy) && !isNew) this.indicesWithUnavailableShards.add(copy.index)
    switch (copy.state) {
      case 'UNASSIGNED':
        if (isNew) this.unassignedNew++
        else {
          this.unassigned++
          if (verbose)
            for (const definition of diagnoseUnassignedShard(state, copy, now, info))
              this.diagnose(definition, copy)
        }
        break
      case 'INITIALIZING':
        this.initializing++
        if (verbose) this.diagnose(WAIT_FOR_INITIALIZATION, copy)
        break
      case 'STARTED':
        this.started++
        break
      case 'RELOCATING':
        this.relocating++
    }
  }

  private diagnose(definition: DiagnosisDefinition, copy: ShardRouting): void {
    const entry = this.diagnoses.get(definition.id) ?? { definition, indices: new Set<string>() }
    entry.indices.add(copy.index)
    this.diagnoses.set(definition.id, entry)
  }
}

export function shardsAvailabilityIndicator(
  state: ClusterState,
  verbose: boolean,
  maxAffectedResources: number,
  now: number,
  info: ClusterInfo,
): HealthIndicatorResult {
  const primaries = new ShardAllocationCounts()
  const replicas = new ShardAllocationCounts()
  for (const index of Object.keys(state.routingTable)) {
    for (const copies of state.routingTable[index]!) {
      const primary = copies.find((copy) => copy.primary)!
      primaries.add(state, primary, primary, verbose, now, info)
      for (const copy of copies) if (!copy.primary) replicas.add(state, copy, primary, verbose, now, info)
    }
  }
  const status =
    primaries.indicesWithUnavailableShards.size > 0
      ? 'red'
      : replicas.indicesWithUnavailableShards.size > 0
        ? 'yellow'
        : 'green'
  return {
    name: NAME,
    status,
    symptom: symptom(primaries, replicas),
    details: verbose ? details(primaries, replicas) : null,
    impacts: impacts(state, primaries, replicas),
    diagnoses: verbose ? diagnoses(state, primaries, replicas, maxAffectedResources) : [],
  }
}

function counted(count: number, singular: string): string[] {
  if (count === 0) return []
  return [count === 1 ? `1 ${singular}` : `${count} ${singular}s`]
}

function symptom(primaries: ShardAllocationCounts, replicas: ShardAllocationCounts): string {
  const parts = [
    ...counted(primaries.unassigned, 'unavailable primary shard'),
    ...counted(primaries.unassignedNew, 'creating primary shard'),
    ...counted(replicas.unassignedNew, 'creating replica shard'),
    ...counted(replicas.unassigned, 'unavailable replica shard'),
    ...counted(primaries.initializing, 'initializing primary shard'),
    ...counted(replicas.initializing, 'initializing replica shard'),
  ]
  return `This cluster has ${parts.length > 0 ? `${parts.join(', ')}.` : 'all shards available.'}`
}

function details(primaries: ShardAllocationCounts, replicas: ShardAllocationCounts): Map<string, number> {
  return new Map([
    ['initializing_replicas', replicas.initializing],
    ['creating_primaries', primaries.unassignedNew],
    ['restarting_replicas', 0],
    ['unassigned_primaries', primaries.unassigned],
    ['started_replicas', replicas.started + replicas.relocating],
    ['creating_replicas', replicas.unassignedNew],
    ['initializing_primaries', primaries.initializing],
    ['restarting_primaries', 0],
    ['started_primaries', primaries.started + primaries.relocating],
    ['unassigned_replicas', replicas.unassigned],
  ])
}

function impacts(
  state: ClusterState,
  primaries: ShardAllocationCounts,
  replicas: ShardAllocationCounts,
): HealthIndicatorImpact[] {
  const out: HealthIndicatorImpact[] = []
  const primary = primaries.indicesWithUnavailableShards
  if (primary.size > 0) {
    out.push({
      id: 'primary_unassigned',
      severity: 1,
      description:
        `Cannot add data to ${primary.size} ${indicesWord(primary.size)} [${truncatedIndices(state, primary)}]. ` +
        'Searches might return incomplete results.',
      areas: ['ingest', 'search'],
    })
  }
  const replicaOnly = new Set(
    [...replicas.indicesWithUnavailableShards].filter((index) => !primary.has(index)),
  )
  if (replicaOnly.size > 0) {
    out.push({
      id: 'replica_unassigned',
      severity: 2,
      description:
        'Searches might be slower than usual. Fewer redundant copies of the data exist on ' +
        `${replicaOnly.size} ${indicesWord(replicaOnly.size)} [${truncatedIndices(state, replicaOnly)}].`,
      areas: ['search'],
    })
  }
  return out
}

/** Diagnosis.Definition's record hashCode (indicatorName, id, cause, action, helpURL). */
function definitionHash({ id, cause, action, helpUrl }: DiagnosisDefinition): number {
  return javaStringRecordHashCode([NAME, id, cause, action, helpUrl])
}

/** `new HashMap<>(primaries)` then the replicas' definitions put into it: its keys in iteration order. */
function mergedDefinitions(
  primaries: ShardAllocationCounts,
  replicas: ShardAllocationCounts,
): DiagnosisDefinition[] {
  const keys = [...primaries.diagnoses.values()].map((entry) => entry.definition)
  let capacity = keys.length === 0 ? 0 : javaHashMapCapacity(0, Math.ceil(keys.length / 0.75))
  for (const [id, { definition }] of replicas.diagnoses) {
    if (primaries.diagnoses.has(id)) continue
    keys.push(definition)
    if (capacity === 0) capacity = 16
    if (keys.length > capacity * 0.75) capacity *= 2
  }
  return javaHashOrder(keys, definitionHash, capacity)
}

function diagnoses(
  state: ClusterState,
  primaries: ShardAllocationCounts,
  replicas: ShardAllocationCounts,
  maxAffectedResources: number,
): Diagnosis[] {
  return mergedDefinitions(primaries, replicas).map((definition) => {
    const indices = new Set([
      ...(primaries.diagnoses.get(definition.id)?.indices ?? []),
      ...(replicas.diagnoses.get(definition.id)?.indices ?? []),
    ])
    const resources: DiagnosisResource[] = []
    if (definition.id === 'restore_from_snapshot')
      resources.push(...restoreResources(indices, maxAffectedResources))
    else {
      const sorted = byPriorityAndName(state, indices).slice(0, maxAffectedResources)
      resources.push({ type: 'indices', values: sorted })
    }
    return { definition, resources }
  })
}

/** The order of what is left of a `new HashSet<>(set)` copied from `copied` names. */
function hashSetCopyOrder(names: readonly string[], copied: number): string[] {
  return javaStringKeyOrder(names, javaHashMapCapacity(copied, Math.max(Math.floor(copied / 0.75) + 1, 16)))
}

/** getRestoreFromSnapshotAffectedResources: plain indices, then the features whose system indices are affected. */
function restoreResources(indices: ReadonlySet<string>, maxAffectedResources: number): DiagnosisResource[] {
  const plain: string[] = []
  const features = new Set<string>()
  for (const index of indices) {
    const feature = systemIndexFeature(index)
    if (feature === null) plain.push(index)
    else features.add(feature)
  }
  const out: DiagnosisResource[] = []
  if (plain.length > 0)
    out.push({
      type: 'indices',
      values: hashSetCopyOrder(plain, indices.size).slice(0, maxAffectedResources),
    })
  if (features.size > 0)
    out.push({
      type: 'feature_states',
      values: javaStringKeyOrder([...features]).slice(0, maxAffectedResources),
    })
  return out
}
