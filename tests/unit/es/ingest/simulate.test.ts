// POST /_ingest/pipeline/_simulate and /_ingest/pipeline/<id>/_simulate, compared as exact JSON with
// Elasticsearch 8: SimulatePipelineRequest.parseDocs (defaults "_index", "_id", version -3),
// WriteableIngestDocument (metadata as strings, `_source`, `_ingest` with the timestamp and, inside a
// pipeline, its id), SimulateDocumentBaseResult (`null` for a dropped document), SimulateProcessorResult
// (processor_type, status, description, tag, if, ignored_error, doc) and CompoundProcessor's on_failure
// metadata; YAML tests ingest/90_simulate.yml.
import { describe, expect, it } from 'vitest'
import { startIngest, TIMESTAMP } from './ingest-fixture.ts'

const meta = '"_index":"_index","_id":"_id","_version":"-3"'

describe('_simulate', () => {
  it('runs an inline pipeline over each document', async () => {
    const { send } = startIngest()
    const response = await send('POST', '/_ingest/pipeline/_simulate', {
      pipeline: { processors: [{ set: { field: 'field2', value: '_value' } }] },
      docs: [
        { _index: 'index', _id: 'id', _source: { foo: 'bar' } },
        { _index: 'index', _id: 5, _routing: 'r1', _version: 3, _source: { foo: 'rab' } },
      ],
    })
    expect(response.status).toBe(200)
    expect(response.body).toBe(
      '{"docs":[' +
        `{"doc":{"_index":"index","_id":"id","_version":"-3","_source":{"foo":"bar","field2":"_value"},"_ingest":{"timestamp":"${TIMESTAMP}"}}},` +
        `{"doc":{"_routing":"r1","_index":"index","_id":"5","_version":"3","_source":{"foo":"rab","field2":"_value"},"_ingest":{"timestamp":"${TIMESTAMP}"}}}` +
        ']}',
    )
  })

  it('runs a stored pipeline by id; an unknown id is illegal_argument_exception', async () => {
    const { send } = startIngest()
    await send('PUT', '/_ingest/pipeline/up', { processors: [{ uppercase: { field: 'm' } }] })
    const ok = await send('GET', '/_ingest/pipeline/up/_simulate', { docs: [{ _source: { m: 'abc' } }] })
    expect(ok.body).toBe(
      `{"docs":[{"doc":{${meta},"_source":{"m":"ABC"},"_ingest":{"timestamp":"${TIMESTAMP}"}}}]}`,
    )
    const missing = await send('POST', '/_ingest/pipeline/nope/_simulate', { docs: [{ _source: {} }] })
    expect(missing).toEqual({
      status: 400,
      body: '{"error":{"root_cause":[{"type":"illegal_argument_exception","reason":"pipeline [nope] does not exist"}],"type":"illegal_argument_exception","reason":"pipeline [nope] does not exist"},"status":400}',
    })
  })

  it('request errors: pipeline and docs required, docs not empty, each doc an object with _source', async () => {
    const { send } = startIngest()
    const reason = async (body: unknown) => {
      const response = await send('POST', '/_ingest/pipeline/_simulate', body)
      return [response.status, (JSON.parse(response.body) as { error: { reason: string } }).error.reason]
    }
    expect(await reason({ docs: [] })).toEqual([400, '[pipeline] required property is missing'])
    expect(await reason({ pipeline: { processors: [] } })).toEqual([
      400,
      '[docs] required property is missing',
    ])
    expect(await reason({ pipeline: { processors: [] }, docs: [] })).toEqual([
      400,
      'must specify at least one document in [docs]',
    ])
    expect(await reason({ pipeline: { processors: [] }, docs: ['x'] })).toEqual([
      400,
      'malformed [docs] section, should include an inner object',
    ])
    expect(await reason({ pipeline: { processors: [] }, docs: [{ _id: '1' }] })).toEqual([
      400,
      '[_source] required property is missing',
    ])
  })

  it('a failing document shows its error, a dropped one is null, the others go on', async () => {
    const { send } = startIngest()
    const response = await send('POST', '/_ingest/pipeline/_simulate', {
      pipeline: {
        processors: [{ drop: { if: "ctx.kind == 'noise'" } }, { rename: { field: 'a', target_field: 'b' } }],
      },
      docs: [{ _source: { a: 1 } }, { _source: { kind: 'noise' } }, { _source: { c: 1 } }],
    })
    expect(response.body).toBe(
      '{"docs":[' +
        `{"doc":{${meta},"_source":{"b":1},"_ingest":{"timestamp":"${TIMESTAMP}"}}},` +
        'null,' +
        '{"error":{"root_cause":[{"type":"illegal_argument_exception","reason":"field [a] doesn\'t exist"}],"type":"illegal_argument_exception","reason":"field [a] doesn\'t exist"}}' +
        ']}',
    )
  })

  it('verbose: a result per processor with status, tag, description, if and the document after it', async () => {
    const { send } = startIngest()
    const response = await send('POST', '/_ingest/pipeline/_simulate?verbose=true', {
      pipeline: {
        processors: [
          { set: { field: 'a', value: 1, tag: 't1', description: 'sets a' } },
          { uppercase: { field: 'missing', ignore_failure: true } },
          { lowercase: { field: 'a', if: 'ctx.a != 1' } },
          { drop: {} },
        ],
      },
      docs: [{ _source: {} }],
    })
    const doc = `{${meta},"_source":{"a":1},"_ingest":{"pipeline":"_simulate_pipeline","timestamp":"${TIMESTAMP}"}}`
    const missing =
      '{"type":"illegal_argument_exception","reason":"field [missing] not present as part of path [missing]"}'
    expect(response.body).toBe(
      '{"docs":[{"processor_results":[' +
        `{"processor_type":"set","status":"success","description":"sets a","tag":"t1","doc":${doc}},` +
        `{"processor_type":"uppercase","status":"error_ignored","ignored_error":{"error":{"root_cause":[${missing}],${missing.slice(1, -1)}}},"doc":${doc}},` +
        '{"processor_type":"lowercase","status":"skipped","if":{"condition":"ctx.a != 1","result":false}},' +
        '{"processor_type":"drop","status":"dropped"}' +
        ']}]}',
    )
  })

  it('verbose: a log line through dissect then kv; a line dissect cannot match goes to on_failure', async () => {
    const { send } = startIngest()
    const response = await send('POST', '/_ingest/pipeline/_simulate?verbose', {
      pipeline: {
        processors: [
          { dissect: { field: 'line', pattern: '[%{level}] %{+ts} %{+ts} %{kvs}', append_separator: 'T' } },
          { kv: { field: 'kvs', field_split: ' ', value_split: '=', prefix: 'ctx_' } },
        ],
        on_failure: [{ set: { field: 'why', value: '{{_ingest.on_failure_message}}' } }],
      },
      docs: [
        { _source: { line: '[WARN] 2026-01-01 10:30:15 user=ana ip=10.0.0.1' } },
        { _source: { line: 'garbage' } },
      ],
    })
    // Sources and ingest metadata are Java HashMaps: keys print in bucket order. Each result shows a copy
    // made by Maps.newMapWithExpectedSize: 4 keys get a table of 8 (the document's own has 16), 6 keys 16,
    // 2 keys 4.
    const parsed =
      '"_source":{"kvs":"user=ana ip=10.0.0.1","level":"WARN","line":"[WARN] 2026-01-01 10:30:15 user=ana ip=10.0.0.1","ts":"2026-01-01T10:30:15"}'
    const withKv =
      '"_source":{"level":"WARN","ctx_ip":"10.0.0.1","line":"[WARN] 2026-01-01 10:30:15 user=ana ip=10.0.0.1","kvs":"user=ana ip=10.0.0.1","ctx_user":"ana","ts":"2026-01-01T10:30:15"}'
    const ingest = `"_ingest":{"pipeline":"_simulate_pipeline","timestamp":"${TIMESTAMP}"}`
    const why =
      'Unable to find match for dissect pattern: [%{level}] %{+ts} %{+ts} %{kvs} against source: garbage'
    expect(response.body).toBe(
      '{"docs":[{"processor_results":[' +
        `{"processor_type":"dissect","status":"success","doc":{${meta},${parsed},${ingest}}},` +
        `{"processor_type":"kv","status":"success","doc":{${meta},${withKv},${ingest}}}` +
        ']},{"processor_results":[' +
        `{"processor_type":"dissect","status":"error","error":{"root_cause":[{"type":"find_match","reason":"${why}"}],"type":"find_match","reason":"${why}"}},` +
        `{"processor_type":"set","status":"success","doc":{${meta},"_source":{"why":"${why}","line":"garbage"},"_ingest":{"pipeline":"_simulate_pipeline","on_failure_message":"${why}","on_failure_processor_tag":null,"timestamp":"${TIMESTAMP}","on_failure_processor_type":"dissect"}}}` +
        ']}]}',
    )
  })

  it("verbose results show IngestDocument's copies, whose smaller tables can order keys differently", async () => {
    const { send } = startIngest()
    const pipeline = {
      processors: ['request', 'response', 'version'].map((key) => ({
        set: { field: `http.${key}`, value: key[0] },
      })),
    }
    const docs = [{ _source: {} }]
    const verbose = await send('POST', '/_ingest/pipeline/_simulate?verbose', { pipeline, docs })
    const results = (
      JSON.parse(verbose.body) as { docs: [{ processor_results: { doc: { _source: object } }[] }] }
    ).docs[0].processor_results
    // `http` holds 3 keys: its copy (Maps.newMapWithExpectedSize(3)) has a table of 8, where "version"
    // comes before "response"; the document's own map (16) iterates request, response, version.
    expect(JSON.stringify(results[2]!.doc._source)).toBe(
      '{"http":{"request":"r","version":"v","response":"r"}}',
    )
    const plain = await send('POST', '/_ingest/pipeline/_simulate', { pipeline, docs })
    expect(plain.body).toContain('"_source":{"http":{"request":"r","response":"r","version":"v"}}')
  })

  it('copy_from stores a copy sized for its keys: it prints in its own table order', async () => {
    const { send } = startIngest()
    const response = await send('POST', '/_ingest/pipeline/_simulate', {
      pipeline: { processors: [{ set: { field: 'copy', copy_from: 'http' } }] },
      docs: [{ _source: { http: { request: 'r', response: 'r', version: 'v' } } }],
    })
    expect(response.body).toContain(
      '"_source":{"http":{"request":"r","response":"r","version":"v"},"copy":{"request":"r","version":"v","response":"r"}}',
    )
  })

  it('verbose: on_failure processors see the failure metadata; a called pipeline shows as a pipeline result', async () => {
    const { send } = startIngest()
    await send('PUT', '/_ingest/pipeline/inner', {
      processors: [{ fail: { message: 'no {{x}}', tag: 'f' } }],
    })
    const response = await send('POST', '/_ingest/pipeline/_simulate?verbose', {
      pipeline: {
        processors: [{ pipeline: { name: 'inner' } }],
        on_failure: [{ set: { field: 'why', value: '{{_ingest.on_failure_message}}' } }],
      },
      docs: [{ _source: { x: 'way' } }],
    })
    const fail = '{"type":"fail_processor_exception","reason":"no way"}'
    // The ingest metadata is a Java HashMap: its keys print in bucket order.
    const ingest =
      '{"pipeline":"_simulate_pipeline","on_failure_pipeline":"inner","on_failure_message":"no way","on_failure_processor_tag":"f","timestamp":"' +
      TIMESTAMP +
      '","on_failure_processor_type":"fail"}'
    expect(response.body).toBe(
      '{"docs":[{"processor_results":[' +
        '{"processor_type":"pipeline","status":"success"},' +
        `{"processor_type":"fail","status":"error","tag":"f","error":{"root_cause":[${fail}],${fail.slice(1, -1)}}},` +
        `{"processor_type":"set","status":"success","doc":{${meta},"_source":{"x":"way","why":"no way"},"_ingest":${ingest}}}` +
        ']}]}',
    )
  })

  it('verbose: a condition that holds is shown with result true', async () => {
    const { send } = startIngest()
    const response = await send('POST', '/_ingest/pipeline/_simulate?verbose', {
      pipeline: { processors: [{ remove: { field: 'a', if: 'ctx.a == 1' } }] },
      docs: [{ _source: { a: 1 } }],
    })
    expect(response.body).toBe(
      '{"docs":[{"processor_results":[{"processor_type":"remove","status":"success","if":{"condition":"ctx.a == 1","result":true},' +
        `"doc":{${meta},"_source":{},"_ingest":{"pipeline":"_simulate_pipeline","timestamp":"${TIMESTAMP}"}}}]}]}`,
    )
  })

  it('a pipeline that calls itself: Cycle detected for pipeline', async () => {
    const { send } = startIngest()
    await send('PUT', '/_ingest/pipeline/loop', { processors: [{ pipeline: { name: 'loop' } }] })
    const response = await send('POST', '/_ingest/pipeline/loop/_simulate', { docs: [{ _source: {} }] })
    expect(response.body).toBe(
      '{"docs":[{"error":{"root_cause":[{"type":"graph_structure_exception","reason":"Cycle detected for pipeline: loop"}],"type":"graph_structure_exception","reason":"Cycle detected for pipeline: loop"}}]}',
    )
  })
})

describe('_simulate verbose with pipelines calling each other', () => {
  it('a cycle through two pipelines is found by the dry run of the first pipeline processor', async () => {
    // TrackingResultProcessor runs the called pipeline on a copy first; a GraphStructureException there
    // becomes that processor's error result and nothing of the call is traced.
    const { send } = startIngest()
    await send('PUT', '/_ingest/pipeline/outer', { processors: [{ pipeline: { name: 'inner' } }] })
    await send('PUT', '/_ingest/pipeline/inner', { processors: [{ pipeline: { name: 'outer' } }] })
    const response = await send('POST', '/_ingest/pipeline/outer/_simulate?verbose', {
      docs: [{ _source: {} }],
    })
    const cycle = '{"type":"graph_structure_exception","reason":"Cycle detected for pipeline: outer"}'
    expect(response.body).toBe(
      '{"docs":[{"processor_results":[' +
        `{"processor_type":"pipeline","status":"error","error":{"root_cause":[${cycle}],${cycle.slice(1, -1)}}}` +
        ']}]}',
    )
  })
})
