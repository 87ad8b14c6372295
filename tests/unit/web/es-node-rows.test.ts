/**
 * The Elasticsearch rows of the cluster view: one per node id with its address (9200 + id - 1), its
 * process state from the host, the master star and followed master from the node's own state, and its
 * shard copies labelled `index[shard] P|R STARTED|INITIALIZING`, sorted by index, shard, primary first.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type { EsNodeState } from '../../../workers/protocol/es.ts'
import type { HostState } from '../../../workers/tools/shell/host-commands.ts'
import { esNodeRows, shardCopyLabel } from '../../../web/cluster-view/es-node-rows.ts'

function state(address: number, master: string | null, shards: EsNodeState['shards'] = []): EsNodeState {
  return {
    nodeName: `es-node-${address}`,
    nodeId: `id${address}`,
    address,
    master: master === `es-node-${address}`,
    masterName: master,
    shards,
    cluster: null,
  }
}

describe('esNodeRows', () => {
  it('shows each node with its process, master and sorted shard copies', () => {
    const states = [
      state(1, 'es-node-2', [
        { index: 'logs', shard: 1, primary: false, state: 'INITIALIZING', docs: 0 },
        { index: 'logs', shard: 0, primary: true, state: 'STARTED', docs: 4 },
        { index: 'a', shard: 0, primary: false, state: 'STARTED', docs: 4 },
      ]),
      state(2, 'es-node-2', [{ index: 'logs', shard: 0, primary: false, state: 'STARTED', docs: 4 }]),
    ]
    const process = (id: number): HostState => (id === 3 ? 'stopped' : id === 2 ? 'paused' : 'running')
    expect(esNodeRows([1, 2, 3], process, states)).toEqual([
      {
        id: 1,
        name: 'es-node-1',
        address: 'localhost:9200',
        process: 'running',
        master: false,
        masterName: 'es-node-2',
        shards: ['a[0] R STARTED', 'logs[0] P STARTED', 'logs[1] R INITIALIZING'],
      },
      {
        id: 2,
        name: 'es-node-2',
        address: 'localhost:9201',
        process: 'paused',
        master: true,
        masterName: 'es-node-2',
        shards: ['logs[0] R STARTED'],
      },
      {
        id: 3,
        name: 'es-node-3',
        address: 'localhost:9202',
        process: 'stopped',
        master: false,
        masterName: null,
        shards: [],
      },
    ])
  })

  it('puts the primary before its replica and keeps every copy (property)', () => {
    const copy = fc.record({
      index: fc.constantFrom('a', 'b', 'logs'),
      shard: fc.integer({ min: 0, max: 4 }),
      primary: fc.boolean(),
      state: fc.constantFrom('INITIALIZING' as const, 'STARTED' as const),
      docs: fc.nat(),
    })
    fc.assert(
      fc.property(fc.array(copy, { maxLength: 12 }), (copies) => {
        const [row] = esNodeRows([1], () => 'running', [state(1, null, copies)])
        const naive = [...copies]
          .sort((x, y) =>
            x.index !== y.index
              ? x.index < y.index
                ? -1
                : 1
              : x.shard - y.shard || Number(y.primary) - Number(x.primary),
          )
          .map(shardCopyLabel)
        expect(row!.shards).toEqual(naive)
        expect([...row!.shards].sort()).toEqual(copies.map(shardCopyLabel).sort())
      }),
    )
  })
})
