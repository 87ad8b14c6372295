// Java's String.split and Matcher.replaceAll semantics (limit 0 drops trailing empty strings, a zero-width
// match at 0 gives no leading empty string) and the refusal of patterns that backtrack exponentially,
// checked against a naive oracle built on JavaScript's split for literal separators.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { javaReplaceAll, safeJavaPattern } from '../../../../workers/es/ingest/java-regex.ts'
import { patternSplit } from '../../../../workers/net/java-pattern-split.ts'

describe('patternSplit', () => {
  it.each([
    ['a,b,,c,,', ',', 0, ['a', 'b', '', 'c']],
    ['a,b,,c,,', ',', -1, ['a', 'b', '', 'c', '', '']],
    [',a', ',', 0, ['', 'a']],
    ['', ',', 0, ['']],
    [',,,', ',', 0, []],
    ['abc', '', 0, ['a', 'b', 'c']],
    ['a1b22c', '\\d+', 0, ['a', 'b', 'c']],
    ['boo:and:foo', 'o', 0, ['b', '', ':and:f']],
    ['abc', '', -1, ['a', 'b', 'c', '']],
    // A positive limit: at most that many parts, the last holding the rest.
    ['a=b=c', '=', 2, ['a', 'b=c']],
    ['=b=', '=', 2, ['', 'b=']],
    ['a=', '=', 2, ['a', '']],
    ['abc', '=', 2, ['abc']],
    ['boo:and:foo', 'o', 5, ['b', '', ':and:f', '', '']],
    ['abc', '', 2, ['a', 'bc']],
  ] as const)('%j split on %j (limit %d) is %j', (input, separator, limit, expected) => {
    expect(patternSplit(input, safeJavaPattern(separator), limit)).toEqual(expected)
  })

  it('equals a literal split with trailing empty strings dropped (limit 0) or kept (-1)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[ab,;]{0,20}$/), fc.constantFrom(',', ';', 'a'), (input, separator) => {
        const all = input.split(separator)
        const trimmed = [...all]
        while (trimmed.length > 0 && trimmed[trimmed.length - 1] === '') trimmed.pop()
        const pattern = safeJavaPattern(separator)
        expect(patternSplit(input, pattern, -1)).toEqual(all)
        // Java: when nothing matched the result is the input itself, even if it is empty.
        expect(patternSplit(input, pattern, 0)).toEqual(input.includes(separator) ? trimmed : [input])
      }),
    )
  })
})

describe('javaReplaceAll and safety', () => {
  it('expands $n groups and handles zero-width matches as Matcher.replaceAll', () => {
    expect(javaReplaceAll('2024-01-31', safeJavaPattern('(\\d+)-(\\d+)-(\\d+)'), '$3.$2.$1')).toBe(
      '31.01.2024',
    )
    expect(javaReplaceAll('abc', safeJavaPattern('x*'), '-')).toBe('-a-b-c-')
  })

  it.each(['(a+)+$', '(a|aa)*b', '(\\w*\\s?)*x', '(a?a?)*', '(x+x+)+y', '(a)\\1'])(
    'refuses %s, which backtracks exponentially',
    (pattern) => {
      expect(() => safeJavaPattern(pattern)).toThrow(/not supported in the playground/)
    },
  )

  it.each(['\\s*,\\s*', '(ab)+', '(?:foo|bar)', '[(+)]*', 'a{2}', '(\\d{4})-(\\d{2})'])(
    'accepts %s',
    (pattern) => {
      expect(safeJavaPattern(pattern)).toBeInstanceOf(RegExp)
    },
  )
})

describe('\\Z, as Java reads it', () => {
  it('matches at the end and before a final \\r\\n, \\n, \\r, U+0085, U+2028 or U+2029, never inside \\r\\n', () => {
    const trimEnd = safeJavaPattern(' +\\Z')
    for (const end of ['', '\r\n', '\n', '\r', '\u0085', '\u2028', '\u2029'])
      expect(javaReplaceAll(`ab  ${end}`, trimEnd, '')).toBe(`ab${end}`)
    expect(javaReplaceAll('ab  \n\n', trimEnd, '')).toBe('ab  \n\n')
    expect(javaReplaceAll('a\r\n', safeJavaPattern('\\Z'), '|')).toBe('a|\r\n|')
  })
})
