// The Java-map view of a _source (source-map.ts) and _source filtering (fetch-source.ts). HashMap order
// is derived from String.hashCode and HashMap's table (16 buckets, doubling past 0.75 load); filtering
// is checked against a naive oracle over leaf paths: a leaf survives when some include pattern matches
// its path or an ancestor's (or there are no includes) and no exclude pattern does
// (XContentMapValues.filter with makeMatchDotsInFieldNames).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  filterSource,
  fetchSourceFromParams,
  fetchSourceFromValue,
} from '../../../../workers/es/action/fetch-source.ts'
import { hashMapOrdered, javaEquals, sourceToJson } from '../../../../workers/es/action/source-map.ts'
import {
  parseJson,
  toJson,
  type XContentObject,
  type XContentValue,
} from '../../../../workers/es/xcontent/index.ts'

const parse = (text: string): XContentObject => parseJson(text) as XContentObject

describe('source as a Java map', () => {
  it('re-serializes numbers as Integer/Long/BigInteger and Double print them', () => {
    expect(
      toJson(sourceToJson(parse('{"a":1.50,"b":1e3,"c":-0,"d":12345678901234567890,"e":-0.0,"f":[0.1,2]}'))),
    ).toBe('{"a":1.5,"b":1000.0,"c":0,"d":12345678901234567890,"e":-0.0,"f":[0.1,2]}')
  })

  it('orders an unordered read by HashMap bucket, then insertion; grows the table past 12 entries', () => {
    const keys = (text: string) => [...hashMapOrdered(parse(text)).keys()].join('')
    // a=97→1, q=113→1, b=98→2 with 16 buckets; "hello".hashCode()=99162322 → (h ^ h>>>16) & 15 = 11.
    expect(keys('{"b":1,"q":2,"a":3}')).toBe('qab')
    expect([...hashMapOrdered(parse('{"m":3,"l":2,"hello":1}')).keys()]).toEqual(['hello', 'l', 'm'])
    // 13 entries: 32 buckets, so q (113&31=17) now follows a..p (1..16).
    expect(keys('{"q":0,"a":0,"b":0,"c":0,"d":0,"e":0,"f":0,"g":0,"h":0,"i":0,"j":0,"k":0,"l":0}')).toBe(
      'abcdefghijklq',
    )
  })

  it('equality is Objects.equals on the Java values', () => {
    const eq = (a: string, b: string) => javaEquals(parseJson(a), parseJson(b))
    expect(eq('1', '1')).toBe(true)
    expect(eq('1', '1.0')).toBe(false)
    expect(eq('1.0', '1.00')).toBe(true)
    expect(eq('0.0', '-0.0')).toBe(false)
    expect(eq('{"a":1,"b":[1,"x"]}', '{"b":[1,"x"],"a":1}')).toBe(true)
    expect(eq('[1,2]', '[2,1]')).toBe(false)
    expect(eq('null', '{}')).toBe(false)
  })
})

describe('_source filtering', () => {
  it('reads the REST parameters and body values as FetchSourceContext does', () => {
    expect(fetchSourceFromParams(new Map([['_source', 'false']]))).toEqual({
      fetchSource: false,
      includes: [],
      excludes: [],
    })
    expect(fetchSourceFromParams(new Map([['_source', 'a,b']]))).toEqual({
      fetchSource: true,
      includes: ['a', 'b'],
      excludes: [],
    })
    expect(fetchSourceFromParams(new Map([['_source_excludes', 'x']]))).toEqual({
      fetchSource: true,
      includes: [],
      excludes: ['x'],
    })
    expect(fetchSourceFromParams(new Map())).toBeNull()
    expect(fetchSourceFromValue(parseJson('{"includes":["a"],"exclude":"b"}'))).toEqual({
      fetchSource: true,
      includes: ['a'],
      excludes: ['b'],
    })
  })

  it('keeps an included object whole, minus excluded inner fields; filters objects inside arrays', () => {
    const filter = (source: string, includes: string[], excludes: string[]) =>
      toJson(sourceToJson(filterSource(parse(source), { fetchSource: true, includes, excludes })))
    expect(filter('{"obj":{"a":1,"b":2},"c":3}', ['obj'], ['obj.b'])).toBe('{"obj":{"a":1}}')
    expect(filter('{"obj":{"a":1,"b":2},"c":3}', ['obj'], ['obj.*'])).toBe('{"obj":{}}')
    expect(filter('{"arr":[{"a":1,"b":2},{"b":3},5]}', ['arr.a'], [])).toBe('{"arr":[{"a":1}]}')
    expect(filter('{"arr":[{"a":1},5]}', ['arr'], [])).toBe('{"arr":[{"a":1},5]}')
    expect(filter('{"user.name":"x","user":{"name":"y"}}', ['user.name'], [])).toBe(
      '{"user.name":"x","user":{"name":"y"}}',
    )
  })

  const keyArb = fc.constantFrom('a', 'b', 'c', 'ab')
  const sourceArb: fc.Arbitrary<XContentValue> = fc.letrec((tie) => ({
    node: fc.oneof(
      { depthSize: 'small' },
      fc.integer().map((n) => parseJson(String(n))),
      tie('object'),
    ),
    object: fc
      .uniqueArray(fc.tuple(keyArb, tie('node')), { selector: ([k]) => k, maxLength: 4 })
      .map((entries) => new Map(entries as Array<[string, XContentValue]>)),
  })).object
  const patternArb = fc.array(fc.constantFrom('a', 'b', 'a.b', '*', 'a.*', '*.c', 'a*', 'b.a.c', 'c'), {
    maxLength: 3,
  })

  function leaves(value: XContentValue, prefix = ''): Map<string, string> {
    const out = new Map<string, string>()
    if (!(value instanceof Map)) return out.set(prefix.slice(0, -1), toJson(sourceToJson(value)))
    for (const [key, entry] of value) for (const [p, v] of leaves(entry, prefix + key + '.')) out.set(p, v)
    return out
  }
  const glob = (pattern: string, text: string) =>
    new RegExp(
      `^${pattern
        .split('*')
        .map((s) => s.replace(/[.]/g, '\\.'))
        .join('.*')}$`,
      's',
    ).test(text)
  const prefixes = (path: string) => path.split('.').map((_, i, parts) => parts.slice(0, i + 1).join('.'))
  const matchesAncestorOrSelf = (patterns: string[], path: string) =>
    patterns.some((p) => prefixes(path).some((prefix) => glob(p, prefix)))

  it('keeps exactly the leaves the naive path rule keeps', () => {
    fc.assert(
      fc.property(sourceArb, patternArb, patternArb, (source, includes, excludes) => {
        const filtered = filterSource(source as XContentObject, { fetchSource: true, includes, excludes })
        const expected = new Map(
          [...leaves(source)].filter(
            ([path]) =>
              (includes.length === 0 || matchesAncestorOrSelf(includes, path)) &&
              !matchesAncestorOrSelf(excludes, path),
          ),
        )
        expect(leaves(filtered)).toEqual(expected)
      }),
      { numRuns: 500 },
    )
  })
})
