/**
 * The invariants of Elasticsearch's coordination layer and routing table, checked on every cluster state a
 * node applies during a simulation (shared by the coordination-only and the with-data fault schedules):
 * - at most one master per term;
 * - committed states agree wherever they are applied: (term, version) names one state, a version is
 *   committed in one term, versions grow with terms, and a node never applies an older version;
 * - primary terms only grow from one committed version to a later one;
 * - every shard group has one primary; a started primary is an in-sync copy; a primary newly promoted from
 *   a replica was in sync in the last committed state before (or started in the same batch of master
 *   tasks); no two copies of a shard share a node;
 * - health is the function of assignment: green when every copy is active, yellow when every primary is
 *   (or a brand-new primary is on its way), red otherwise, and red without a master;
 * - a side of a partition without a quorum of the last committed voting configuration has no master once
 *   fault detection has had time to act.
 */
import { expect } from 'vitest'
import type { CoordinatorMode } from '../../../workers/es/cluster/coordination/coordinator-config.ts'
import { clusterHealth, type ClusterHealthStatus } from '../../../workers/es/cluster/state/cluster-health.ts'
import { hasQuorum, type ClusterState } from '../../../workers/es/cluster/state/cluster-state.ts'
import { assignedShards, type ShardRouting } from '../../../workers/es/cluster/state/shard-routing.ts'

/** How long a cut-off master may still believe it leads: follower checks 3 × (1 s + 10 s), publish 30 s. */
export const STEP_DOWN_BOUND_MS = 70_000

/** One running node's coordination layer as the checks see it. */
export interface CoordinationView {
  address: number
  nodeId: string
  mode: CoordinatorMode
  term: number
}

export class ClusterStateInvariants {
  private readonly leaderOfTerm = new Map<number, string>()
  private readonly committed = new Map<string, string>()
  private readonly termOfVersion = new Map<number, number>()
  private readonly lastVersion = new Map<number, number>()
  private readonly primaryTerm = new Map<string, { version: number; term: number }>()
  latestCommitted: ClusterState | null = null

  onApplied(address: number, state: ClusterState): void {
    if (state.masterNodeId === null) return
    const key = `${state.term}/${state.version}`
    const body = JSON.stringify(state)
    const seen = this.committed.get(key)
    if (seen !== undefined) expect(body, `state ${key} differs between nodes`).toBe(seen)
    else this.checkNewCommit(state, key, body)
    expect(state.version, `node ${address} applied an older version`).toBeGreaterThanOrEqual(
      this.lastVersion.get(address) ?? 0,
    )
    this.lastVersion.set(address, state.version)
    this.checkRouting(state)
    expect(clusterHealth(state).status, `health of ${key}`).toBe(healthOfAssignment(state))
  }

  private checkNewCommit(state: ClusterState, key: string, body: string): void {
    const term = this.termOfVersion.get(state.version)
    expect(term, `version ${state.version} committed in two terms`).toBeUndefined()
    for (const [version, t] of this.termOfVersion) {
      if (t < state.term)
        expect(version, `term ${state.term} committed below term ${t}`).toBeLessThan(state.version)
      if (t > state.term) expect(version).toBeGreaterThan(state.version)
    }
    this.termOfVersion.set(state.version, state.term)
    this.committed.set(key, body)
    const previous = this.latestCommitted
    if (previous && previous.version < state.version) checkPromotions(previous, state)
    if (!previous || state.version > previous.version) this.latestCommitted = state
    for (const metadata of Object.values(state.metadata.indices)) {
      metadata.primaryTerms.forEach((primaryTerm, shard) => {
        const id = `${metadata.uuid}/${shard}`
        const known = this.primaryTerm.get(id)
        const where = `primary term of ${id} in ${key}`
        if (known && known.version < state.version)
          expect(primaryTerm, where).toBeGreaterThanOrEqual(known.term)
        if (known && known.version > state.version) expect(primaryTerm, where).toBeLessThanOrEqual(known.term)
        if (!known || known.version < state.version)
          this.primaryTerm.set(id, { version: state.version, term: primaryTerm })
      })
    }
  }

  private checkRouting(state: ClusterState): void {
    for (const [index, shards] of Object.entries(state.routingTable)) {
      const metadata = state.metadata.indices[index]!
      shards.forEach((copies, shard) => {
        const primaries = copies.filter((c) => c.primary)
        expect(primaries).toHaveLength(1)
        const primary = primaries[0]!
        const inSync = metadata.inSyncAllocationIds[shard]!
        if (primary.state === 'STARTED' || (primary.state === 'INITIALIZING' && inSync.length > 0)) {
          expect(inSync, `[${index}][${shard}] primary not in sync`).toContain(primary.allocationId)
        }
        const nodes = assignedShards(copies).map((c) => c.nodeId)
        expect(new Set(nodes).size, `[${index}][${shard}] two copies on one node`).toBe(nodes.length)
      })
    }
  }

  checkLeaders(views: Iterable<CoordinationView>): void {
    for (const view of views) {
      if (view.mode !== 'LEADER') continue
      const known = this.leaderOfTerm.get(view.term)
      if (known !== undefined) expect(known, `two masters in term ${view.term}`).toBe(view.nodeId)
      this.leaderOfTerm.set(view.term, view.nodeId)
    }
  }

  /**
   * No node leads on a side of `side` / the rest of `addresses` that holds no quorum of the last committed
   * configuration. `nodeIdOf` names each address's node (its id survives restarts); paused nodes are skipped.
   */
  checkMinority(
    addresses: readonly number[],
    side: readonly number[],
    nodeIdOf: (address: number) => string | undefined,
    running: ReadonlyMap<number, CoordinationView>,
  ): void {
    const config = this.latestCommitted?.lastCommittedConfiguration ?? []
    for (const group of [side, addresses.filter((a) => !side.includes(a))]) {
      const ids = new Set(group.flatMap((address) => nodeIdOf(address) ?? []))
      if (hasQuorum(config, ids)) continue
      for (const address of group) {
        expect(running.get(address)?.mode, `minority node ${address} leads`).not.toBe('LEADER')
      }
    }
  }
}

/**
 * A copy that was a replica in `before` and is the primary in `after` was in sync in `before`, or was
 * recovering then and its start is in the same batch of master tasks (so it is in sync in `after`).
 */
function checkPromotions(before: ClusterState, after: ClusterState): void {
  for (const [index, shards] of Object.entries(after.routingTable)) {
    const earlier = before.metadata.indices[index]
    const later = after.metadata.indices[index]!
    if (earlier?.uuid !== later.uuid) continue
    shards.forEach((copies, shard) => {
      const primary = copies.find((c) => c.primary)
      const id = primary?.allocationId
      const was = before.routingTable[index]?.[shard]?.find((c) => c.allocationId === id)
      if (!id || !was || was.primary) return
      const inSync =
        earlier.inSyncAllocationIds[shard]!.includes(id) ||
        (was.state === 'INITIALIZING' && later.inSyncAllocationIds[shard]!.includes(id))
      expect(inSync, `[${index}][${shard}] promoted ${id}, not in sync after version ${before.version}`).toBe(
        true,
      )
    })
  }
}

/** The health a state's assignment implies, computed directly over every copy. */
function healthOfAssignment(state: ClusterState): ClusterHealthStatus {
  if (state.masterNodeId === null) return 'red'
  let status: ClusterHealthStatus = 'green'
  for (const name of Object.keys(state.metadata.indices)) {
    const shards = state.routingTable[name] ?? []
    if (shards.length === 0) return 'red'
    for (const copies of shards) {
      const active = (copy: ShardRouting): boolean => copy.state === 'STARTED' || copy.state === 'RELOCATING'
      const primary = copies.find((copy) => copy.primary)!
      if (!active(primary)) {
        const info = primary.unassignedInfo
        const onItsWay =
          primary.recoverySource === 'EMPTY_STORE' &&
          (info === null || (info.failedAllocations === 0 && info.lastAllocationStatus !== 'DECIDERS_NO'))
        if (!onItsWay) return 'red'
        status = 'yellow'
      } else if (!copies.every(active)) status = 'yellow'
    }
  }
  return status
}
