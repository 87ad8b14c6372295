/**
 * `_cat/indices` for an index none of whose copies is started: RestIndicesAction finds no IndexStats for it
 * (IndicesStatsResponse.getIndices groups the stats of the copies that answered), so its statistics cells are
 * empty rather than zeros, while its health, status, uuid and shard counts still show. Another index keeps its
 * figures.
 */
import { describe, expect, it } from 'vitest'
import { runScenario } from '../../../workers/tools/scenario/scenario-runner.ts'
import { formatOutcome } from '../../../workers/tools/scenario/transcript.ts'
import { headlessTestCluster } from './wasm.ts'

describe('_cat/indices of a red index', () => {
  it('leaves docs and store cells empty while no copy of the index is started', async () => {
    const cluster = await headlessTestCluster(1, 3, 1)
    const script = [
      'PUT lost\n{"settings":{"number_of_shards":1,"number_of_replicas":0,"index.routing.allocation.require._name":"es-node-2"}}',
      'PUT kept\n{"settings":{"number_of_shards":1,"number_of_replicas":0,"index.routing.allocation.require._name":"es-node-1"}}',
      'POST lost/_doc?refresh=true\n{"a":1}',
      'POST kept/_doc?refresh=true\n{"a":1}',
      'stop-node 2',
      'GET _cluster/health?wait_for_nodes=2&timeout=60s&filter_path=status',
      'GET _cat/indices?h=health,index,pri,rep,docs.count,docs.deleted,store.size,pri.store.size,dataset.size&s=index',
      'GET _cat/indices/lost?format=json&h=health,docs.count,store.size',
    ].join('\n\n')
    const out = (await runScenario(script, cluster)).map((step) => formatOutcome(step.outcome))
    expect(out[5]).toBe('200 OK\n{\n  "status" : "red"\n}\n')
    expect(out[6]).toBe(
      '200 OK\n' +
        'green kept 1 0 1 0 277b 277b 277b\n' +
        // the empty cells padded to their columns' widths, the last one (right-aligned) on its left
        `red   lost 1 0${' '.repeat(19)}\n`,
    )
    expect(out[7]).toBe(
      '200 OK\n[\n  {\n    "health" : "red",\n    "docs.count" : null,\n    "store.size" : null\n  }\n]\n',
    )
  })
})
