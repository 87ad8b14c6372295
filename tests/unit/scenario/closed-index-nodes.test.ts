/**
 * A closed index on three headless nodes: its copies stay allocated and count in the health (closed indices
 * are replicated since ES 7.2), a node that stops and starts again leaves it closed and the master allocates
 * its copies as an open index's, and it opens with every document it held.
 */
import { describe, expect, it } from 'vitest'
import { runScenario } from '../../../workers/tools/scenario/scenario-runner.ts'
import { formatOutcome } from '../../../workers/tools/scenario/transcript.ts'
import { headlessTestCluster } from './wasm.ts'

describe('a closed index on a three-node cluster', () => {
  it('survives a node stop and start, stays replicated, and opens with its documents', async () => {
    const cluster = await headlessTestCluster(1, 3, 5)
    const script = [
      'PUT books\n{"settings":{"number_of_shards":2,"number_of_replicas":1}}',
      'POST books/_bulk?refresh=true\n{"index":{"_id":"1"}}\n{"t":"a"}\n{"index":{"_id":"2"}}\n{"t":"b"}\n{"index":{"_id":"3"}}\n{"t":"c"}',
      'POST books/_close',
      'GET _cluster/health/books?filter_path=status,active_shards,active_primary_shards',
      'stop-node es-node-2',
      'sleep 90',
      'start-node es-node-2',
      'GET _cluster/health/books?wait_for_status=green&timeout=60s&filter_path=status,active_shards',
      'GET _cat/indices/books?h=health,status',
      'GET books/_count',
      'POST books/_open',
      'GET books/_count?filter_path=count',
      'GET _cat/indices/books?h=health,status,docs.count',
    ].join('\n\n')
    const out = (await runScenario(script, cluster)).map((step) => formatOutcome(step.outcome))
    expect(out[2]).toContain('"closed" : true')
    expect(out[3]).toBe(
      '200 OK\n{\n  "status" : "green",\n  "active_primary_shards" : 2,\n  "active_shards" : 4\n}\n',
    )
    expect(out[7]).toBe('200 OK\n{\n  "status" : "green",\n  "active_shards" : 4\n}\n')
    expect(out[8]).toBe('200 OK\ngreen close\n')
    expect(out[9]).toContain('"type" : "index_closed_exception"')
    expect(out[10]).toBe('200 OK\n{\n  "acknowledged" : true,\n  "shards_acknowledged" : true\n}\n')
    expect(out[11]).toBe('200 OK\n{\n  "count" : 3\n}\n')
    expect(out[12]).toBe('200 OK\ngreen open 3\n')
  })
})
