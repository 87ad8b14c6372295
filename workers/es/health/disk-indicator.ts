/**
 * The `disk` indicator (DiskHealthIndicatorService, ES 8.17), over each node's DiskHealthInfo as its LocalHealthMonitor
 * DiskCheck computes it from the node's disk usage (cluster-info.ts) and the watermarks in force:
 * - red below the flood stage watermark's free bytes;
 * - yellow below the high watermark's free bytes, for a data node only while none of its copies is relocating away;
 * - green otherwise, and unknown for a node that reported no usage.
 * The indicator is unknown ("No disk usage data.") when no node reported; else red when an index has the
 * read_only_allow_delete block, else the worst node status. Symptom, impacts, diagnoses (only when verbose) and
 * details are DiskHealthAnalyzer's; nodes are listed by name then id (DISCOVERY_NODE_COMPARATOR).
 */
import type { ClusterInfo, DiskUsage } from '../cluster/allocation/cluster-info.ts'
import { diskThresholds, type DiskThresholds } from '../cluster/allocation/disk-threshold-settings.ts'
import { hasIndexBlock } from '../cluster/block/index-blocks.ts'
import { esIndexMetadata } from '../cluster/metadata/es-index-metadata.ts'
import type { ClusterState } from '../cluster/state/cluster-state.ts'
import { isDataNode, isMasterNode, type DiscoveryNode } from '../cluster/state/discovery-node.ts'
import { roleNames } from '../rest/actions/node-description.ts'
import type {
  Diagnosis,
  HealthIndicatorImpact,
  HealthIndicatorResult,
  HealthStatus,
} from './health-indicator-result.ts'
import {
  are,
  byPriorityAndName,
  indicesWord,
  regularNoun,
  regularVerb,
  these,
  truncatedIndices,
} from './health-display-values.ts'

const NAME = 'disk'
const RANK: Record<HealthStatus, number> = { green: 0, unknown: 1, yellow: 2, red: 3 }

/** LocalHealthMonitor's DiskCheck: the node's own disk status. */
function nodeDiskStatus(
  state: ClusterState,
  node: DiscoveryNode,
  usage: DiskUsage,
  thresholds: DiskThresholds,
): HealthStatus {
  if (usage.freeBytes < thresholds.freeBytesThreshold('flood_stage', usage.totalBytes)) return 'red'
  if (usage.freeBytes < thresholds.freeBytesThreshold('high', usage.totalBytes)) {
    if (!isDataNode(node)) return 'yellow'
    const relocatingAway = Object.values(state.routingTable)
      .flat(2)
      .some((copy) => copy.nodeId === node.id && copy.state === 'RELOCATING')
    if (!relocatingAway) return 'yellow'
  }
  return 'green'
}

const byNameThenId = (a: DiscoveryNode, b: DiscoveryNode): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0

const nodeResource = (nodes: readonly DiscoveryNode[], size: number) => ({
  type: 'nodes' as const,
  nodes: nodes.slice(0, size).map(({ id, name }) => ({ id, name })),
})

export function diskIndicator(
  state: ClusterState,
  verbose: boolean,
  maxAffectedResources: number,
  info: ClusterInfo,
): HealthIndicatorResult {
  if (info.diskUsages.size === 0) {
    return {
      name: NAME,
      status: 'unknown',
      symptom: 'No disk usage data.',
      details: null,
      impacts: [],
      diagnoses: [],
    }
  }
  const thresholds = diskThresholds(state)
  const statusOf = new Map<string, HealthStatus>()
  for (const node of state.nodes) {
    const usage = info.diskUsages.get(node.id)
    statusOf.set(node.id, usage === undefined ? 'unknown' : nodeDiskStatus(state, node, usage, thresholds))
  }
  const blocked = new Set(
    Object.entries(state.metadata.indices)
      .filter(([, metadata]) => hasIndexBlock(esIndexMetadata(metadata), 'read_only_allow_delete'))
      .map(([name]) => name),
  )
  let status: HealthStatus = blocked.size > 0 ? 'red' : 'green'
  const dataNodes: DiscoveryNode[] = []
  const masterNodes = new Map<HealthStatus, DiscoveryNode[]>()
  const affectedRoles = new Set<string>()
  for (const node of state.nodes) {
    const nodeStatus = statusOf.get(node.id)!
    if (nodeStatus !== 'yellow' && nodeStatus !== 'red') continue
    if (RANK[nodeStatus] > RANK[status]) status = nodeStatus
    for (const role of roleNames(node)) affectedRoles.add(role)
    if (isDataNode(node)) dataNodes.push(node)
    else if (isMasterNode(node)) masterNodes.set(nodeStatus, [...(masterNodes.get(nodeStatus) ?? []), node])
  }
  dataNodes.sort(byNameThenId)
  for (const nodes of masterNodes.values()) nodes.sort(byNameThenId)
  const dataNodeIds = new Set(dataNodes.map((node) => node.id))
  const atRisk = new Set(
    Object.values(state.routingTable)
      .flat(2)
      .filter((copy) => copy.nodeId !== null && dataNodeIds.has(copy.nodeId))
      .map((copy) => copy.index),
  )
  const count = (wanted: HealthStatus) => [...statusOf.values()].filter((s) => s === wanted).length
  const details = verbose
    ? {
        indices_with_readonly_block: blocked.size,
        nodes_with_enough_disk_space: count('green'),
        nodes_with_unknown_disk_status: count('unknown'),
        nodes_over_high_watermark: count('yellow'),
        nodes_over_flood_stage_watermark: count('red'),
      }
    : null
  if (status === 'green') {
    return {
      name: NAME,
      status,
      symptom: 'The cluster has enough available disk space.',
      details,
      impacts: [],
      diagnoses: [],
    }
  }
  const unhealthyMasters = [...masterNodes.values()].flat()
  const roles = [...affectedRoles].sort()
  return {
    name: NAME,
    status,
    symptom: symptom(blocked, dataNodes, unhealthyMasters, roles),
    details,
    impacts: impacts(state, blocked, atRisk, dataNodes, affectedRoles),
    diagnoses: verbose ? diagnoses(state, blocked, atRisk, dataNodes, masterNodes, maxAffectedResources) : [],
  }
}

function symptom(
  blocked: ReadonlySet<string>,
  dataNodes: readonly DiscoveryNode[],
  masters: readonly DiscoveryNode[],
  roles: readonly string[],
): string {
  if (blocked.size === 0) {
    const unhealthy = dataNodes.length + masters.length
    return (
      `${unhealthy} ${regularNoun('node', unhealthy)} with roles: [${roles.join(', ')}] ${are(unhealthy)} out of ` +
      'disk or running low on disk space.'
    )
  }
  let text = `${blocked.size} ${indicesWord(blocked.size)} ${are(blocked.size)} not allowed to be updated.`
  text +=
    dataNodes.length > 0
      ? ` ${dataNodes.length} ${regularNoun('node', dataNodes.length)} ${are(dataNodes.length)} out of disk or ` +
        'running low on disk space.'
      : ' The cluster is recovering and ingest capabilities should be restored within a few minutes.'
  if (masters.length > 0) {
    const masterRoles = [...new Set(masters.flatMap((node) => roleNames(node)))].sort()
    text +=
      ` ${masters.length} ${regularNoun('node', masters.length)} with roles: [${masterRoles.join(', ')}] ` +
      `${are(masters.length)} out of disk or running low on disk space.`
  }
  return text
}

function impacts(
  state: ClusterState,
  blocked: ReadonlySet<string>,
  atRisk: ReadonlySet<string>,
  dataNodes: readonly DiscoveryNode[],
  affectedRoles: ReadonlySet<string>,
): HealthIndicatorImpact[] {
  const out: HealthIndicatorImpact[] = []
  if (blocked.size > 0) {
    out.push({
      id: 'ingest_capability_unavailable',
      severity: 1,
      description: `Cannot insert or update documents in the affected indices [${truncatedIndices(state, blocked)}].`,
      areas: ['ingest'],
    })
  } else {
    if (atRisk.size > 0) {
      out.push({
        id: 'ingest_capability_at_risk',
        severity: 1,
        description:
          'The cluster is at risk of not being able to insert or update documents in the affected indices ' +
          `[${truncatedIndices(state, atRisk)}].`,
        areas: ['ingest'],
      })
    }
    if (dataNodes.length > 0) {
      const n = dataNodes.length
      out.push({
        id: 'ingest_capability_at_risk',
        severity: 2,
        description:
          `${n} ${regularNoun('node', n)} ${are(n)} out of disk or running low on disk space. ` +
          `${capitalized(these(n))} ${regularNoun('node', n)} cannot be used to store data anymore.`,
        areas: ['deployment_management'],
      })
    }
  }
  if (affectedRoles.has('master')) {
    out.push({
      id: 'cluster_stability_at_risk',
      severity: 1,
      description: 'Cluster stability might be impaired.',
      areas: ['deployment_management'],
    })
  }
  const otherRoles = [...affectedRoles].filter((role) => !role.startsWith('data') && role !== 'master').sort()
  if (otherRoles.length > 0) {
    out.push({
      id: 'cluster_functionality_unavailable',
      severity: 3,
      description: `The [${otherRoles.join(', ')}] functionality might be impaired.`,
      areas: ['deployment_management'],
    })
  }
  return out
}

function capitalized(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1)
}

function diagnoses(
  state: ClusterState,
  blocked: ReadonlySet<string>,
  atRisk: ReadonlySet<string>,
  dataNodes: readonly DiscoveryNode[],
  masterNodes: ReadonlyMap<HealthStatus, DiscoveryNode[]>,
  size: number,
): Diagnosis[] {
  const out: Diagnosis[] = []
  if (blocked.size > 0 || dataNodes.length > 0) {
    const affected = new Set([...blocked, ...atRisk])
    const n = affected.size
    const cause =
      n === 0
        ? 'Disk is almost full.'
        : `${n} ${indicesWord(n)} ${regularVerb('reside', n)} on nodes that have run or are likely to run out of ` +
          `disk space, this can temporarily disable writing on ${these(n)} ${indicesWord(n)}.`
    out.push({
      definition: {
        id: 'add_disk_capacity_data_nodes',
        cause,
        action:
          'Enable autoscaling (if applicable), add disk capacity or free up disk space to resolve this. If you ' +
          'have already taken action please wait for the rebalancing to complete.',
        helpUrl: 'https://ela.st/fix-data-disk',
      },
      resources: [
        ...(dataNodes.length > 0 ? [nodeResource(dataNodes, size)] : []),
        ...(n > 0
          ? [{ type: 'indices' as const, values: byPriorityAndName(state, affected).slice(0, size) }]
          : []),
      ],
    })
  }
  for (const status of ['red', 'yellow'] as const) {
    const nodes = masterNodes.get(status)
    if (nodes === undefined) continue
    out.push({
      definition: {
        id: 'add_disk_capacity_master_nodes',
        cause: status === 'red' ? 'Disk is full.' : 'The cluster is running low on disk space.',
        action: 'Please add capacity to the current nodes, or replace them with ones with higher capacity.',
        helpUrl: 'https://ela.st/fix-master-disk',
      },
      resources: [nodeResource(nodes, size)],
    })
  }
  return out
}
