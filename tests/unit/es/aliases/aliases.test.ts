// Index aliases through EsNode, as exact compact JSON: the YAML REST tests indices.get_alias/10_basic,
// indices.update_aliases/10_basic, 30_remove_index_and_replace_with_alias and 40_must_exist,
// cat.aliases/10_basic, and the messages of AliasValidator, IndexNameExpressionResolver,
// MetadataCreateIndexService, IndicesAliasesResponse and RestGetAliasesAction (Elasticsearch 8.17).
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'
import { jsonAt, jsonKeysAt } from '../indices/json-at.ts'

function errorBody(cause: string, status: number): string {
  return `{"error":{"root_cause":[{${cause}}],${cause}},"status":${status}}`
}

async function twoIndices(): Promise<TestNode> {
  const node = await startNode()
  await node.send('PUT', '/test_index', { aliases: { test_alias: {}, test_blias: {} } })
  await node.send('PUT', '/test_index_2', { aliases: { test_alias: {}, test_blias: {} } })
  return node
}

describe('GET _alias (indices.get_alias/10_basic)', () => {
  it('lists every index, an index without aliases as {}', async () => {
    const { send } = await twoIndices()
    await send('PUT', '/test_index_3')
    const body = JSON.parse((await send('GET', '/_alias')).body) as Record<string, unknown>
    expect(body).toEqual({
      test_index: { aliases: { test_alias: {}, test_blias: {} } },
      test_index_2: { aliases: { test_alias: {}, test_blias: {} } },
      test_index_3: { aliases: {} },
    })
  })

  it('with names (_all, *, a name, a prefix pattern) shows only the indices that have one', async () => {
    const { send } = await twoIndices()
    await send('PUT', '/test_index_3')
    for (const name of ['_all', '*']) {
      const body = JSON.parse((await send('GET', `/_alias/${name}`)).body) as Record<string, unknown>
      expect(Object.keys(body).sort()).toEqual(['test_index', 'test_index_2'])
    }
    expect(JSON.parse((await send('GET', '/_alias/test_alias')).body)).toEqual({
      test_index: { aliases: { test_alias: {} } },
      test_index_2: { aliases: { test_alias: {} } },
    })
    expect((await send('GET', '/test_index/_alias/test_a*')).body).toBe(
      '{"test_index":{"aliases":{"test_alias":{}}}}',
    )
    expect((await send('GET', '/*2/_alias/test_alias')).body).toBe(
      '{"test_index_2":{"aliases":{"test_alias":{}}}}',
    )
    expect((await send('GET', '/test_index/_alias')).body).toBe(
      '{"test_index":{"aliases":{"test_alias":{},"test_blias":{}}}}',
    )
  })

  it('explicitly named aliases that are missing answer 404 with error and status first', async () => {
    const { send } = await twoIndices()
    const one = await send('GET', '/test_index/_alias/non-existent')
    expect(one).toMatchObject({ status: 404, body: '{"error":"alias [non-existent] missing","status":404}' })
    const some = await send('GET', '/test_index/_alias/test_alias,non-existent,another-non-existent')
    expect(some.status).toBe(404)
    expect(some.body).toBe(
      '{"error":"aliases [another-non-existent,non-existent] missing","status":404,"test_index":{"aliases":{"test_alias":{}}}}',
    )
    expect((await send('GET', '/non-existent/_alias/foo')).status).toBe(404)
  })

  it('a -name takes out what the names before it chose, with or without a wildcard before it', async () => {
    const node = await startNode()
    await node.send('PUT', '/test_index', { aliases: { a_1: {}, a_2: {}, b_1: {}, b_2: {} } })
    expect((await node.send('GET', '/_alias/a_1,b_1,-a*')).body).toBe('{"test_index":{"aliases":{"b_1":{}}}}')
    expect(await node.send('GET', '/_alias/a_1,b_2,-a*,-b_2')).toMatchObject({ status: 200, body: '{}' })
    // A leading exclusion has nothing chosen to take out; it is then an explicit name that is missing.
    expect((await node.send('GET', '/_alias/-a_1,a*')).body).toBe(
      '{"error":"alias [-a_1] missing","status":404,"test_index":{"aliases":{"a_1":{},"a_2":{}}}}',
    )
  })

  it('expand_wildcards decides which indices a wildcard (or no index) reaches', async () => {
    const { send } = await twoIndices()
    await send('POST', '/test_index_2/_close')
    expect(Object.keys(JSON.parse((await send('GET', '/_alias/test_alias')).body) as object).sort()).toEqual([
      'test_index',
      'test_index_2',
    ])
    expect((await send('GET', '/_alias/test_alias?expand_wildcards=open')).body).toBe(
      '{"test_index":{"aliases":{"test_alias":{}}}}',
    )
  })

  it('HEAD _alias/{name} is 200 when the alias exists and 404 when not', async () => {
    const { send } = await twoIndices()
    expect(await send('HEAD', '/_alias/test_alias')).toMatchObject({ status: 200, body: '' })
    expect(await send('HEAD', '/_alias/nope')).toMatchObject({ status: 404, body: '' })
    expect((await send('HEAD', '/test_index/_alias/test_blias')).status).toBe(200)
  })
})

describe('POST _aliases (indices.update_aliases)', () => {
  it('add with routing and filter: GET shows filter, index_routing, search_routing in that order', async () => {
    const { send } = await startNode()
    await send('PUT', '/test_index')
    const added = await send('POST', '/_aliases', {
      actions: [
        {
          add: {
            index: 'test_index',
            alias: 'test_alias',
            routing: 'routing_value',
            filter: { ids: { values: ['1', '2', '3'] } },
          },
        },
      ],
    })
    expect(added.body).toBe('{"acknowledged":true,"errors":false}')
    expect((await send('GET', '/test_index/_alias/test_alias')).body).toBe(
      '{"test_index":{"aliases":{"test_alias":{"filter":{"ids":{"values":["1","2","3"]}},"index_routing":"routing_value","search_routing":"routing_value"}}}}',
    )
  })

  it('indices and aliases lists; remove then add in one request', async () => {
    const { send } = await startNode()
    await send('PUT', '/test_index')
    await send('POST', '/_aliases', {
      actions: [{ add: { indices: ['test_index'], aliases: ['test_alias1', 'test_alias2'], routing: 'r' } }],
    })
    expect((await send('GET', '/test_index/_alias')).body).toBe(
      '{"test_index":{"aliases":{"test_alias1":{"index_routing":"r","search_routing":"r"},"test_alias2":{"index_routing":"r","search_routing":"r"}}}}',
    )
    await send('POST', '/_aliases', {
      actions: [
        { remove: { index: 'test_index', alias: 'test_alias1' } },
        { add: { index: 'test_index', alias: 'test_alias3' } },
      ],
    })
    expect(jsonKeysAt((await send('GET', '/test_index/_alias')).body, 'test_index', 'aliases')).toEqual([
      'test_alias2',
      'test_alias3',
    ])
  })

  it('date math in an action resolves the index expression and the added alias name', async () => {
    const { send } = await startNode()
    await send('PUT', `/${encodeURIComponent('<logs_http_{2022-12-31||/d{yyyy-MM-dd}}>')}`)
    const response = await send('POST', '/_aliases', {
      actions: [
        {
          add: {
            index: '<logs_http_{2022-12-31||/d{yyyy-MM-dd}}>',
            alias: '<logs_{2022-12-31||/d{yyyy-MM-dd}}>',
          },
        },
      ],
    })
    expect(response.body).toBe('{"acknowledged":true,"errors":false}')
    expect((await send('GET', '/_alias')).body).toBe(
      '{"logs_http_2022-12-31":{"aliases":{"logs_2022-12-31":{}}}}',
    )
  })

  it('a remove that removes nothing is a 404 action result; the other actions apply', async () => {
    const { send } = await startNode()
    await send('PUT', '/test_index1')
    await send('PUT', '/test_index2')
    const response = await send('POST', '/_aliases', {
      actions: [
        { add: { index: 'test_index*', aliases: 'test_alias1' } },
        { remove: { index: 'test_index*', aliases: 'test_non_existing' } },
      ],
    })
    expect(response.status).toBe(200)
    expect(response.body).toBe(
      '{"acknowledged":true,"errors":true,"action_results":[' +
        '{"action":{"type":"add","indices":["test_index1","test_index2"],"aliases":["test_alias1"]},"status":200},' +
        '{"action":{"type":"remove","indices":["test_index1","test_index2"],"aliases":["test_non_existing"]},"status":404,' +
        '"error":{"type":"aliases_not_found_exception","reason":"aliases [test_non_existing] missing","resource.type":"aliases","resource.id":"test_non_existing"}}]}',
    )
    expect((await send('HEAD', '/_alias/test_alias1')).status).toBe(200)
  })

  it('must_exist: a missing alias fails the whole request; must_exist on add is a bad request', async () => {
    const { send } = await startNode()
    await send('PUT', '/test_index')
    const failed = await send('POST', '/_aliases', {
      actions: [
        { remove: { index: 'test_index', alias: 'test_alias1', must_exist: true } },
        { add: { index: 'test_index', alias: 'test_alias3' } },
      ],
    })
    const cause =
      '"type":"aliases_not_found_exception","reason":"aliases [test_alias1] missing","resource.type":"aliases","resource.id":"test_alias1"'
    expect(failed).toMatchObject({ status: 404, body: errorBody(cause, 404) })
    expect((await send('HEAD', '/_alias/test_alias3')).status).toBe(404)
    const add = await send('POST', '/_aliases', {
      actions: [{ add: { index: 'test_index', aliases: 'a', must_exist: true } }],
    })
    expect(add.status).toBe(400)
    expect(add.body).toContain('"reason":"[must_exist] is unsupported for [ADD]"')
  })

  it('a request whose only remove finds nothing is aliases_not_found_exception (404)', async () => {
    const { send } = await startNode()
    await send('PUT', '/test_index')
    const cause =
      '"type":"aliases_not_found_exception","reason":"aliases [nope] missing","resource.type":"aliases","resource.id":"nope"'
    expect(await send('DELETE', '/test_index/_alias/nope')).toMatchObject({
      status: 404,
      body: errorBody(cause, 404),
    })
  })

  it('remove_index and an alias taking its name apply together (30_remove_index_and_replace_with_alias)', async () => {
    const { send } = await startNode()
    await send('PUT', '/test')
    await send('PUT', '/test_2')
    const response = await send('POST', '/_aliases', {
      actions: [
        { add: { index: 'test_2', aliases: ['test', 'test_write'] } },
        { remove_index: { index: 'test' } },
      ],
    })
    expect(response.body).toBe('{"acknowledged":true,"errors":false}')
    expect((await send('HEAD', '/_alias/test')).status).toBe(200)
    expect((await send('HEAD', '/_alias/test_write')).status).toBe(200)
    expect(jsonKeysAt((await send('GET', '/test')).body)).toEqual(['test_2'])
  })

  it('no actions is a validation failure; an alias as an action index is refused', async () => {
    const { send } = await startNode()
    await send('PUT', '/idx', { aliases: { al: {} } })
    const empty = await send('POST', '/_aliases', { actions: [] })
    const cause =
      '"type":"action_request_validation_exception","reason":"Validation Failed: 1: Must specify at least one alias action;"'
    expect(empty).toMatchObject({ status: 400, body: errorBody(cause, 400) })
    const viaAlias = await send('POST', '/_aliases', { actions: [{ remove_index: { index: 'al' } }] })
    expect(viaAlias.status).toBe(400)
    expect(viaAlias.body).toContain(
      '"reason":"The provided expression [al] matches an alias, specify the corresponding concrete indices instead."',
    )
    const missing = await send('POST', '/_aliases', { actions: [{ add: { index: 'nope*', alias: 'x' } }] })
    expect(missing.status).toBe(404)
    expect(missing.body).toContain('"reason":"no such index [nope*]"')
  })
})

describe('names shared by indices and aliases', () => {
  it('an alias may not take an index name, nor an index an alias name, nor an alias its own index name', async () => {
    const { send } = await startNode()
    await send('PUT', '/test_1')
    await send('PUT', '/test_2')
    const clash = await send('POST', '/_aliases', {
      actions: [{ add: { index: 'test_1', alias: 'test_2' } }],
    })
    const aliasCause =
      '"type":"invalid_alias_name_exception","reason":"Invalid alias name [test_2]: an index or data stream exists with the same name as the alias"'
    expect(clash).toMatchObject({ status: 400, body: errorBody(aliasCause, 400) })
    await send('PUT', '/test_1/_alias/al')
    const index = await send('PUT', '/al')
    const indexCause =
      '"type":"invalid_index_name_exception","reason":"Invalid index name [al], already exists as alias","index_uuid":"_na_","index":"al"'
    expect(index).toMatchObject({ status: 400, body: errorBody(indexCause, 400) })
    const self = await send('PUT', '/index-name', { aliases: { 'index-name': {} } })
    const selfCause =
      '"type":"illegal_argument_exception","reason":"alias name [index-name] self-conflicts with index name"'
    expect(self).toMatchObject({ status: 400, body: errorBody(selfCause, 400) })
    const invalid = await send('PUT', '/test_1/_alias/_bad')
    expect(invalid.body).toContain(
      `"reason":"Invalid alias name [_bad]: must not start with '_', '-', or '+'"`,
    )
  })

  it('DELETE through an alias is refused; GET /<alias> answers the concrete index', async () => {
    const { send } = await startNode()
    await send('PUT', '/logs-1', { aliases: { logs: {} } })
    const refused = await send('DELETE', '/logs')
    expect(refused.status).toBe(400)
    expect(refused.body).toContain(
      '"reason":"The provided expression [logs] matches an alias, specify the corresponding concrete indices instead."',
    )
    expect(jsonKeysAt((await send('GET', '/logs')).body)).toEqual(['logs-1'])
    expect(jsonAt((await send('GET', '/logs')).body, 'logs-1', 'aliases')).toEqual({ logs: {} })
    expect((await send('GET', '/logs/_mapping')).body).toBe('{"logs-1":{"mappings":{}}}')
    expect((await send('GET', '/lo*/_settings/index.number_of_shards?flat_settings=true')).body).toBe(
      '{"logs-1":{"settings":{"index.number_of_shards":"1"}}}',
    )
  })
})

describe('writes through an alias', () => {
  it('a single-index alias is its write index; with several, only is_write_index decides', async () => {
    const { send } = await startNode()
    await send('PUT', '/w1', { aliases: { w: {} } })
    const single = await send('PUT', '/w/_doc/1', { a: 1 })
    expect(single.status).toBe(201)
    expect(jsonAt(single.body, '_index')).toBe('w1')
    await send('PUT', '/w2', { aliases: { w: {} } })
    const none = await send('PUT', '/w/_doc/2', { a: 1 })
    const cause =
      '"type":"illegal_argument_exception","reason":"no write index is defined for alias [w]. The write index may be explicitly disabled using is_write_index=false or the alias points to multiple indices without one being designated as a write index"'
    expect(none).toMatchObject({ status: 400, body: errorBody(cause, 400) })
    await send('POST', '/_aliases', { actions: [{ add: { index: 'w2', alias: 'w', is_write_index: true } }] })
    expect(jsonAt((await send('POST', '/w/_doc/3', { a: 1 })).body, '_index')).toBe('w2')
    const bulk = await send('POST', '/_bulk', '{"index":{"_index":"w","_id":"4"}}\n{"a":1}\n')
    expect(jsonAt(bulk.body, 'items', '0', 'index', '_index')).toBe('w2')
  })

  it('is_write_index false on a single index leaves the alias without a write index', async () => {
    const { send } = await startNode()
    await send('PUT', '/r1', { aliases: { r: { is_write_index: false } } })
    expect((await send('PUT', '/r/_doc/1', { a: 1 })).body).toContain(
      'no write index is defined for alias [r]',
    )
  })

  it("the alias's index routing routes the write; another routing value is refused", async () => {
    const { send } = await startNode()
    await send('PUT', '/routed', {
      settings: { number_of_shards: 5 },
      aliases: { ra: { index_routing: '7' } },
    })
    const written = await send('PUT', '/ra/_doc/1?refresh=true', { a: 1 })
    expect(written.status).toBe(201)
    const found = await send('GET', '/routed/_doc/1?routing=7')
    expect(JSON.parse(found.body)).toMatchObject({ _index: 'routed', _id: '1', _routing: '7', found: true })
    const refused = await send('PUT', '/ra/_doc/2?routing=8', { a: 1 })
    expect(refused.status).toBe(400)
    expect(refused.body).toContain(
      '"reason":"Alias [ra] has index routing associated with it [7], and was provided with routing value [8], rejecting operation"',
    )
  })

  it('two write indices for one alias are an illegal_state_exception (500)', async () => {
    const { send } = await startNode()
    await send('PUT', '/a1', { aliases: { al: { is_write_index: true } } })
    const second = await send('PUT', '/a2', { aliases: { al: { is_write_index: true } } })
    const cause =
      '"type":"illegal_state_exception","reason":"alias [al] has more than one write index [a1,a2]"'
    expect(second).toMatchObject({ status: 500, body: errorBody(cause, 500) })
  })
})

describe('_cat/aliases (cat.aliases/10_basic)', () => {
  it('a simple and a complex alias, with headers', async () => {
    const { send } = await startNode()
    await send('PUT', '/test', { mappings: { properties: { foo: { type: 'text' } } } })
    expect((await send('GET', '/_cat/aliases')).body).toBe('')
    await send('PUT', '/test/_alias/test_alias')
    expect((await send('GET', '/_cat/aliases')).body).toBe('test_alias test - - - -\n')
    await send('PUT', '/test/_alias/complex', {
      index_routing: 'ir',
      search_routing: 'sr1,sr2',
      is_write_index: true,
      filter: { term: { foo: 'bar' } },
    })
    expect((await send('GET', '/_cat/aliases?v&s=alias')).body).toBe(
      'alias      index filter routing.index routing.search is_write_index\n' +
        'complex    test  *      ir            sr1,sr2        true\n' +
        'test_alias test  -      -             -              -\n',
    )
    expect((await send('GET', '/_cat/aliases/test_*?h=index,alias')).body).toBe('test test_alias\n')
  })
})

describe('persistence', () => {
  it('aliases come back after a restart with their index', async () => {
    const node = await startNode()
    await node.send('PUT', '/p1', { aliases: { pa: { routing: '3' } } })
    const restarted = await node.restart()
    expect((await restarted.send('GET', '/_alias/pa')).body).toBe(
      '{"p1":{"aliases":{"pa":{"index_routing":"3","search_routing":"3"}}}}',
    )
  })
})
