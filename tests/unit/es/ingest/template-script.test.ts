// Mustache templates as ingest processors compile them (ConfigurationUtils.compileTemplate: JSON media type
// by default, `{{{x}}}` unescaped, dotted names through maps and lists, `_ingest` and `_source`, missing is
// empty, ZonedDateTime.toString for `_ingest.timestamp`) and the script processor's Painless subset.
import { describe, expect, it } from 'vitest'
import { IngestDocument } from '../../../../workers/es/ingest/ingest-document.ts'
import { Template, zonedDateTimeToString } from '../../../../workers/es/ingest/template.ts'
import { parseJson, type XContentObject } from '../../../../workers/es/xcontent/index.ts'
import { startIngest, NOW } from './ingest-fixture.ts'
import { NO_INDEX_PIPELINES, pipelinesOf } from './ingest-fixture.ts'

function doc(source: string): IngestDocument {
  return new IngestDocument(
    parseJson(source) as XContentObject,
    new Map([['_index', 'idx']]),
    new Map([['timestamp', '2026-01-01T00:00:00.000Z']]),
  )
}

function rootCauses(body: string): unknown[] {
  return (JSON.parse(body) as { error: { root_cause: unknown[] } }).error.root_cause
}

describe('Template', () => {
  it('renders values with Object.toString, JSON-escaped unless triple-braced', () => {
    const d = doc('{"s":"a\\"b\\\\c","n":1.50,"i":7,"l":["x",2],"m":{"k":"v"},"nil":null}')
    const render = (text: string) => Template.compile(text).render(d)
    expect(render('{{s}}|{{{s}}}|{{& s}}')).toBe('a\\"b\\\\c|a"b\\c|a"b\\c')
    expect(render('{{n}} {{i}} {{l}} {{m}} [{{nil}}] [{{missing}}] {{l.0}} {{m.k}}')).toBe(
      '1.5 7 {0=x, 1=2} {k=v} [] [] x v',
    )
    expect(render('{{_index}}/{{_source.i}}/{{_ingest.timestamp}}{{! a comment }}')).toBe(
      'idx/7/2026-01-01T00:00Z',
    )
    expect(Template.compile('{{s}}', 'text/plain').render(d)).toBe('a"b\\c')
    expect(Template.compile('{{q}}', 'application/x-www-form-urlencoded').render(doc('{"q":"a b&c"}'))).toBe(
      'a+b%26c',
    )
  })

  it('ZonedDateTime.toString leaves out zero seconds and a zero fraction', () => {
    expect(zonedDateTimeToString('2026-01-01T10:30:00.000Z')).toBe('2026-01-01T10:30Z')
    expect(zonedDateTimeToString('2026-01-01T10:30:15.000Z')).toBe('2026-01-01T10:30:15Z')
    expect(zonedDateTimeToString('2026-01-01T10:30:00.250Z')).toBe('2026-01-01T10:30:00.250Z')
  })

  it('sections, inverted sections and toJson render as in search templates', () => {
    const d = doc('{"l":["x",2],"m":{"k":"v"},"empty":[],"zero":0}')
    const render = (text: string) => Template.compile(text).render(d)
    expect(render('{{#l}}<{{.}}>{{/l}}|{{^empty}}none{{/empty}}|{{#zero}}zero is true{{/zero}}')).toBe(
      '<x><2>|none|zero is true',
    )
    expect(render('{{#toJson}}l{{/toJson}} {{#toJson}}m{{/toJson}} {{#join}}l{{/join}} {{l.size}}')).toBe(
      '["x",2] {"k":"v"} x,2 2',
    )
    expect(render('{{#_source}}{{zero}}{{/_source}}/{{_ingest.timestamp}}')).toBe('0/2026-01-01T00:00Z')
  })

  it("a template that does not compile is the engine's script_exception naming the processor", async () => {
    const { send } = startIngest()
    const inField = await send('PUT', '/_ingest/pipeline/p', {
      processors: [{ set: { field: '{{#l}}a', value: 1 } }],
    })
    expect(inField.status).toBe(400)
    expect(rootCauses(inField.body)).toEqual([
      {
        type: 'script_exception',
        reason: "Failed to close 'l' tag @[query-template:1]",
        script_stack: [],
        script: '{{#l}}a',
        lang: 'mustache',
        property_name: 'field',
        processor_type: 'set',
      },
    ])
    const inValue = await send('PUT', '/_ingest/pipeline/p', {
      processors: [{ set: { field: 'a', value: '{{^l}}x' } }],
    })
    expect(inValue.status).toBe(400)
    expect(rootCauses(inValue.body)[0]).toMatchObject({
      type: 'script_exception',
      processor_type: 'set',
    })
  })
})

describe('script processor', () => {
  it('assigns, adds, removes and uses params; metadata fields go back to the metadata', async () => {
    const { send, service } = startIngest()
    const put = await send('PUT', '/_ingest/pipeline/p', {
      processors: [
        {
          script: {
            source: "ctx.count += 1; ctx.tags.add(params.tag); ctx.remove('tmp'); ctx._index = 'moved'",
            params: { tag: 'new' },
          },
        },
        { script: "ctx.label = 'short form'" },
      ],
    })
    expect(put.status).toBe(200)
    const source = parseJson('{"count":41,"tags":["old"],"tmp":1}') as XContentObject
    const result = service.execute(
      pipelinesOf(['p']),
      { index: 'i', id: '1', routing: null, version: null, source },
      NOW,
      NO_INDEX_PIPELINES,
    )
    expect(result).toMatchObject({ kind: 'indexed', index: 'moved' })
    if (result.kind !== 'indexed') throw new Error(result.kind)
    expect(JSON.parse(result.text)).toEqual({ count: 42, tags: ['old', 'new'], label: 'short form' })
  })

  it('a script that does not compile is refused at PUT, naming the script processor', async () => {
    const { send } = startIngest()
    const response = await send('PUT', '/_ingest/pipeline/p', {
      processors: [{ script: { source: 'for (def x : ctx.list) { ctx.n += x' } }],
    })
    expect(response.status).toBe(400)
    expect(response.body).toContain('"type":"script_exception","reason":"compile error"')
    expect(response.body).toContain('"processor_type":"script"')
    expect(response.body).toContain('"reason":"unexpected end of script."')
  })

  it('runs loops, locals and String methods over ctx', async () => {
    const { send, service } = startIngest()
    await send('PUT', '/_ingest/pipeline/p', {
      processors: [
        {
          script: {
            source:
              'int total = 0; for (def x : ctx.list) { total += x } ctx.total = total; ctx.name = ctx.name.trim().toLowerCase(); if (ctx.name.startsWith(params.p)) { ctx.tagged = true }',
            params: { p: 'ab' },
          },
        },
      ],
    })
    const source = parseJson('{"list":[1,2,3.5],"name":" ABC "}') as XContentObject
    const result = service.execute(
      pipelinesOf(['p']),
      { index: 'i', id: '1', routing: null, version: null, source },
      NOW,
      NO_INDEX_PIPELINES,
    )
    if (result.kind !== 'indexed') throw new Error(result.kind)
    expect(JSON.parse(result.text)).toEqual({ list: [1, 2, 3.5], name: 'abc', total: 6, tagged: true })
  })
})
