// GET, _mget and _explain's `stored_fields` with fields mapped `store: true`, as ES 8.17's YAML REST tests
// get/20_stored_fields, get/70_source_filtering and mget/20_stored_fields expect them (ShardGetService.innerGetFetch,
// GetResult.toXContent: `fields` after `_source`), realtime from the version map and after a refresh alike, and each
// field type's stored value as its MappedFieldType.valueForDisplay prints it.
import { describe, expect, it } from 'vitest'
import { startNode } from '../node/es-node-fixture.ts'

const head = '"_index":"test_1","_id":"1","_version":1,"_seq_no":0,"_primary_term":1,"found":true'

async function indexed(refresh: boolean) {
  const node = await startNode()
  await node.send('PUT', '/test_1', {
    mappings: {
      properties: { foo: { type: 'keyword', store: true }, count: { type: 'integer', store: true } },
    },
  })
  await node.send('PUT', `/test_1/_doc/1${refresh ? '?refresh=true' : ''}`, { foo: 'bar', count: 1 })
  return node
}

describe('GET stored_fields', () => {
  for (const refresh of [false, true]) {
    it(`returns the stored fields named, without _source unless named (${refresh ? 'refreshed' : 'realtime'})`, async () => {
      const { send } = await indexed(refresh)
      expect((await send('GET', '/test_1/_doc/1?stored_fields=foo')).body).toBe(
        `{${head},"fields":{"foo":["bar"]}}`,
      )
      expect((await send('GET', '/test_1/_doc/1?stored_fields=foo,count')).body).toBe(
        `{${head},"fields":{"foo":["bar"],"count":[1]}}`,
      )
      expect((await send('GET', '/test_1/_doc/1?stored_fields=foo,count,_source')).body).toBe(
        `{${head},"_source":{"foo":"bar","count":1},"fields":{"foo":["bar"],"count":[1]}}`,
      )
      expect((await send('GET', '/test_1/_doc/1?stored_fields=count&_source=true')).body).toBe(
        `{${head},"_source":{"foo":"bar","count":1},"fields":{"count":[1]}}`,
      )
      // a field that is not stored, or not mapped, is skipped; the fields print in Java HashMap order
      expect((await send('GET', '/test_1/_doc/1?stored_fields=nope')).body).toBe(`{${head}}`)
    })
  }

  it('refuses an object field: it is not a leaf field', async () => {
    const { send } = await startNode()
    await send('PUT', '/test_1/_doc/1', { obj: { a: 'x' } })
    const response = await send('GET', '/test_1/_doc/1?stored_fields=obj')
    expect(response.status).toBe(400)
    expect(response.body).toContain(
      `"type":"illegal_argument_exception","reason":"field [obj] isn't a leaf field"`,
    )
  })

  it('prints each type as its field type displays the stored value', async () => {
    const { send } = await startNode()
    const store = (mapping: object) => ({ ...mapping, store: true })
    await send('PUT', '/types', {
      mappings: {
        _source: { enabled: false },
        properties: {
          text: store({ type: 'text', fields: { raw: store({ type: 'keyword' }) } }),
          kw: store({ type: 'keyword', normalizer: 'lowercase', ignore_above: 5 }),
          long: store({ type: 'long' }),
          int: store({ type: 'integer' }),
          float: store({ type: 'float' }),
          half: store({ type: 'half_float' }),
          double: store({ type: 'double' }),
          scaled: store({ type: 'scaled_float', scaling_factor: 10 }),
          ulong: store({ type: 'unsigned_long' }),
          date: store({ type: 'date' }),
          custom: store({ type: 'date', format: 'yyyy/MM/dd' }),
          nanos: store({ type: 'date_nanos' }),
          bool: store({ type: 'boolean' }),
          ip: store({ type: 'ip' }),
          bin: store({ type: 'binary' }),
          tokens: store({ type: 'token_count', analyzer: 'standard' }),
          copied: store({ type: 'keyword' }),
          from: { type: 'text', copy_to: 'copied' },
        },
      },
    })
    await send('PUT', '/types/_doc/1', {
      text: 'Hello World',
      kw: ['ABC', 'toolong'],
      long: '12',
      int: 3.7,
      float: 1.1,
      half: 1.1,
      double: 1e21,
      scaled: 1.26,
      ulong: 18446744073709551615n.toString(),
      date: 1420070400000,
      custom: '2015/01/01',
      nanos: '2015-01-01T00:00:00.123456789Z',
      bool: 'false',
      ip: '::ffff:1.2.3.4',
      bin: 'U29tZSBiaW5hcnk=',
      tokens: 'a b c',
      from: 'copied text',
    })
    const names =
      'text,text.raw,kw,long,int,float,half,double,scaled,ulong,date,custom,nanos,bool,ip,bin,tokens,copied'
    for (const refresh of ['false', 'true']) {
      const response = await send('GET', `/types/_doc/1?stored_fields=${names}&refresh=${refresh}`)
      const { fields } = JSON.parse(response.body) as { fields: unknown }
      expect(fields).toEqual({
        text: ['Hello World'],
        'text.raw': ['Hello World'],
        kw: ['abc'],
        long: [12],
        int: [3],
        float: [1.1],
        half: [1.1],
        double: [1e21],
        scaled: [1.3],
        ulong: ['18446744073709551615'],
        date: ['2015-01-01T00:00:00.000Z'],
        custom: ['2015/01/01'],
        nanos: ['2015-01-01T00:00:00.123456789Z'],
        bool: [false],
        ip: ['1.2.3.4'],
        bin: ['U29tZSBiaW5hcnk='],
        tokens: [3],
        copied: ['copied text'],
      })
      // Java's Float.toString and Double.toString
      expect(response.body).toContain('"float":[1.1]')
      expect(response.body).toContain('"double":[1.0E21]')
      expect(response.body).not.toContain('_source')
    }
  })
})

describe('_mget stored_fields', () => {
  it('reads each item’s stored_fields, else the URL’s (mget/20_stored_fields)', async () => {
    const { send } = await indexed(false)
    const docs = [
      { _id: 1 },
      { _id: 1, stored_fields: 'foo' },
      { _id: 1, stored_fields: ['foo'] },
      { _id: 1, stored_fields: ['foo', '_source'] },
    ]
    const plain = `{${head},"_source":{"foo":"bar","count":1}}`
    const foo = `{${head},"fields":{"foo":["bar"]}}`
    const both = `{${head},"_source":{"foo":"bar","count":1},"fields":{"foo":["bar"]}}`
    expect((await send('POST', '/test_1/_mget', { docs })).body).toBe(
      `{"docs":[${plain},${foo},${foo},${both}]}`,
    )
    expect((await send('POST', '/test_1/_mget?stored_fields=foo', { docs })).body).toBe(
      `{"docs":[${foo},${foo},${foo},${both}]}`,
    )
    expect((await send('POST', '/test_1/_mget?stored_fields=foo,_source', { docs })).body).toBe(
      `{"docs":[${both},${foo},${foo},${both}]}`,
    )
  })
})

describe('_explain stored_fields', () => {
  it('gives the document’s stored fields in `get`', async () => {
    const { send } = await indexed(true)
    const response = await send('GET', '/test_1/_explain/1?stored_fields=foo', { query: { match_all: {} } })
    expect((JSON.parse(response.body) as { get: unknown }).get).toEqual({
      _seq_no: 0,
      _primary_term: 1,
      found: true,
      fields: { foo: ['bar'] },
    })
  })
})
