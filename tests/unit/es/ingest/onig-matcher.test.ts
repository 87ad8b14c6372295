// The Oniguruma (Ruby syntax) parser and backtracking matcher grok runs on, and the built-in banks: every
// built-in pattern expands and compiles; the matcher's search order, captures, options, look-arounds and
// step budget (the watchdog's stand-in).
import { describe, expect, it } from 'vitest'
import { builtinPatterns } from '../../../../workers/es/ingest/grok/builtin-patterns.ts'
import { Grok } from '../../../../workers/es/ingest/grok/grok.ts'
import { OnigInterrupted, OnigRegex } from '../../../../workers/es/ingest/grok/onig-matcher.ts'
import { parseOnig } from '../../../../workers/es/ingest/grok/onig-parser.ts'

function match(pattern: string, text: string, budget?: number): Record<string, string | null> | null {
  const program = parseOnig(pattern)
  const chars = [...text]
  const found = new OnigRegex(program).search(
    Int32Array.from(chars, (c) => c.codePointAt(0)!),
    budget,
  )
  if (found === null) return null
  const group = (g: number) =>
    found.starts[g]! < 0 ? null : chars.slice(found.starts[g], found.ends[g]).join('')
  const result: Record<string, string | null> = { 0: group(0) }
  for (let g = 1; g <= program.groupCount; g++) result[g] = group(g)
  return result
}

describe('OnigRegex', () => {
  it.each([
    ['a|ab', 'xab', { 0: 'a' }],
    ['(a+)(a*)', 'aaa', { 0: 'aaa', 1: 'aaa', 2: '' }],
    ['(a+?)(a*)', 'aaa', { 0: 'aaa', 1: 'a', 2: 'aa' }],
    ['(?:ab){2,3}', 'abababab', { 0: 'ababab' }],
    ['a{,2}', 'aaa', { 0: 'aa' }],
    ['x{', 'x{', { 0: 'x{' }],
    ['(?i)straße', 'STRASSE Straße', { 0: 'Straße' }],
    ['(?i:a)b', 'Ab AB', { 0: 'Ab' }],
    ['[[:upper:]][[:digit:]]+', 'a1 B22', { 0: 'B22' }],
    ['[a-z&&[^aeiou]]+', 'aeixyz', { 0: 'xyz' }],
    ['\\h+', 'zzBEEFzz', { 0: 'BEEF' }],
    ['\\p{Lu}\\p{^Lu}', 'aBc', { 0: 'Bc' }],
    ['(?<=ab|c)x', 'abx', { 0: 'x' }],
    ['(?<!a)b', 'ab cb', { 0: 'b' }],
    ['\\bfoo\\b', 'foobar foo', { 0: 'foo' }],
    ['(a)\\1', 'xaa', { 0: 'aa', 1: 'a' }],
    ['(?<q>["\'])\\w+\\k<q>', `"a' 'b'`, { 0: "'b'", 1: "'" }],
    ['\\Aa|b\\z', 'cab', { 0: 'b' }],
    ['.+', 'é😀\nz', { 0: 'é😀' }],
    ['(?m).+', 'a\nb', { 0: 'a\nb' }],
    ['(?x) a b  # comment', 'ab', { 0: 'ab' }],
    ['\\x41\\u0042\\x{43}', 'ABC', { 0: 'ABC' }],
  ])('%s on %j', (pattern, text, expected) => {
    expect(match(pattern, text)).toEqual(expected)
  })

  it('captures only named groups once a pattern has one (Ruby syntax)', () => {
    expect(parseOnig('(a)(?<n>b)(c)').groupCount).toBe(1)
    expect(parseOnig('(a)(b)').groupCount).toBe(2)
  })

  it('refuses a look-behind of varying width and an undefined name', () => {
    expect(() => new OnigRegex(parseOnig('(?<=a+)b'))).toThrow('invalid pattern in look-behind')
    expect(() => parseOnig('\\k<nope>')).toThrow('undefined name <nope> reference')
    expect(() => parseOnig('[b-a]')).toThrow('empty range in char class')
    expect(() => parseOnig('a\\')).toThrow('end pattern at escape')
  })

  it('stops a runaway search when its step budget is spent', () => {
    expect(() => match('(a+)+b', `${'a'.repeat(30)}c`, 100_000)).toThrow(OnigInterrupted)
    expect(match('(a+)+b', 'aab', 100_000)).toEqual({ 0: 'aab', 1: 'aa' })
  })
})

describe('the built-in banks', () => {
  it.each(['disabled', 'v1'] as const)('every %s pattern expands and compiles', (mode) => {
    const bank = builtinPatterns(mode)
    for (const name of bank.entries().keys()) expect(() => new Grok(bank, `%{${name}}`)).not.toThrow()
  })
})
