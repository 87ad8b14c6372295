// Stored scripts (PUT/GET/DELETE _scripts) and search templates (_search/template, _render/template,
// _msearch/template) through EsNode, with the bodies of ES 8.17's RestPutStoredScriptAction,
// GetStoredScriptResponse, ScriptMetadata, StoredScriptSource, SearchTemplateResponse and
// MultiSearchTemplateResponse, and the YAML REST tests lang_mustache/20_render_search_template and 30_search_template.
import { describe, expect, it } from 'vitest'
import { startNode } from '../node/es-node-fixture.ts'
import { filterJson } from '../filter-json.ts'

function errorBody(cause: string, status: number): string {
  return `{"error":{"root_cause":[{${cause}}],${cause}},"status":${status}}`
}

describe('stored scripts', () => {
  it('puts, gets and deletes a painless script and a template given as an object', async () => {
    const { send } = await startNode()
    const put = await send('PUT', '/_scripts/s1', { script: { lang: 'painless', source: 'params.x * 2' } })
    expect([put.status, put.body]).toEqual([200, '{"acknowledged":true}'])
    expect((await send('GET', '/_scripts/s1')).body).toBe(
      '{"_id":"s1","found":true,"script":{"lang":"painless","source":"params.x * 2"}}',
    )
    await send('POST', '/_scripts/t1', {
      script: { lang: 'mustache', source: { query: { match: { f: '{{v}}' } }, size: 1.5 } },
    })
    expect((await send('GET', '/_scripts/t1')).body).toBe(
      '{"_id":"t1","found":true,"script":{"lang":"mustache","source":"{\\"query\\":{\\"match\\":{\\"f\\":\\"{{v}}\\"}},\\"size\\":1.5}",' +
        '"options":{"content_type":"application/json;charset=utf-8"}}}',
    )
    expect((await send('DELETE', '/_scripts/s1')).body).toBe('{"acknowledged":true}')
    const missing = await send('GET', '/_scripts/s1')
    expect([missing.status, missing.body]).toEqual([404, '{"_id":"s1","found":false}'])
    const again = await send('DELETE', '/_scripts/s1')
    expect([again.status, again.body]).toEqual([
      404,
      errorBody(
        '"type":"resource_not_found_exception","reason":"stored script [s1] does not exist and cannot be deleted"',
        404,
      ),
    ])
  })

  it('keeps stored scripts in the persisted cluster state across a restart', async () => {
    const node = await startNode()
    await node.send('PUT', '/_scripts/kept', { script: { lang: 'mustache', source: '{{x}}' } })
    const restarted = await node.restart()
    expect((await restarted.send('GET', '/_scripts/kept')).body).toBe(
      '{"_id":"kept","found":true,"script":{"lang":"mustache","source":"{{x}}"}}',
    )
  })

  it('refuses bodies as StoredScriptSource.parse and ScriptService.putStoredScript do', async () => {
    const { send } = await startNode()
    const iae = (reason: string) => errorBody(`"type":"illegal_argument_exception","reason":"${reason}"`, 400)
    expect((await send('PUT', '/_scripts/a', { script: { source: 'x' } })).body).toBe(
      iae('must specify lang for stored script'),
    )
    expect((await send('PUT', '/_scripts/a', { script: { lang: 'painless' } })).body).toBe(
      iae('must specify source for stored script'),
    )
    expect((await send('PUT', '/_scripts/a', { script: { lang: 'painless', source: '' } })).body).toBe(
      iae('source cannot be empty'),
    )
    expect((await send('PUT', '/_scripts/a', { script: { lang: 'groovy', source: '1' } })).body).toBe(
      iae('unable to put stored script with unsupported lang [groovy]'),
    )
    expect(
      (await send('PUT', '/_scripts/a', { script: { lang: 'painless', source: '1', options: { o: 'p' } } }))
        .body,
    ).toBe(iae('illegal compiler options [{o=p}] specified'))
    expect((await send('PUT', '/_scripts/a', '{"template": {}}')).body).toBe(
      errorBody(
        '"type":"parsing_exception","reason":"unexpected field [template], expected [script]","line":1,"col":2',
        400,
      ),
    )
    expect((await send('PUT', '/_scripts/a', '{"script": "1"}')).body).toBe(
      errorBody(
        '"type":"parsing_exception","reason":"unexpected token [VALUE_STRING], expected [{, <source>]","line":1,"col":12',
        400,
      ),
    )
    expect((await send('PUT', '/_scripts/a%23b', { script: { lang: 'painless', source: '1' } })).body).toBe(
      errorBody(
        '"type":"action_request_validation_exception","reason":"Validation Failed: 1: id cannot contain \'#\' for stored script;"',
        400,
      ),
    )
    expect((await send('PUT', '/_scripts/a/nope', { script: { lang: 'painless', source: '1' } })).body).toBe(
      '{"error":{"root_cause":[{"type":"illegal_argument_exception","reason":"failed to parse/compile stored script [a]"}],' +
        '"type":"illegal_argument_exception","reason":"failed to parse/compile stored script [a]",' +
        '"caused_by":{"type":"illegal_argument_exception","reason":"Unknown context [nope]"}},"status":400}',
    )
    expect(
      (await send('PUT', '/_scripts/a?context=score', { script: { lang: 'mustache', source: '{}' } })).body,
    ).toContain(
      '"caused_by":{"type":"illegal_argument_exception","reason":"mustache engine does not know how to handle context [score]"}',
    )
    // Without a context nothing is compiled: a broken script is stored.
    expect((await send('PUT', '/_scripts/a', { script: { lang: 'painless', source: '1 +' } })).status).toBe(
      200,
    )
    const broken = await send('PUT', '/_scripts/a/score', { script: { lang: 'painless', source: '1 +' } })
    expect(broken.body).toContain('"type":"script_exception","reason":"compile error"')
  })
})

describe('search templates', () => {
  async function withBooks() {
    const node = await startNode()
    await node.send('PUT', '/books', { settings: { number_of_shards: 1, number_of_replicas: 0 } })
    await node.send('PUT', '/books/_doc/1?refresh=true', { text: 'value1_foo' })
    await node.send('PUT', '/books/_doc/2?refresh=true', { text: 'value2_foo value3_foo' })
    return node
  }

  it('renders inline and stored templates (20_render_search_template)', async () => {
    const { send } = await startNode()
    await send('PUT', '/_scripts/1', {
      script: {
        lang: 'mustache',
        source: '{ "query": { "match": { "text": "{{my_value}}" } }, "size": {{my_size}} }',
      },
    })
    expect(
      (await send('GET', '/_render/template', { id: '1', params: { my_value: 'foo', my_size: 20 } })).body,
    ).toBe('{"template_output":{"query":{"match":{"text":"foo"}},"size":20}}')
    expect(
      (await send('POST', '/_render/template/1', { params: { my_value: 'b"r', my_size: 100 } })).body,
    ).toBe('{"template_output":{"query":{"match":{"text":"b\\"r"}},"size":100}}')
    const unknown = await send('POST', '/_render/template/2', { params: {} })
    expect([unknown.status, unknown.body]).toEqual([
      404,
      errorBody(
        '"type":"resource_not_found_exception","reason":"unable to find script [2] in cluster state"',
        404,
      ),
    ])
    const none = await send('POST', '/_render/template', { params: {} })
    expect(none.body).toBe(
      errorBody(
        '"type":"action_request_validation_exception","reason":"Validation Failed: 1: template is missing;2: template\'s script type is missing;"',
        400,
      ),
    )
    const unknownField = await send('POST', '/_render/template', '{"source": "{}", "size": 1}')
    expect(unknownField.body).toBe(
      errorBody(
        '"type":"x_content_parse_exception","reason":"[1:18] [search_template] unknown field [size]"',
        400,
      ),
    )
  })

  it('searches with a stored template; explain comes from the request only (30_search_template)', async () => {
    const { send } = await withBooks()
    await send('PUT', '/_scripts/1', {
      script: {
        lang: 'mustache',
        source: { query: { match: { text: '{{my_value}}' } }, size: '{{my_size}}', explain: true },
      },
    })
    const result = await send('POST', '/books/_search/template?filter_path=hits', {
      id: '1',
      params: { my_value: 'value1_foo', my_size: 1 },
    })
    expect(result.body).toBe(
      '{"hits":{"total":{"value":1,"relation":"eq"},"max_score":0.8025915,"hits":[{"_index":"books","_id":"1","_score":0.8025915,"_source":{"text":"value1_foo"}}]}}',
    )
    const explained = await send('GET', '/books/_search/template?filter_path=hits.hits._explanation.value', {
      source: '{"query": {"match": {"text": "{{v}}"}}}',
      params: { v: 'value1_foo' },
      explain: true,
    })
    expect(explained.body).toBe('{"hits":{"hits":[{"_explanation":{"value":0.8025915}}]}}')
  })

  it('answers _msearch/template item by item', async () => {
    const { send } = await withBooks()
    const body =
      '{"index":"books"}\n{"source":{"query":{"match":{"text":"{{v}}"}}},"params":{"v":"value2_foo"}}\n' +
      '{}\n{"id":"missing"}\n'
    const result = await send(
      'POST',
      '/_msearch/template?filter_path=responses.hits.total,responses.status,responses.error.type',
      body,
    )
    expect(result.body).toBe(
      '{"responses":[{"hits":{"total":{"value":1,"relation":"eq"}},"status":200},{"error":{"type":"resource_not_found_exception"},"status":404}]}',
    )
  })
})

describe('stored Painless scripts by id', () => {
  it('run in _update on the primary and in a search on each shard', async () => {
    const { send } = await startNode()
    await send('PUT', '/idx', { settings: { number_of_shards: 1, number_of_replicas: 0 } })
    await send('PUT', '/idx/_doc/1?refresh=true', { n: 5 })
    await send('PUT', '/_scripts/inc', { script: { lang: 'painless', source: 'ctx._source.n += params.by' } })
    await send('PUT', '/_scripts/twice', { script: { lang: 'painless', source: "doc['n'].value * 2" } })
    expect(
      (await send('POST', '/idx/_update/1?refresh=true', { script: { id: 'inc', params: { by: 2 } } }))
        .status,
    ).toBe(200)
    expect((await send('GET', '/idx/_source/1')).body).toBe('{"n":7}')
    const fields = await send('GET', '/idx/_search?filter_path=hits.hits.fields', {
      script_fields: { t: { script: { id: 'twice' } } },
    })
    expect(fields.body).toBe('{"hits":{"hits":[{"fields":{"t":[14]}}]}}')
    const missing = await send('GET', '/idx/_search', {
      query: { script: { script: { id: 'nope' } } },
    })
    expect([missing.status, filterJson(missing.body, 'error.root_cause,error.type,status')]).toEqual([
      404,
      '{"error":{"root_cause":[{"type":"resource_not_found_exception","reason":"unable to find script [nope] in cluster state"}],' +
        '"type":"search_phase_execution_exception"},"status":404}',
    ])
    const withLang = await send('GET', '/idx/_search', {
      query: { script: { script: { id: 'twice', lang: 'painless' } } },
    })
    expect(withLang.body).toBe(
      errorBody(
        '"type":"illegal_argument_exception","reason":"lang cannot be specified for stored scripts"',
        400,
      ),
    )
    await send('PUT', '/_scripts/tpl', { script: { lang: 'mustache', source: '{}' } })
    const template = await send('POST', '/idx/_update/1', { script: { id: 'tpl' } })
    // Compiled inside UpdateHelper.executeScript, whose failures are "failed to execute script".
    expect(template.body).toBe(
      '{"error":{"root_cause":[{"type":"illegal_argument_exception","reason":"failed to execute script"}],' +
        '"type":"illegal_argument_exception","reason":"failed to execute script","caused_by":' +
        '{"type":"illegal_argument_exception","reason":"mustache engine does not know how to handle context [update]"}},"status":400}',
    )
  })
})
