// Deprecation warnings as Kibana's Dev Tools console shows them (one `#! <text>` line per Warning header,
// above the pretty-printed body) and curl shows them (not at all without -i), and their merging
// (HeaderWarning: a text once per response, a deprecated route's warning first).
import { describe, expect, it } from 'vitest'
import { formatOutcome, toJsonLine } from '../../../../workers/tools/scenario/transcript.ts'
import { withWarnings } from '../../../../workers/es/rest/responses.ts'
import { RestController } from '../../../../workers/es/rest/rest-controller.ts'

const DEPRECATION = 'Legacy index templates are deprecated in favor of composable templates.'

describe('rendering', () => {
  it('Dev Tools: the status, then a #! line per warning, then the body', () => {
    const text = formatOutcome({
      kind: 'es',
      via: 'devtools',
      status: 200,
      contentType: 'application/json',
      body: '{"acknowledged":true}',
      warnings: [DEPRECATION, 'second'],
    })
    expect(text).toBe(`200 OK\n#! ${DEPRECATION}\n#! second\n{\n  "acknowledged" : true\n}\n`)
  })

  it('curl without -i prints the body alone', () => {
    const text = formatOutcome({
      kind: 'es',
      via: 'curl',
      status: 200,
      contentType: 'application/json',
      body: '{"acknowledged":true}',
      warnings: [DEPRECATION],
    })
    expect(text).toBe('{"acknowledged":true}\n')
  })

  it('the JSON form carries the warnings only when there are some', () => {
    const step = (warnings?: string[]) =>
      toJsonLine({
        command: { kind: 'es', via: 'devtools', command: 'PUT _template/t', range: { line: 3 } },
        outcome: {
          kind: 'es',
          via: 'devtools',
          status: 200,
          contentType: 'application/json',
          body: '{}',
          ...(warnings ? { warnings } : {}),
        },
      } as unknown as Parameters<typeof toJsonLine>[0])
    expect(step([DEPRECATION])).toEqual({
      line: 3,
      kind: 'es',
      command: 'PUT _template/t',
      status: 200,
      warnings: [DEPRECATION],
      body: {},
    })
    expect(step()).toEqual({ line: 3, kind: 'es', command: 'PUT _template/t', status: 200, body: {} })
  })
})

describe('merging', () => {
  it('withWarnings keeps each text once, in the order raised', () => {
    const response = { status: 200, contentType: 'application/json' as const, body: '{}' }
    expect(withWarnings(response, [])).toBe(response)
    expect(withWarnings(withWarnings(response, ['a', 'b']), ['b', 'c']).warnings).toEqual(['a', 'b', 'c'])
  })

  it("a deprecated route's warning comes first, on errors too, and HEAD keeps it", async () => {
    const controller = new RestController()
      .register(
        'PUT',
        '/old/{x}',
        () => withWarnings({ status: 400, contentType: 'application/json', body: '{}' }, ['own']),
        'indices.put_template',
        'route',
      )
      .register(
        'GET',
        '/old/{x}',
        () => ({ status: 200, contentType: 'application/json', body: '{}' }),
        'indices.get_template',
        'route',
      )
    const put = await controller.dispatch({ method: 'PUT', path: '/old/1', params: [], body: null })
    expect(put.warnings).toEqual(['route', 'own'])
    const head = await controller.dispatch({ method: 'HEAD', path: '/old/1', params: [], body: null })
    expect(head).toEqual({ status: 200, contentType: 'application/json', body: '', warnings: ['route'] })
  })
})
