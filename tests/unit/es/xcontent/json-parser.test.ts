// parseJson against Jackson 2.17's UTF8StreamJsonParser messages and locations (as Elasticsearch 8.17 configures
// it: comments allowed, strict duplicate detection) and against JSON.parse as an oracle for acceptance and values.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { ExtraDataError, parseJson } from '../../../../workers/es/xcontent/json-parser.ts'
import { JsonParseError, byteArraySource } from '../../../../workers/es/xcontent/json-parse-error.ts'
import { XNumber, type XContentValue } from '../../../../workers/es/xcontent/x-content-value.ts'

const SRC = '(org.elasticsearch.common.io.stream.ByteBufferStreamInput)'

function failure(text: string): JsonParseError {
  try {
    parseJson(text)
  } catch (e) {
    if (e instanceof JsonParseError) return e
    throw e
  }
  throw new Error(`parsed: ${text}`)
}

/** XContentValue to what JSON.parse returns (own "__proto__" keys included). */
function toPlain(value: XContentValue): unknown {
  if (value instanceof XNumber) return value.value
  if (Array.isArray(value)) return value.map(toPlain)
  if (value instanceof Map) {
    const out: Record<string, unknown> = {}
    for (const [k, v] of value)
      Object.defineProperty(out, k, { value: toPlain(v), enumerable: true, writable: true })
    return out
  }
  return value
}

describe('parseJson values', () => {
  it('keeps key order, any key, and number lexemes', () => {
    const v = parseJson('{"b":1.50,"a":-0,"__proto__":{"x":[1e3,true,false,null,"s"]}}') as Map<
      string,
      XContentValue
    >
    expect([...v.keys()]).toEqual(['b', 'a', '__proto__'])
    expect((v.get('b') as XNumber).text).toBe('1.50')
    expect((v.get('b') as XNumber).isInteger).toBe(false)
    expect((v.get('a') as XNumber).text).toBe('-0')
    expect((v.get('a') as XNumber).isInteger).toBe(true)
    expect(toPlain(v.get('__proto__') as XContentValue)).toEqual({ x: [1000, true, false, null, 's'] })
  })

  it('decodes escapes, including surrogate pairs and lone surrogates', () => {
    expect(parseJson('"a\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\\udc00"')).toBe(
      'a"\\/\b\f\n\r\té😀\udc00',
    )
  })

  it('reads strings before, between and after escapes and raw control characters far along the text', () => {
    // the tokenizer finds a plain string's end by searching for the quote, the next backslash and the next control
    // character; those searches must see each string where it starts, not where an earlier one did
    const body = '{\n\t"a": "x",\r\n "b": "' + 'y'.repeat(300) + '\\n", "c": "z", "d": "w\\"", "e": "v"\n}'
    expect(toPlain(parseJson(body))).toEqual({ a: 'x', b: 'y'.repeat(300) + '\n', c: 'z', d: 'w"', e: 'v' })
    const tab = failure('{\n  "a": "x",\n  "b": "y",\n  "c": "q\tz"\n}')
    expect([tab.reason, tab.line, tab.column]).toEqual([
      'Illegal unquoted character ((CTRL-CHAR, code 9)): has to be escaped using backslash to be included in string value',
      4,
      10,
    ])
    expect(failure('{"a":"x","b":"unclosed\\').reason).toBe(
      'Unexpected end-of-input in character escape sequence',
    )
  })

  it('accepts /* */ and // comments (ALLOW_COMMENTS) and a BOM', () => {
    expect(toPlain(parseJson('\ufeff/* c */{ // x\n"a" /*y*/ : /*z*/ 1 }// end'))).toEqual({ a: 1 })
  })

  it('root scalars, and trailing content as DocumentParser.validateEnd sees it', () => {
    expect(parseJson(' 12 ')).toEqual(new XNumber('12'))
    expect(() => parseJson('{} {}')).toThrow(new ExtraDataError('START_OBJECT'))
    expect(() => parseJson('{} 1')).toThrow('Malformed content, found extra data after parsing: VALUE_NUMBER')
    expect(() => parseJson('{} true')).toThrow(
      'Malformed content, found extra data after parsing: VALUE_BOOLEAN',
    )
    expect(toPlain(parseJson('{} {', { trailing: 'ignore' }))).toEqual({})
  })

  it('an empty body has no content', () => {
    expect(failure('  ').reason).toBe('No content to map due to end-of-input')
    expect(failure('').exception).toBe('MismatchedInputException')
  })

  it('is the JSON.parse oracle on generated JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, pretty) => {
        const text = JSON.stringify(value, null, pretty ? 2 : undefined)
        expect(toPlain(parseJson(text))).toEqual(JSON.parse(text))
      }),
      { numRuns: 300 },
    )
  })

  it('accepts exactly what JSON.parse accepts, except duplicate keys', () => {
    const alphabet = fc.constantFrom(...'{}[]":,0123-.eE tfrunlsa\\x\n'.split(''))
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 14 }).map((a) => a.join('')),
        (text) => {
          let oracle = true
          try {
            JSON.parse(text)
          } catch {
            oracle = false
          }
          try {
            parseJson(text)
            expect(oracle).toBe(true)
          } catch (e) {
            const reason = (e as JsonParseError).reason
            if (reason?.startsWith('Duplicate field')) expect(oracle).toBe(true)
            else if (reason !== 'No content to map due to end-of-input') expect(oracle).toBe(false)
          }
        },
      ),
      { numRuns: 3000 },
    )
  })
})

describe('parseJson errors: Jackson texts and locations', () => {
  // Messages: jackson-core 2.17 ParserMinimalBase/ParserBase/UTF8StreamJsonParser; location column of
  // "unexpected character" errors is the character itself (2.17 _currentLocationMinusOne), others the
  // current position. Cf. go-elasticsearch#730 and the ES issues quoting these texts.
  const table: Array<[string, string, number, number]> = [
    [
      '{"a":1,}',
      `Unexpected character ('}' (code 125)): was expecting double-quote to start field name`,
      1,
      8,
    ],
    [
      '{ query: {} }',
      `Unexpected character ('q' (code 113)): was expecting double-quote to start field name`,
      1,
      3,
    ],
    ["{'a':1}", `Unexpected character (''' (code 39)): was expecting double-quote to start field name`, 1, 2],
    [
      '{"a" 1}',
      "Unexpected character ('1' (code 49)): was expecting a colon to separate field name and value",
      1,
      6,
    ],
    [
      '{"a":1 "b":2}',
      "Unexpected character ('\"' (code 34)): was expecting comma to separate Object entries",
      1,
      8,
    ],
    ['[1 2]', "Unexpected character ('2' (code 50)): was expecting comma to separate Array entries", 1, 4],
    [
      '{"a":foo}',
      "Unrecognized token 'foo': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
      1,
      10,
    ],
    [
      '[truex]',
      "Unrecognized token 'truex': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
      1,
      8,
    ],
    ['{"a":}', "Unexpected character ('}' (code 125)): expected a value", 1, 6],
    ['[1,]', "Unexpected character (']' (code 93)): expected a value", 1, 4],
    [
      '{"a":@}',
      "Unexpected character ('@' (code 64)): expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
      1,
      6,
    ],
    [
      '{"a":1]',
      `Unexpected close marker ']': expected '}' (for Object starting at [Source: ${SRC}; line: 1, column: 1])`,
      1,
      7,
    ],
    [
      ']',
      `Unexpected close marker ']': expected '}' (for root starting at [Source: ${SRC}; line: 1, column: 0])`,
      1,
      1,
    ],
    ['[01]', 'Invalid numeric value: Leading zeroes not allowed', 1, 3],
    [
      '[1.]',
      "Unexpected character (']' (code 93)) in numeric value: Decimal point not followed by a digit",
      1,
      4,
    ],
    [
      '[1e+]',
      "Unexpected character (']' (code 93)) in numeric value: Exponent indicator not followed by a digit",
      1,
      5,
    ],
    [
      '[-x]',
      "Unexpected character ('x' (code 120)) in numeric value: expected digit (0-9) to follow minus sign, for valid numeric value",
      1,
      3,
    ],
    ['[NaN]', "Non-standard token 'NaN': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow", 1, 5],
    ['5}', "Unexpected character ('}' (code 125)): Expected space separating root-level values", 1, 2],
    ['{"a":"\\x"}', "Unrecognized character escape 'x' (code 120)", 1, 8],
    [
      '{"a":"\\u12G4"}',
      "Unexpected character ('G' (code 71)): expected a hex-digit for character escape sequence",
      1,
      11,
    ],
    [
      '{\n  "q": "a\nb"\n}',
      'Illegal unquoted character ((CTRL-CHAR, code 10)): has to be escaped using backslash to be included in string value',
      2,
      10,
    ],
    [
      '{"a\tb":1}',
      'Illegal unquoted character ((CTRL-CHAR, code 9)): has to be escaped using backslash to be included in name',
      1,
      4,
    ],
    [
      '{\u0001}',
      'Illegal character ((CTRL-CHAR, code 1)): only regular white space (\\r, \\n, \\t) is allowed between tokens',
      1,
      2,
    ],
    ['{/x}', "Unexpected character ('x' (code 120)): was expecting either '*' or '/' for a comment", 1, 3],
    [
      '# c\n{}',
      "Unexpected character ('#' (code 35)): expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
      1,
      1,
    ],
    ['{"a":1,"a":2}', "Duplicate field 'a'", 1, 11],
    ['{"a":1,', 'Unexpected end-of-input within/between Object entries', 1, 8],
  ]
  it.each(table)('%j', (text, reason, line, column) => {
    const e = failure(text)
    expect({ reason: e.reason, line: e.line, column: e.column }).toEqual({ reason, line, column })
    expect(e.message).toBe(`${reason}\n at [Source: ${SRC}; line: ${line}, column: ${column}]`)
  })

  it('end-of-input errors are JsonEOFExceptions', () => {
    const open = failure('{"a":1')
    expect(open.exception).toBe('JsonEOFException')
    expect(open.reason).toBe(
      `Unexpected end-of-input: expected close marker for Object (start marker at [Source: ${SRC}; line: 1, column: 1])`,
    )
    expect([open.line, open.column]).toEqual([1, 7])
    expect(failure('[\n  [').reason).toBe(
      `Unexpected end-of-input: expected close marker for Array (start marker at [Source: ${SRC}; line: 2, column: 3])`,
    )
    expect(failure('{"a":"abc').reason).toBe('Unexpected end-of-input in VALUE_STRING')
    expect(failure('{"ab').reason).toBe('Unexpected end-of-input in field name')
    expect(failure('{"a":').reason).toBe('Unexpected end-of-input within/between Object entries')
    expect(failure('{"a":1 /* x').reason).toBe('Unexpected end-of-input in a comment')
    expect(failure('["\\u12').reason).toBe('Unexpected end-of-input in character escape sequence')
  })

  it('counts lines at \\n, \\r\\n and \\r, and columns in UTF-8 bytes', () => {
    const e = failure('{\r\n"é€😀":\r x}')
    expect([e.line, e.column]).toEqual([3, 4])
    const f = failure('{"é€😀":x}')
    expect(f.reason).toContain("Unrecognized token 'x'")
    expect([f.line, f.column]).toEqual([1, 16])
    expect(failure('{"a":1 é}').reason).toBe(
      "Unexpected character ('Ã' (code 195)): was expecting comma to separate Object entries",
    )
  })

  it('refuses nesting deeper than 1000 without using the JS stack, and numbers longer than 1000', () => {
    expect(() => parseJson('['.repeat(1000) + ']'.repeat(1000))).not.toThrow()
    const deep = failure('['.repeat(100_000))
    expect(deep.exception).toBe('StreamConstraintsException')
    expect(deep.message).toBe(
      'Document nesting depth (1001) exceeds the maximum allowed (1000, from `StreamReadConstraints.getMaxNestingDepth()`)',
    )
    expect(failure('[' + '9'.repeat(1001) + ']').reason).toBe(
      'Number value length (1001) exceeds the maximum allowed (1000, from `StreamReadConstraints.getMaxNumberLength()`)',
    )
    expect(() => parseJson('[-' + '9'.repeat(1000) + ']')).not.toThrow()
  })

  it('names a byte[] source with its content, cut at 500 bytes', () => {
    expect(byteArraySource('{"a":}')).toBe('(byte[])"{"a":}"')
    expect(byteArraySource('x'.repeat(510))).toBe(`(byte[])"${'x'.repeat(500)}"[truncated 10 bytes]`)
    const e = (() => {
      try {
        parseJson('{"a":}', { source: byteArraySource('{"a":}') })
      } catch (err) {
        return err as JsonParseError
      }
      throw new Error('parsed')
    })()
    expect(e.message).toBe(
      `Unexpected character ('}' (code 125)): expected a value\n at [Source: (byte[])"{"a":}"; line: 1, column: 6]`,
    )
  })
})
