// RestCatRecoveryAction's table from RecoveryStates: indices in java.util.HashMap order with each index's rows by
// shard, a running recovery's time up to now with a stop time of 0, and RecoveryState.Translog.recoveredPercent
// (-1 while the total is unknown, a Java float printed as %1.1f).
import { describe, expect, test } from 'vitest'
import { catRecovery } from '../../../../workers/es/rest/cat/cat-recovery.ts'
import { renderCatTable } from '../../../../workers/es/rest/cat/rest-table.ts'
import { newRecoveryState, type RecoveryState } from '../../../../workers/es/indices/recovery-state.ts'
import type { DiscoveryNode } from '../../../../workers/es/cluster/state/discovery-node.ts'

const node = (n: number): DiscoveryNode => ({
  id: `node-${n}-id`,
  ephemeralId: `node-${n}-eph`,
  name: `es-node-${n}`,
  address: n,
  roles: ['master', 'data'],
  attributes: {},
})

const H = 'i,s,start_millis,stop,t,ty,st,shost,snode,tnode,to,tor,top'

function state(index: string, shard: number, patch: Partial<RecoveryState>): RecoveryState {
  return { ...newRecoveryState(index, shard, 'PEER', false, 1_000, node(1), node(2)), ...patch }
}

function render(states: RecoveryState[], params: Record<string, string>, now = 5_000): string {
  return renderCatTable(
    catRecovery(states, params.active_only === 'true', now),
    new Map(Object.entries(params)),
  ).body
}

describe('catRecovery', () => {
  test('HashMap order of indices, shards ascending, running and finished recoveries', () => {
    const states = [
      state('logs', 1, { stage: 'translog', translogTotal: 3, translogRecovered: 1 }),
      state('logs', 0, { stage: 'done', stopTime: 1_250, translogTotal: 2, translogRecovered: 2 }),
      state('orders', 0, { type: 'EXISTING_STORE', sourceNode: null, stage: 'init' }),
    ]
    expect(render(states, { v: '', h: H })).toBe(
      'i      s start_millis stop                     t     ty             st       shost     snode     tnode     to tor top\n' +
        'orders 0 1000         1970-01-01T00:00:00.000Z 4s    existing_store init     n/a       n/a       es-node-2 -1 0   -1.0%\n' +
        'logs   0 1000         1970-01-01T00:00:01.250Z 250ms peer           done     127.0.0.1 es-node-1 es-node-2 2  2   100.0%\n' +
        'logs   1 1000         1970-01-01T00:00:00.000Z 4s    peer           translog 127.0.0.1 es-node-1 es-node-2 3  1   33.3%\n',
    )
  })

  test('active_only leaves out the finished ones; the file columns stay empty', () => {
    const states = [
      state('logs', 0, { stage: 'done', stopTime: 1_250, translogTotal: 0 }),
      state('logs', 1, { stage: 'finalize', translogTotal: 3, translogRecovered: 2 }),
    ]
    expect(render(states, { active_only: 'true', h: 's,st,f,fr,fp,tf,b,br,bp,tb,top' })).toBe(
      '1 finalize 0 0 0.0% 0 0b 0b 0.0% 0b 66.7%\n',
    )
  })
})
