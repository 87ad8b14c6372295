// toJson against Jackson's UTF8JsonGenerator output rules, and the Java number formats against values
// printed by Java 19+ (Double.toString / Float.toString, JDK-4511638) and ES responses (`_score`).
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  JavaDouble,
  JavaFloat,
  RawJson,
  quoteJson,
  toJson,
} from '../../../../workers/es/xcontent/json-writer.ts'
import { javaDoubleToString, javaFloatToString } from '../../../../workers/es/xcontent/java-number-format.ts'
import { parseJson } from '../../../../workers/es/xcontent/json-parser.ts'
import { XNumber } from '../../../../workers/es/xcontent/x-content-value.ts'

describe('toJson', () => {
  it('writes compactly in insertion order, skipping undefined properties', () => {
    const body = {
      _index: 'my-index',
      _id: '1',
      found: true,
      missing: undefined,
      _seq_no: 0,
      list: [null, 'x'],
    }
    expect(toJson(body)).toBe('{"_index":"my-index","_id":"1","found":true,"_seq_no":0,"list":[null,"x"]}')
    expect(
      toJson(
        new Map([
          ['2', 1],
          ['1', 2],
        ]),
      ),
    ).toBe('{"2":1,"1":2}')
    expect(toJson({})).toBe('{}')
    expect(toJson([])).toBe('[]')
  })

  it('splices RawJson verbatim and keeps XNumber lexemes', () => {
    const source = '{ "title" : "x", "n": 1.50 }'
    expect(toJson({ _source: new RawJson(source), n: new XNumber('1e3') })).toBe(
      `{"_source":${source},"n":1e3}`,
    )
  })

  it('writes Java floats and doubles (a _score is a float)', () => {
    expect(toJson({ max_score: new JavaFloat(0.2876821), d: new JavaDouble(1), n: 2.5, big: 1e21 })).toBe(
      '{"max_score":0.2876821,"d":1.0,"n":2.5,"big":1000000000000000000000}',
    )
    expect(toJson([new JavaDouble(NaN), new JavaFloat(-Infinity), 0.1 + 0.2])).toBe(
      '["NaN","-Infinity",0.30000000000000004]',
    )
  })

  it('escapes like Jackson: short escapes, upper-case \\u00XX, / and DEL and non-ASCII unescaped', () => {
    expect(quoteJson('a"b\\c/d\b\f\n\r\t\u0001\u001f\u007fé')).toBe(
      '"a\\"b\\\\c/d\\b\\f\\n\\r\\t\\u0001\\u001F\u007fé"',
    )
    expect(quoteJson('plain')).toBe('"plain"')
  })

  it('round-trips through JSON.parse and parseJson', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = toJson(value)
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)))
        expect(() => parseJson(text)).not.toThrow()
      }),
      { numRuns: 300 },
    )
  })
})

describe('Java number formats', () => {
  it('Double.toString', () => {
    const cases: Array<[number, string]> = [
      [1, '1.0'],
      [0.1, '0.1'],
      [100, '100.0'],
      [9999999, '9999999.0'],
      [1e7, '1.0E7'],
      [12345678.9, '1.23456789E7'],
      [0.001, '0.001'],
      [0.0001, '1.0E-4'],
      [5e-324, '4.9E-324'],
      [Number.MAX_VALUE, '1.7976931348623157E308'],
      [-0, '-0.0'],
      [-1.5, '-1.5'],
      [2e-3, '0.002'],
      [1e21, '1.0E21'],
      [NaN, 'NaN'],
      [-Infinity, '-Infinity'],
    ]
    for (const [value, text] of cases) expect(javaDoubleToString(value)).toBe(text)
  })

  it('Float.toString', () => {
    const cases: Array<[number, string]> = [
      [0.2876821, '0.2876821'],
      [1, '1.0'],
      [0.1, '0.1'],
      [1.4e-45, '1.4E-45'],
      [3.4028235e38, '3.4028235E38'],
      [16777216, '1.6777216E7'],
      [1.3862944, '1.3862944'],
      [0.13076457, '0.13076457'],
    ]
    for (const [value, text] of cases) expect(javaFloatToString(value)).toBe(text)
  })

  it('round-trips, with digits no longer than the shortest JavaScript form (one digit may become two)', () => {
    const digits = (s: string): number =>
      s
        .replace(/E.*$/, '')
        .replace(/^-?0\.0*/, '')
        .replace(/[.-]/g, '')
        .replace(/0+$/, '').length
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const text = javaDoubleToString(x)
        expect(Number(text)).toBe(x)
        const js = digits(Math.abs(x).toExponential())
        expect(digits(text)).toBeLessThanOrEqual(Math.max(js, 2))
      }),
      { numRuns: 2000 },
    )
    fc.assert(
      fc.property(fc.float({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(Math.fround(Number(javaFloatToString(x)))).toBe(x)
        expect(digits(javaFloatToString(x))).toBeLessThanOrEqual(9)
      }),
      { numRuns: 2000 },
    )
  })
})
