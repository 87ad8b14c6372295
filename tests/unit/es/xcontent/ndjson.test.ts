// parseNdjson against BulkRequestParser / MultiSearchRequest splitting and their termination errors
// (`The bulk request must be terminated by a newline [\\n]` as the 8.x responses quote it).
import { describe, expect, it } from 'vitest'
import { NdjsonTerminationError, parseNdjson, splitNdjson } from '../../../../workers/es/xcontent/ndjson.ts'
import { toJson } from '../../../../workers/es/xcontent/json-writer.ts'

describe('parseNdjson', () => {
  it('splits lines, trims a trailing \\r, keeps line numbers and raw text', () => {
    const body = '{"index":{"_index":"a","_id":"1"}}\r\n{"f":1}\n\n{"delete":{"_id":"2"}}\n'
    const lines = parseNdjson(body, 'bulk')
    expect(lines.map((l) => [l.kind, l.line, l.text])).toEqual([
      ['value', 1, '{"index":{"_index":"a","_id":"1"}}'],
      ['value', 2, '{"f":1}'],
      ['blank', 3, ''],
      ['value', 4, '{"delete":{"_id":"2"}}'],
    ])
    const first = lines[0]
    expect(first?.kind === 'value' ? toJson(first.value) : null).toBe('{"index":{"_index":"a","_id":"1"}}')
  })

  it('reports a bad line with a location inside that line and goes on', () => {
    const lines = parseNdjson('{"index":{}}\n{"f": x}\n{"index":{}}\n', 'bulk')
    const bad = lines[1]
    expect(bad?.kind).toBe('error')
    if (bad?.kind === 'error') {
      expect(bad.error.message).toContain("Unrecognized token 'x'")
      expect(bad.error.message).toContain('line: 1, column: 9]')
    }
    expect(lines[2]?.kind).toBe('value')
  })

  it('requires the final newline, with each API its own text', () => {
    expect(() => parseNdjson('{"index":{}}\n{"f":1}', 'bulk')).toThrow(new NdjsonTerminationError('bulk'))
    expect(new NdjsonTerminationError('bulk').message).toBe(
      'The bulk request must be terminated by a newline [\\n]',
    )
    expect(toJson({ reason: new NdjsonTerminationError('bulk').message })).toBe(
      '{"reason":"The bulk request must be terminated by a newline [\\\\n]"}',
    )
    expect(new NdjsonTerminationError('msearch').message).toBe(
      'The msearch request must be terminated by a newline [\n]',
    )
    expect(parseNdjson('', 'msearch')).toEqual([])
  })

  it('treats comment-only lines as lines without a token', () => {
    expect(parseNdjson('/* x */\n', 'msearch').map((l) => l.kind)).toEqual(['blank'])
  })
})

describe('splitNdjson', () => {
  it('answers the lines unparsed, a trailing \\r left out, blank and bad lines kept', () => {
    expect(splitNdjson('{"index":{}}\r\n{"f": x}\n\n\r\n', 'bulk')).toEqual([
      '{"index":{}}',
      '{"f": x}',
      '',
      '',
    ])
    expect(splitNdjson('', 'bulk')).toEqual([])
  })

  it('requires the final newline', () => {
    expect(() => splitNdjson('{"f":1}\n{"f":2}', 'msearch')).toThrow(new NdjsonTerminationError('msearch'))
  })
})
