// PUT/GET/DELETE /_ingest/pipeline through the REST layer, compared as exact JSON with Elasticsearch 8:
// Pipeline.create and ConfigurationUtils (parse_exception with property_name / processor_type /
// processor_tag metadata, printed in Java HashMap order), RestGetPipelineAction (404 with `{}`),
// IngestService.innerDelete (`pipeline [x] is missing`), and the YAML tests ingest/10_basic.yml and
// ingest/20_combine_processors.yml.
import { describe, expect, it } from 'vitest'
import { startIngest } from './ingest-fixture.ts'

const errorBody = (cause: string, status = 400): string =>
  `{"error":{"root_cause":[${cause}],${cause.slice(1, -1)}},"status":${status}}`

describe('PUT and GET _ingest/pipeline', () => {
  it('stores the body as given and returns it re-read: key order kept, numbers re-printed', async () => {
    const { send } = startIngest()
    const put = await send(
      'PUT',
      '/_ingest/pipeline/my-pipeline',
      '{"description":"_description","version":7,"_meta":{"w":1.50},"processors":[{"set":{"field":"f","value":1e3}}]}',
    )
    expect(put).toEqual({ status: 200, body: '{"acknowledged":true}' })
    expect(await send('GET', '/_ingest/pipeline/my-pipeline')).toEqual({
      status: 200,
      body: '{"my-pipeline":{"description":"_description","version":7,"_meta":{"w":1.5},"processors":[{"set":{"field":"f","value":1000.0}}]}}',
    })
  })

  it('GET takes comma lists and wildcards; missing ids are left out; nothing found is 404 with {}', async () => {
    const { send } = startIngest()
    expect(await send('GET', '/_ingest/pipeline')).toEqual({ status: 404, body: '{}' })
    for (const id of ['logs-a', 'logs-b', 'metrics']) {
      await send('PUT', `/_ingest/pipeline/${id}`, { processors: [] })
    }
    expect((await send('GET', '/_ingest/pipeline/metrics,nope')).body).toBe('{"metrics":{"processors":[]}}')
    const logs = await send('GET', '/_ingest/pipeline/logs-*')
    expect(logs.status).toBe(200)
    expect(Object.keys(JSON.parse(logs.body) as object).sort()).toEqual(['logs-a', 'logs-b'])
    expect(await send('GET', '/_ingest/pipeline/nope')).toEqual({ status: 404, body: '{}' })
    expect((await send('GET', '/_ingest/pipeline/metrics?summary=true')).body).toBe('{"metrics":{}}')
  })

  it('[processors] required property is missing, with property_name', async () => {
    const { send } = startIngest()
    const response = await send('PUT', '/_ingest/pipeline/p', { description: 'x' })
    expect(response).toEqual({
      status: 400,
      body: errorBody(
        '{"type":"parse_exception","reason":"[processors] required property is missing","property_name":"processors"}',
      ),
    })
  })

  it('a processor property error names the property, then the processor type and tag (HashMap order)', async () => {
    const { send } = startIngest()
    const untagged = await send('PUT', '/_ingest/pipeline/p', { processors: [{ set: { value: 1 } }] })
    expect(untagged.body).toBe(
      errorBody(
        '{"type":"parse_exception","reason":"[field] required property is missing","property_name":"field","processor_type":"set"}',
      ),
    )
    const tagged = await send('PUT', '/_ingest/pipeline/p', {
      processors: [{ rename: { field: 'a', tag: 'my-tag' } }],
    })
    expect(tagged.body).toBe(
      errorBody(
        '{"type":"parse_exception","reason":"[target_field] required property is missing","property_name":"target_field","processor_type":"rename","processor_tag":"my-tag"}',
      ),
    )
    const wrongType = await send('PUT', '/_ingest/pipeline/p', {
      processors: [{ set: { field: 5, value: 1 } }],
    })
    expect(wrongType.body).toContain(
      '"reason":"[field] property isn\'t a string, but of type [java.lang.Integer]","property_name":"field","processor_type":"set"',
    )
  })

  it('an unknown processor type, and unsupported parameters of a processor and of the pipeline', async () => {
    const { send } = startIngest()
    expect((await send('PUT', '/_ingest/pipeline/p', { processors: [{ foo: {} }] })).body).toBe(
      errorBody(
        '{"type":"parse_exception","reason":"No processor type exists with name [foo]","processor_type":"foo"}',
      ),
    )
    const extra = await send('PUT', '/_ingest/pipeline/p', {
      processors: [{ lowercase: { field: 'a', bogus: true } }],
    })
    expect(extra.body).toBe(
      errorBody(
        '{"type":"parse_exception","reason":"processor [lowercase] doesn\'t support one or more provided configuration parameters [bogus]","processor_type":"lowercase"}',
      ),
    )
    const pipelineExtra = await send('PUT', '/_ingest/pipeline/p', { processors: [], zzz: 1, aaa: 2 })
    expect(pipelineExtra.body).toBe(
      errorBody(
        '{"type":"parse_exception","reason":"pipeline [p] doesn\'t support one or more provided configuration parameters [aaa, zzz]"}',
      ),
    )
  })

  it('empty on_failure lists, a version that is not an int, a non-boolean ignore_failure', async () => {
    const { send } = startIngest()
    expect((await send('PUT', '/_ingest/pipeline/p', { processors: [], on_failure: [] })).body).toBe(
      errorBody(
        '{"type":"parse_exception","reason":"pipeline [p] cannot have an empty on_failure option defined"}',
      ),
    )
    const inner = await send('PUT', '/_ingest/pipeline/p', {
      processors: [{ drop: { on_failure: [] } }],
    })
    expect(inner.body).toBe(
      errorBody(
        '{"type":"parse_exception","reason":"[on_failure] processors list cannot be empty","property_name":"on_failure","processor_type":"drop"}',
      ),
    )
    expect((await send('PUT', '/_ingest/pipeline/p', { version: 'x', processors: [] })).body).toContain(
      '"reason":"[version] property cannot be converted to an int [x]","property_name":"version"',
    )
    expect(
      (await send('PUT', '/_ingest/pipeline/p', { processors: [{ drop: { ignore_failure: 'yes' } }] })).body,
    ).toContain('"reason":"[ignore_failure] property isn\'t a boolean, but of type [java.lang.String]"')
  })

  it('several bad processors: the first error is thrown with the others suppressed', async () => {
    const { send } = startIngest()
    const response = await send('PUT', '/_ingest/pipeline/p', { processors: [{ nope: {} }, { set: {} }] })
    const suppressed =
      '"suppressed":[{"type":"parse_exception","reason":"[field] required property is missing","property_name":"field","processor_type":"set"}]'
    expect(response.body).toBe(
      errorBody(
        `{"type":"parse_exception","reason":"No processor type exists with name [nope]","processor_type":"nope",${suppressed}}`,
      ),
    )
  })

  it('no body at all: request body or source parameter is required', async () => {
    const { send } = startIngest()
    expect(await send('PUT', '/_ingest/pipeline/p')).toEqual({
      status: 400,
      body: errorBody('{"type":"parse_exception","reason":"request body or source parameter is required"}'),
    })
  })

  it('a body that is not JSON is an x_content_parse_exception and nothing is stored', async () => {
    const { send, store } = startIngest()
    const response = await send('PUT', '/_ingest/pipeline/p', '{"processors": [}')
    expect(response.status).toBe(400)
    expect(response.body).toContain('"type":"x_content_parse_exception"')
    expect(store.ids()).toEqual([])
  })
})

describe('PUT _ingest/pipeline?if_version', () => {
  // IngestService.PutPipelineClusterStateUpdateTask and RestPutPipelineAction (8.17).
  const conflict = (reason: string) => errorBody(`{"type":"illegal_argument_exception","reason":"${reason}"}`)

  it('checks the stored version, refuses the same version, and gives an unversioned body if_version + 1', async () => {
    const { send } = startIngest()
    const set = { set: { field: 'a', value: 'x' } }
    expect((await send('PUT', '/_ingest/pipeline/p?if_version=1', { processors: [set] })).body).toBe(
      conflict('version conflict, required version [1] for pipeline [p] but no pipeline was found'),
    )
    await send('PUT', '/_ingest/pipeline/p', { version: 3, processors: [set] })
    expect((await send('PUT', '/_ingest/pipeline/p?if_version=2', { processors: [set] })).body).toBe(
      conflict('version conflict, required version [2] for pipeline [p] but current version is [3]'),
    )
    expect((await send('PUT', '/_ingest/pipeline/p?if_version=x', { processors: [set] })).body).toBe(
      conflict('invalid value [x] specified for [if_version]. must be an integer value'),
    )
    const same = await send('PUT', '/_ingest/pipeline/p?if_version=3', { version: 3, processors: [set] })
    expect(same.body).toBe(conflict('cannot update pipeline [p] with the same version [3]'))
    const put = await send('PUT', '/_ingest/pipeline/p?if_version=3', { processors: [set], description: 'd' })
    expect(put).toEqual({ status: 200, body: '{"acknowledged":true}' })
    // Written back from the HashMap it was read into.
    expect((await send('GET', '/_ingest/pipeline/p')).body).toBe(
      '{"p":{"description":"d","processors":[{"set":{"field":"a","value":"x"}}],"version":4}}',
    )
    const unversioned = await send('PUT', '/_ingest/pipeline/q', { processors: [] })
    expect(unversioned.status).toBe(200)
    expect((await send('PUT', '/_ingest/pipeline/q?if_version=1', { processors: [] })).body).toBe(
      conflict('version conflict, required version [1] for pipeline [q] but current version is [null]'),
    )
  })
})

describe('DELETE _ingest/pipeline', () => {
  it('deletes by id and by pattern; a missing id is resource_not_found_exception; `*` on none is fine', async () => {
    const { send, store } = startIngest()
    expect(await send('DELETE', '/_ingest/pipeline/*')).toEqual({
      status: 200,
      body: '{"acknowledged":true}',
    })
    for (const id of ['a1', 'a2', 'b']) await send('PUT', `/_ingest/pipeline/${id}`, { processors: [] })
    expect(await send('DELETE', '/_ingest/pipeline/b')).toEqual({
      status: 200,
      body: '{"acknowledged":true}',
    })
    expect(await send('DELETE', '/_ingest/pipeline/b')).toEqual({
      status: 404,
      body: errorBody('{"type":"resource_not_found_exception","reason":"pipeline [b] is missing"}', 404),
    })
    await send('DELETE', '/_ingest/pipeline/a*')
    expect(store.ids()).toEqual([])
  })
})
