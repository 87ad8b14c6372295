// The explain API's `get` section (TransportExplainAction.shardOperation): with a `_source` parameter that fetches
// the source, or with `stored_fields`, the response ends with the document as GetResult.toXContentEmbedded prints
// it (`_seq_no`, `_primary_term`, `found`, `_source` filtered as asked); without them, or with `_source=false`,
// there is no `get`.
import { describe, expect, it } from 'vitest'
import { clusterWithIndex } from '../cluster-admin/cluster-admin-fixture.ts'
import type { TestCluster } from '../cluster/es-cluster-fixture.ts'

const explanation = { value: 1, description: '*:*', details: [] }
const head = { _index: 'idx', _id: '1', matched: true, explanation }
const query = { query: { match_all: {} } }

/** The exact body text: the explanation's value is a float, printed `1.0`. */
async function expectBody(cluster: TestCluster, path: string, expected: object): Promise<void> {
  const response = await cluster.send(1, 'POST', path, query)
  expect(response.status).toBe(200)
  expect(response.body).toBe(JSON.stringify(expected).replace('"value":1,', '"value":1.0,'))
}

async function indexed() {
  const { cluster } = await clusterWithIndex(1)
  await cluster.json(1, 'PUT', '/idx/_doc/1?refresh=true', {
    include: { field1: 'v1', field2: 'v2' },
    count: 1,
  })
  return cluster
}

describe('explain with a source to fetch', () => {
  it('adds the embedded get result, its source filtered as the parameters ask', async () => {
    const cluster = await indexed()
    const get = { _seq_no: 0, _primary_term: 1, found: true }
    const source = { include: { field1: 'v1', field2: 'v2' }, count: 1 }
    await expectBody(cluster, '/idx/_explain/1?_source=true', {
      ...head,
      get: { ...get, _source: source },
    })
    await expectBody(cluster, '/idx/_explain/1?_source=include.field1', {
      ...head,
      get: { ...get, _source: { include: { field1: 'v1' } } },
    })
    const filtered = '/idx/_explain/1?_source_includes=include&_source_excludes=*.field2'
    await expectBody(cluster, filtered, {
      ...head,
      get: { ...get, _source: { include: { field1: 'v1' } } },
    })
  })

  it('leaves get out without a source parameter or with _source=false', async () => {
    const cluster = await indexed()
    await expectBody(cluster, '/idx/_explain/1', head)
    await expectBody(cluster, '/idx/_explain/1?_source=false', head)
  })
})
