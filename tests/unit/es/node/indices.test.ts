// Index APIs, dynamic mapping and persistence through EsNode, as exact compact JSON. Shapes: the create
// index, delete index, get mapping and refresh API pages (Elasticsearch reference 8.17), the YAML REST tests
// indices.create/indices.delete, and the error bodies quoted in elastic/elasticsearch and client issues
// (index_not_found_exception with resource.type, resource.id, index_uuid, index).
// Dynamic mapping: "Dynamic field mapping" (8.17): strings → text + keyword (ignore_above 256), or date when
// they match dynamic_date_formats ["strict_date_optional_time", "yyyy/MM/dd HH:mm:ss||yyyy/MM/dd"];
// integers → long, other numbers → float, booleans → boolean, objects → object (printed without type).
import { describe, expect, it } from 'vitest'
import { startNode } from './es-node-fixture.ts'

const TEXT = '{"type":"text","fields":{"keyword":{"type":"keyword","ignore_above":256}}}'

function notFound(index: string): string {
  const cause = `"type":"index_not_found_exception","reason":"no such index [${index}]","resource.type":"index_or_alias","resource.id":"${index}","index_uuid":"_na_","index":"${index}"`
  return `{"error":{"root_cause":[{${cause}}],${cause}},"status":404}`
}

describe('create and delete an index', () => {
  it('PUT /<index> acknowledges; a second PUT is resource_already_exists_exception (400)', async () => {
    const { send } = await startNode()
    const created = await send('PUT', '/my-index')
    expect(created).toEqual({
      status: 200,
      contentType: 'application/json',
      body: '{"acknowledged":true,"shards_acknowledged":true,"index":"my-index"}',
    })
    const again = await send('PUT', '/my-index')
    expect(again.status).toBe(400)
    const uuid = /"index_uuid":"([^"]+)"/.exec(again.body)?.[1] ?? ''
    const cause = `"type":"resource_already_exists_exception","reason":"index [my-index/${uuid}] already exists","index_uuid":"${uuid}","index":"my-index"`
    expect(again.body).toBe(`{"error":{"root_cause":[{${cause}}],${cause}},"status":400}`)
    const settings = JSON.parse((await send('GET', '/my-index')).body) as Record<
      string,
      { settings: { index: { uuid: string } } }
    >
    expect(settings['my-index']?.settings.index.uuid).toBe(uuid)
  })

  it('an upper-case name is invalid_index_name_exception (400) and creates nothing', async () => {
    const { send } = await startNode()
    const response = await send('PUT', '/MyIndex')
    expect(response.status).toBe(400)
    const cause =
      '"type":"invalid_index_name_exception","reason":"Invalid index name [MyIndex], must be lowercase","index_uuid":"_na_","index":"MyIndex"'
    expect(response.body).toBe(`{"error":{"root_cause":[{${cause}}],${cause}},"status":400}`)
    expect((await send('PUT', '/MyIndex/_doc/1', { a: 1 })).body).toBe(response.body)
    expect((await send('GET', '/_search')).body).toContain('"_shards":{"total":0,')
  })

  it('DELETE /<index> acknowledges; a missing index is index_not_found_exception (404)', async () => {
    const { send } = await startNode()
    await send('PUT', '/idx/_doc/1?refresh=true', { a: 1 })
    expect((await send('DELETE', '/idx')).body).toBe('{"acknowledged":true}')
    expect((await send('GET', '/idx/_doc/1')).body).toBe(notFound('idx'))
    const missing = await send('DELETE', '/idx')
    expect(missing.status).toBe(404)
    expect(missing.body).toBe(notFound('idx'))
  })

  it('DELETE with a wildcard or _all is refused (action.destructive_requires_name defaults to true in 8)', async () => {
    const { send } = await startNode()
    await send('PUT', '/logs-1')
    const body =
      '{"error":{"root_cause":[{"type":"illegal_argument_exception","reason":"Wildcard expressions or all indices are not allowed"}],' +
      '"type":"illegal_argument_exception","reason":"Wildcard expressions or all indices are not allowed"},"status":400}'
    for (const path of ['/logs-*', '/_all', '/*']) {
      const response = await send('DELETE', path)
      expect(response.status).toBe(400)
      expect(response.body).toBe(body)
    }
    expect((await send('GET', '/logs-1')).status).toBe(200)
  })

  it('settings number_of_shards and number_of_replicas shape _shards of writes and refreshes', async () => {
    const { send } = await startNode()
    await send('PUT', '/idx', { settings: { index: { number_of_shards: 2, number_of_replicas: 0 } } })
    expect((await send('PUT', '/idx/_doc/1', { a: 1 })).body).toContain(
      '"_shards":{"total":1,"successful":1,"failed":0}',
    )
    expect((await send('POST', '/idx/_refresh')).body).toBe(
      '{"_shards":{"total":2,"successful":2,"failed":0}}',
    )
  })
})

describe('dynamic mapping', () => {
  it('maps each JSON type as ES 8 does and prints properties sorted by name', async () => {
    const { send } = await startNode()
    await send('PUT', '/idx/_doc/1', {
      zeta: 'some text',
      count: 42,
      price: 9.99,
      active: true,
      created: '2015-01-01',
      stamp: '2015-01-01T12:10:30Z',
      slash: '2015/01/01',
      slashTime: '2015/01/01 12:10:30',
      notADate: '2015-02-30',
      number_string: '42',
      user: { name: 'kimchy', age: 3 },
      tags: ['a', 'b'],
      nothing: null,
    })
    const slashDate = '{"type":"date","format":"yyyy/MM/dd HH:mm:ss||yyyy/MM/dd||epoch_millis"}'
    expect((await send('GET', '/idx/_mapping')).body).toBe(
      '{"idx":{"mappings":{"properties":{' +
        '"active":{"type":"boolean"},"count":{"type":"long"},"created":{"type":"date"},' +
        `"notADate":${TEXT},"number_string":${TEXT},"price":{"type":"float"},` +
        `"slash":${slashDate},"slashTime":${slashDate},"stamp":{"type":"date"},"tags":${TEXT},` +
        `"user":{"properties":{"age":{"type":"long"},"name":${TEXT}}},"zeta":${TEXT}}}}}`,
    )
  })

  it('a new index has an empty mapping; explicit mappings are kept', async () => {
    const { send } = await startNode()
    await send('PUT', '/empty')
    expect((await send('GET', '/empty/_mapping')).body).toBe('{"empty":{"mappings":{}}}')
    await send('PUT', '/explicit', { mappings: { properties: { code: { type: 'keyword' } } } })
    await send('PUT', '/explicit/_doc/1', { code: 'A-1', extra: 1 })
    expect((await send('GET', '/explicit/_mapping')).body).toBe(
      '{"explicit":{"mappings":{"properties":{"code":{"type":"keyword"},"extra":{"type":"long"}}}}}',
    )
  })

  it('a document that does not fit the mapping is refused and changes no mapping, document or seq_no', async () => {
    const { send } = await startNode()
    await send('PUT', '/idx/_doc/1', { user: { name: 'a' } })
    const bad = await send('PUT', '/idx/_doc/2', { added: 'x', user: 'flat' })
    expect(bad.status).toBe(400)
    expect(bad.body).toContain('"type":"document_parsing_exception"')
    expect((await send('GET', '/idx/_mapping')).body).toBe(
      `{"idx":{"mappings":{"properties":{"user":{"properties":{"name":${TEXT}}}}}}}`,
    )
    expect((await send('GET', '/idx/_doc/2')).status).toBe(404)
    expect((await send('PUT', '/idx/_doc/3', { user: { name: 'b' } })).body).toContain('"_seq_no":1,')
  })
})

describe('persistence: a restarted node over the same storage has everything back', () => {
  it('indices, settings, mappings, documents, versions, seq_nos, tombstones and searchability', async () => {
    const first = await startNode()
    await first.send('PUT', '/a', { settings: { number_of_shards: 3 } })
    for (const id of ['1', '2', '3', '4', '5'])
      await first.send('PUT', `/a/_doc/${id}`, { msg: `hello ${id}`, n: 1 })
    await first.send('PUT', '/a/_doc/2', { msg: 'replaced', n: 2 })
    await first.send('DELETE', '/a/_doc/3')
    await first.send('PUT', '/b/_doc/x?routing=r1', '{"__proto__":{"constructor":1}}')
    await first.send('PUT', '/gone/_doc/1', { a: 1 })
    await first.send('DELETE', '/gone')
    const before = await Promise.all(
      ['/a', '/a/_mapping', '/b/_mapping', '/a/_doc/2', '/a/_doc/3', '/b/_doc/x?routing=r1', '/'].map((p) =>
        first.send('GET', p),
      ),
    )

    const second = await first.restart()
    const after = await Promise.all(
      ['/a', '/a/_mapping', '/b/_mapping', '/a/_doc/2', '/a/_doc/3', '/b/_doc/x?routing=r1', '/'].map((p) =>
        second.send('GET', p),
      ),
    )
    expect(after).toEqual(before)
    expect((await second.send('GET', '/gone')).status).toBe(404)
    expect((await second.send('GET', '/a/_count')).body).toBe(
      '{"count":4,"_shards":{"total":3,"successful":3,"skipped":0,"failed":0}}',
    )
    // Versions and seq_nos continue where they were; the tombstone of 3 still counts.
    const recreated = await second.send('PUT', '/a/_doc/3', { msg: 'back' })
    expect(recreated.body).toContain('"_version":3,"result":"created"')
    const resent = await second.send('PUT', '/a/_doc/2', { msg: 'again' })
    expect(resent.body).toContain('"_version":3,"result":"updated"')
    expect(
      (await second.send('GET', '/a/_search', { query: { match: { msg: 'replaced' } } })).body,
    ).toContain('"total":{"value":1,"relation":"eq"}')
  })

  it('seq_no continues per shard after a restart; the primary term grows as the primary is reassigned', async () => {
    const first = await startNode()
    await first.send('PUT', '/idx/_doc/1', { a: 1 })
    await first.send('PUT', '/idx/_doc/2', { a: 2 })
    await first.send('DELETE', '/idx/_doc/9')
    const second = await first.restart()
    expect((await second.send('PUT', '/idx/_doc/3', { a: 3 })).body).toContain(
      '"_seq_no":3,"_primary_term":2}',
    )
  })
})
