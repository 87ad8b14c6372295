// java.lang.String.split(regex) semantics (Pattern.split with limit 0), against Java's documented
// examples ("boo:and:foo") and, for literal one-character separators, a naive oracle.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { javaSplit } from '../../../../workers/tools/kafka/java-lang.ts'
import { LineMessageReader } from '../../../../workers/tools/kafka/line-message-reader.ts'

describe('javaSplit', () => {
  it('matches the String.split javadoc examples', () => {
    expect(javaSplit('boo:and:foo', ':')).toEqual(['boo', 'and', 'foo'])
    expect(javaSplit('boo:and:foo', 'o')).toEqual(['b', '', ':and:f'])
  })

  it('keeps leading empties of a positive-width match, drops trailing ones, returns unmatched input whole', () => {
    expect(javaSplit(',a,,b,,', ',')).toEqual(['', 'a', '', 'b'])
    expect(javaSplit(',,', ',')).toEqual([])
    expect(javaSplit('', ',')).toEqual([''])
    expect(javaSplit('abc', '')).toEqual(['a', 'b', 'c'])
    expect(javaSplit('a|b', '\\|')).toEqual(['a', 'b'])
  })

  it('equals split-then-drop-trailing-empties for a literal one-character separator', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', ',') }), (input) => {
        const naive = input.split(',')
        while (naive.length > 1 && naive[naive.length - 1] === '') naive.pop()
        const expected = input === '' ? [''] : naive.length === 1 && naive[0] === '' ? [] : naive
        expect(javaSplit(input, ',')).toEqual(expected)
      }),
    )
  })
})

describe('LineMessageReader headers', () => {
  const reader = (props: Record<string, string>) =>
    new LineMessageReader('t', new Map(Object.entries({ 'parse.headers': 'true', ...props })))
  const shown = (line: string, props: Record<string, string> = {}) =>
    reader(props)
      .read(line)
      .headers?.map((h) => [h.key, h.value === null ? null : new TextDecoder().decode(h.value)])

  it('splits headers.separator as a regular expression and drops trailing empty pairs', () => {
    expect(shown('a:1,b:2,,\tvalue')).toEqual([
      ['a', '1'],
      ['b', '2'],
    ])
    expect(shown('a:1|b:2\tvalue', { 'headers.separator': '\\|' })).toEqual([
      ['a', '1'],
      ['b', '2'],
    ])
  })

  it('names the pair without a key separator, or keeps it as a null-valued key with ignore.error', () => {
    expect(() => reader({}).read('a:1,,b:2\tv')).toThrow(
      "No header key separator found in pair '' on line number 1",
    )
    expect(shown('a:1,b\tv', { 'ignore.error': 'true' })).toEqual([
      ['a', '1'],
      ['b', null],
    ])
  })
})
