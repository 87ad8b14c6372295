// `dynamic: runtime` (ObjectMapper.Dynamic.RUNTIME, DynamicFieldsBuilder's Runtime strategy): a new leaf becomes a
// runtime field named by its full path, read from `_source`, while objects are still mapped as objects and a
// dynamic template that matches maps a concrete field. The cases and expected mappings are ES's
// DynamicRuntimeTests (server/src/test/java/org/elasticsearch/index/mapper).
import { beforeEach, describe, expect, it } from 'vitest'
import { startCluster, type TestCluster } from '../cluster/es-cluster-fixture.ts'

let cluster: TestCluster

beforeEach(async () => {
  cluster = await startCluster(1)
}, 60_000)

async function mappingAfter(mappings: object, doc: object): Promise<string> {
  await cluster.json(1, 'PUT', '/idx', { settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings })
  await cluster.json(1, 'PUT', '/idx/_doc/1?refresh=true', doc)
  return (await cluster.send(1, 'GET', '/idx/_mapping')).body
}

describe('dynamic: runtime', () => {
  it('maps each kind of leaf as a runtime field of its type, which searches then read from _source', async () => {
    const doc = { long: 123, double: 123.456, string: 'text', boolean: true, date: '2020-12-15' }
    expect(await mappingAfter({ dynamic: 'runtime' }, doc)).toBe(
      '{"idx":{"mappings":{"dynamic":"runtime","runtime":{"boolean":{"type":"boolean"},"date":{"type":"date"},' +
        '"double":{"type":"double"},"long":{"type":"long"},"string":{"type":"keyword"}}}}}',
    )
    const response = await cluster.send(1, 'GET', '/idx/_search?filter_path=hits.hits.fields', {
      query: { bool: { filter: [{ term: { string: 'text' } }, { range: { long: { gte: 100 } } }] } },
      fields: ['string', 'long', 'date'],
    })
    expect(response.body).toBe(
      '{"hits":{"hits":[{"fields":{"date":["2020-12-15T00:00:00.000Z"],"string":["text"],"long":[123]}}]}}',
    )
  })

  it('gives a date detected by a dynamic_date_formats pattern that format', async () => {
    const mappings = { dynamic: 'runtime', dynamic_date_formats: ['dd/MM/yyyy', 'dd-MM-yyyy'] }
    expect(await mappingAfter(mappings, { date1: '15/12/2020', date2: '15-12-2020' })).toBe(
      '{"idx":{"mappings":{"dynamic":"runtime","dynamic_date_formats":["dd/MM/yyyy","dd-MM-yyyy"],' +
        '"runtime":{"date1":{"type":"date","format":"dd/MM/yyyy"},"date2":{"type":"date","format":"dd-MM-yyyy"}}}}}',
    )
  })

  it('holds under an object that sets it; objects are mapped, an empty one showing only its type', async () => {
    const mappings = {
      dynamic: false,
      properties: {
        dynamic_true: { type: 'object', dynamic: true },
        dynamic_runtime: { type: 'object', dynamic: 'runtime' },
      },
    }
    const doc = {
      anything: { field: 'text' },
      dynamic_true: { field1: 'text', child: { field2: 'text' } },
      dynamic_runtime: { field3: 'text', child: { field4: 'text' } },
    }
    const text = '{"type":"text","fields":{"keyword":{"type":"keyword","ignore_above":256}}}'
    expect(await mappingAfter(mappings, doc)).toBe(
      '{"idx":{"mappings":{"dynamic":"false","runtime":{"dynamic_runtime.child.field4":{"type":"keyword"},' +
        '"dynamic_runtime.field3":{"type":"keyword"}},"properties":{"dynamic_runtime":{"dynamic":"runtime",' +
        `"properties":{"child":{"type":"object"}}},"dynamic_true":{"dynamic":"true","properties":{"child":{` +
        `"properties":{"field2":${text}}},"field1":${text}}}}}}}`,
    )
  })

  it('maps a field a dynamic template matches as a concrete field', async () => {
    const mappings = {
      dynamic: 'runtime',
      dynamic_templates: [{ test: { match_mapping_type: 'string', mapping: { type: 'keyword' } } }],
    }
    expect(await mappingAfter(mappings, { s: 'hello', l: 1 })).toBe(
      '{"idx":{"mappings":{"dynamic":"runtime","dynamic_templates":[{"test":{"match_mapping_type":"string",' +
        '"mapping":{"type":"keyword"}}}],"runtime":{"l":{"type":"long"}},"properties":{"s":{"type":"keyword"}}}}}',
    )
  })
})
