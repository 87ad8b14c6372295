/**
 * The master's summary for the cluster view: the health GET _cluster/health reports, and every index in
 * name order with its health, whether it is open, and each shard's copies from the routing table, the
 * primary first and an unassigned copy with no node.
 */
import { describe, expect, it } from 'vitest'
import { clusterSummary } from '../../../../workers/es/node/cluster-summary.ts'
import type { ClusterState, IndexMetadata } from '../../../../workers/es/cluster/state/cluster-state.ts'
import { newUnassignedInfo, type ShardRouting } from '../../../../workers/es/cluster/state/shard-routing.ts'
import { dataNode, stateWithNodes } from './fixtures.ts'

function started(index: string, shard: number, primary: boolean, nodeId: string): ShardRouting {
  return {
    index,
    shard,
    primary,
    state: 'STARTED',
    nodeId,
    relocatingNodeId: null,
    relocationId: null,
    allocationId: `${index}-${shard}-${nodeId}`,
    recoverySource: null,
    unassignedInfo: null,
  }
}

function unassignedReplica(index: string, shard: number): ShardRouting {
  return {
    ...started(index, shard, false, 'none'),
    state: 'UNASSIGNED',
    nodeId: null,
    allocationId: null,
    recoverySource: 'PEER',
    unassignedInfo: newUnassignedInfo('NODE_LEFT', 0),
  }
}

function metadata(name: string, shards: number, closed: boolean): IndexMetadata {
  return {
    name,
    uuid: `${name}-uuid`,
    numberOfShards: shards,
    numberOfReplicas: 1,
    primaryTerms: Array.from({ length: shards }, () => 1),
    inSyncAllocationIds: Array.from({ length: shards }, () => []),
    settings: closed ? { state: 'close' } : {},
    mappings: {},
  }
}

describe('clusterSummary', () => {
  it('gives the health, each index in name order, and every copy with its node name, primary first', () => {
    const base = stateWithNodes('n1', 'n2')
    const state: ClusterState = {
      ...base,
      nodes: [
        { ...dataNode('n1'), name: 'es-node-1' },
        { ...dataNode('n2'), name: 'es-node-2' },
      ],
      metadata: {
        ...base.metadata,
        indices: { logs: metadata('logs', 2, false), archive: metadata('archive', 1, true) },
      },
      routingTable: {
        logs: [
          [unassignedReplica('logs', 0), started('logs', 0, true, 'n2')],
          [started('logs', 1, true, 'n1'), started('logs', 1, false, 'n2')],
        ],
        archive: [[started('archive', 0, false, 'n1'), started('archive', 0, true, 'n2')]],
      },
    }
    expect(clusterSummary(state)).toEqual({
      status: 'yellow',
      activeShards: 5,
      unassignedShards: 1,
      indices: [
        {
          name: 'archive',
          open: false,
          status: 'green',
          shards: [
            [
              { primary: true, state: 'STARTED', node: 'es-node-2' },
              { primary: false, state: 'STARTED', node: 'es-node-1' },
            ],
          ],
        },
        {
          name: 'logs',
          open: true,
          status: 'yellow',
          shards: [
            [
              { primary: true, state: 'STARTED', node: 'es-node-2' },
              { primary: false, state: 'UNASSIGNED', node: null },
            ],
            [
              { primary: true, state: 'STARTED', node: 'es-node-1' },
              { primary: false, state: 'STARTED', node: 'es-node-2' },
            ],
          ],
        },
      ],
    })
  })
})
