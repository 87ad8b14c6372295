/**
 * DiskThresholdMonitor (ES 8.17) on the master: what each new ClusterInfo (cluster-info-service.ts) makes it do.
 * - A node below the flood stage watermark's free bytes: every index with a copy on it gets
 *   `index.blocks.read_only_allow_delete: true` (the flood-stage block, 429 on writes) unless a WRITE-level
 *   block is already set on it.
 * - Auto-release: an index that has the block and no copy on a node below the high watermark's free bytes (nor on
 *   a node that reported no disk usage) has it removed.
 * - A reroute, at most once per `cluster.routing.allocation.disk.reroute_interval` (60s), when a node is below the
 *   high watermark's free bytes (the disk decider's canRemain then moves copies off it), when a node that was
 *   below the low watermark is no longer, and at once when a node reports for the first time.
 * Invariants: `nodesOverLow` contains `nodesOverHigh`; nodes that left the info are dropped from both. The three
 * updates are separate master tasks, as ES's separate reroute and settings requests are.
 */
import type { Clock } from '../../../net/clock.ts'
import type { ClusterState } from '../state/cluster-state.ts'
import { blockSetting, hasIndexBlock, indexBlocks } from '../block/index-blocks.ts'
import { executeMetadataTask } from '../metadata/metadata-tasks.ts'
import { esIndexMetadata } from '../metadata/es-index-metadata.ts'
import type { ClusterInfo } from './cluster-info.ts'
import { diskThresholds } from './disk-threshold-settings.ts'

const FLOOD_BLOCK = blockSetting('read_only_allow_delete')

export interface DiskThresholdMonitorDeps {
  readonly clock: Clock
  readonly state: () => ClusterState
  readonly submitStateUpdate: (
    source: string,
    update: (state: ClusterState) => ClusterState,
  ) => Promise<unknown>
}

export class DiskThresholdMonitor {
  private readonly nodesOverLow = new Set<string>()
  private readonly nodesOverHigh = new Set<string>()
  private lastNodes = new Set<string>()
  private lastRunMillis = Number.NEGATIVE_INFINITY

  constructor(private readonly deps: DiskThresholdMonitorDeps) {}

  onNewInfo(info: ClusterInfo): void {
    const usages = info.diskUsages
    if (usages.size === 0) {
      this.lastNodes = new Set()
      return
    }
    for (const set of [this.nodesOverLow, this.nodesOverHigh]) {
      for (const node of set) if (!usages.has(node)) set.delete(node)
    }
    const nodes = new Set(usages.keys())
    let reroute = [...nodes].some((node) => !this.lastNodes.has(node))
    this.lastNodes = nodes
    const state = this.deps.state()
    const thresholds = diskThresholds(state)
    const now = this.deps.clock.now()
    const intervalPassed = this.lastRunMillis <= now - thresholds.rerouteIntervalMillis
    const copies = Object.values(state.routingTable).flat(2)
    const indicesOn = (nodeId: string): string[] =>
      copies
        .filter((copy) => copy.nodeId === nodeId || copy.relocatingNodeId === nodeId)
        .map((copy) => copy.index)
    const toMarkReadOnly = new Set<string>()
    const notToAutoRelease = new Set<string>()
    for (const node of state.nodes) {
      if (!usages.has(node.id)) for (const index of indicesOn(node.id)) notToAutoRelease.add(index)
    }
    for (const [node, usage] of usages) {
      const free = usage.freeBytes
      if (free < thresholds.freeBytesThreshold('flood_stage', usage.totalBytes)) {
        this.nodesOverLow.add(node)
        this.nodesOverHigh.add(node)
        for (const index of indicesOn(node)) {
          toMarkReadOnly.add(index)
          notToAutoRelease.add(index)
        }
        continue
      }
      if (free < thresholds.freeBytesThreshold('high', usage.totalBytes)) {
        for (const index of indicesOn(node)) notToAutoRelease.add(index)
        this.nodesOverLow.add(node)
        this.nodesOverHigh.add(node)
        if (intervalPassed) reroute = true
      } else if (free < thresholds.freeBytesThreshold('low', usage.totalBytes)) {
        this.nodesOverLow.add(node)
        this.nodesOverHigh.delete(node)
      } else if (this.nodesOverLow.has(node) && intervalPassed) {
        reroute = true
        this.nodesOverLow.delete(node)
        this.nodesOverHigh.delete(node)
      }
    }
    if (reroute) {
      void this.deps
        .submitStateUpdate('disk threshold monitor', (s) => s)
        .finally(() => (this.lastRunMillis = this.deps.clock.now()))
        .catch(() => undefined)
    }
    const hasFloodBlock = (index: string): boolean => {
      const metadata = state.metadata.indices[index]
      return metadata !== undefined && hasIndexBlock(esIndexMetadata(metadata), 'read_only_allow_delete')
    }
    const toRelease = Object.keys(state.routingTable).filter(
      (index) => !notToAutoRelease.has(index) && hasFloodBlock(index),
    )
    if (toRelease.length > 0) this.setReadOnly(toRelease, false)
    const writeBlocked = (index: string): boolean => {
      const metadata = state.metadata.indices[index]
      return (
        metadata !== undefined &&
        indexBlocks(esIndexMetadata(metadata)).some((block) => block.levels.includes('WRITE'))
      )
    }
    const toMark = [...toMarkReadOnly].filter((index) => !writeBlocked(index)).sort()
    if (toMark.length > 0) this.setReadOnly(toMark, true)
  }

  /** updateIndicesReadOnly: sets or removes the flood-stage block on the indices that still exist. */
  private setReadOnly(indices: readonly string[], readOnly: boolean): void {
    const source = readOnly ? 'disk threshold monitor: mark read-only' : 'disk threshold monitor: release'
    void this.deps
      .submitStateUpdate(source, (state) => {
        const names = indices.filter((index) => state.metadata.indices[index] !== undefined)
        if (names.length === 0) return state
        const update = { otherSettings: { [FLOOD_BLOCK]: readOnly ? 'true' : null } }
        return executeMetadataTask(state, { type: 'update_settings', names, update }, this.deps.clock.now())
      })
      .catch(() => undefined)
  }
}
