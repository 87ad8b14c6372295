// Painless regexes against lang-painless's RegexTests / RegexLimitTests, LimitedCharSequenceTests (the circuit
// breaker's message), the painless-regexes docs and the walkthrough's `=~` / `==~` examples; java.util.regex
// semantics (groups, quantifiers, flags, split, replaceAll) as the JDK documents them.
import { beforeAll, describe, expect, it } from 'vitest'
import { failure, run } from './painless-run.ts'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

describe('regex literals and operators', () => {
  it.each([
    ["'fooasdfbasdf' =~ /foo.*bar/", 'false'],
    ["'foobar' =~ /b/", 'true'],
    ["'foobar' ==~ /b/", 'false'],
    ["'foobar' ==~ /fo+bar/", 'true'],
    ["'FOOBAR' ==~ /foobar/i", 'true'],
    ['params.nl ==~ /a.b/', 'false'],
    ['params.nl ==~ /a.b/s', 'true'],
    ['params.nl =~ /^b$/m', 'true'],
    ['params.nl =~ /^b$/', 'false'],
    ["'a.c' ==~ /a.c/l", 'true'],
    ["'abc' ==~ /a.c/l", 'false'],
    ["'ab' ==~ /a b # comment/x", 'true'],
    ["'a/b' ==~ /a\\/b/", 'true'],
    ['int x = 4; int y = 2; x / y / 2', 'int 1'],
    [
      "def m = /(\\w+)@(\\w+)\\.com/.matcher('mail bob@example.com now'); m.find() ? m.group(1) + '|' + m.group(2) + '|' + m.start() + '|' + m.end() + '|' + m.groupCount() : 'no'",
      'bob|example|5|20|2',
    ],
    [
      "Matcher m = /(?<year>\\d{4})-(?<month>\\d{2})/.matcher('on 2024-05'); m.find(); m.namedGroup('month') + m.namedGroup('year')",
      '052024',
    ],
    ["def m = /a(b)?/.matcher('a'); m.matches(); m.group(1)", 'null'],
    [
      "def m = /\\d+/.matcher('a1b22c333'); def out = []; while (m.find()) { out.add(m.group()) } out",
      '[1, 22, 333]',
    ],
    ["/[aeiou]/.matcher('banana').replaceAll('_')", 'b_n_n_'],
    ["/(\\w)(\\d)/.matcher('a1 b2').replaceAll('$2$1')", '1a 2b'],
    ["/(?<l>\\w)/.matcher('ab').replaceFirst('[${l}]')", '[a]b'],
    ["'the quick fox'.replaceAll(/\\b\\w/, m -> m.group().toUpperCase())", 'The Quick Fox'],
    ["'aaa'.replaceFirst(/a/, m -> '$')", '$aa'],
    ["def p = /,\\s*/.split('a, b,c,,'); p.length + ':' + p[0] + p[1] + p[2]", '3:abc'],
    ["/,/.split('a,b,c', 2).length", 'int 2'],
    ["/[a-z&&[^aeiou]]+/.matcher('bcdea').lookingAt()", 'true'],
    ["'aaa' ==~ /a{2,3}/", 'true'],
    ["'aaaa' ==~ /a{2,3}/", 'false'],
    ["'abab' ==~ /(ab)\\1/", 'true'],
    ["'aaa' ==~ /a++a/", 'false'],
    ["'foo.bar' =~ /(?<=foo)\\.bar/", 'true'],
    ["'é' ==~ /\\p{L}/", 'true'],
    ["'É' ==~ /é/iu", 'true'],
    ["'É' ==~ /é/i", 'false'],
    ['Pattern p = /a/; p.pattern() + p.flags() + p', 'a0a'],
    ['/b/i.flags()', 'int 2'],
    ["Pattern.quote('a.b')", '\\Qa.b\\E'],
    ['[/a/.asPredicate()].size()', 'int 1'],
  ])('%s is %s', (source, expected) => {
    // Painless strings have no \\n escape: the line terminator comes in a parameter
    expect(run(source, new Map([['nl', 'a\nb']]))).toBe(expected)
  })

  it("Matcher's errors are the JDK's", () => {
    expect(failure("/a/.matcher('b').group()").causedBy).toMatchObject({
      type: 'illegal_state_exception',
      reason: 'No match found',
    })
    expect(failure("def m = /a/.matcher('a'); m.find(); m.group(2)").causedBy).toMatchObject({
      type: 'index_out_of_bounds_exception',
      reason: 'No group 2',
    })
    expect(failure("def m = /a/.matcher('a'); m.find(); m.namedGroup('x')").causedBy).toMatchObject({
      type: 'illegal_argument_exception',
      reason: 'No group with name <x>',
    })
  })

  it('a bad pattern is a compile error at the literal offset + 1 + the JDK index', () => {
    const error = failure("'a' =~ /a(b/")
    expect(error.reason).toBe('compile error')
    expect(error.causedBy?.reason).toBe('Error compiling regex: Unclosed group')
    expect((new Map(error.metadata).get('position') as Map<string, number>).get('offset')).toBe(11)
    expect(failure("'a' =~ /+a/").causedBy?.reason).toBe("Error compiling regex: Dangling meta character '+'")
    expect(failure("'a' =~ /[a/").causedBy?.reason).toBe('Error compiling regex: Unclosed character class')
    expect(failure("'a' =~ /a/c").causedBy?.reason).toBe(
      'Error compiling regex: the CANON_EQ flag [c] is not supported by this playground',
    )
  })
})

describe('the regex limit (script.painless.regex.limit-factor 6)', () => {
  it('breaks a catastrophically backtracking pattern with the circuit breaker message', () => {
    const input = 'a'.repeat(40) + 'X'
    const error = failure(`'${input}'.replaceAll(/(a+)+b/, m -> 'replaced')`)
    expect(error.reason).toBe('runtime error')
    expect(error.causedBy?.type).toBe('circuit_breaking_exception')
    expect(error.causedBy?.reason).toBe(
      '[scripting] Regular expression considered too many characters, pattern: [(a+)+b], limit factor: [6], ' +
        `char limit: [246], count: [247], wrapped: [${input}], ` +
        'this limit can be changed by changed by the [script.painless.regex.limit-factor] setting',
    )
    expect(new Map(error.causedBy?.metadata)).toEqual(
      new Map<string, unknown>([
        ['bytes_wanted', 0],
        ['bytes_limit', 0],
        ['durability', 'TRANSIENT'],
      ]),
    )
  })

  it('shows a long input as its first 61 characters and "..."', () => {
    const input = 'abcdef123456'.repeat(100)
    const error = failure(`if ('${input}' ==~ /(\\w+)+X/) { return 100; } return 200`)
    expect(error.causedBy?.reason).toContain(`wrapped: [${input.slice(0, 61)}...]`)
  })

  it('can be caught as an Exception', () => {
    expect(
      run("try { 'aaaaaaaaaaaaaaaaaaaaaaaaaX' ==~ /(a|aa)+b/ } catch (Exception e) { return 'caught' }"),
    ).toBe('caught')
  })
})

describe('through the REST API', () => {
  let node: TestNode

  beforeAll(async () => {
    node = await startNode()
    for (const [id, last] of [
      ['1', 'Bobrov'],
      ['2', 'Hodgson'],
    ]) {
      await node.send('PUT', `/hockey/_doc/${id}?refresh=true`, { last })
    }
  })

  it('updates by query with the find operator (the walkthrough example)', async () => {
    const response = await node.send('POST', '/hockey/_update_by_query?refresh=true', {
      script: {
        lang: 'painless',
        source: 'if (ctx._source.last =~ /b/) { ctx._source.last += "matched"; } else { ctx.op = "noop"; }',
      },
    })
    expect(response.status, response.body).toBe(200)
    expect(JSON.parse(response.body)).toMatchObject({ updated: 1, noops: 1 })
    const get = await node.send('GET', '/hockey/_source/1')
    expect(JSON.parse(get.body)).toEqual({ last: 'Bobrovmatched' })
  })

  it('a pattern past the limit fails a script field with the circuit_breaking_exception cause', async () => {
    const response = await node.send('POST', '/hockey/_search', {
      script_fields: { f: { script: { source: "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaX' ==~ /(a+)+b/" } } },
    })
    expect(response.status, response.body).toBe(400)
    const cause = (
      JSON.parse(response.body) as {
        error: { failed_shards: Array<{ reason: { caused_by: Record<string, unknown> } }> }
      }
    ).error.failed_shards[0]!.reason.caused_by
    expect(cause.type).toBe('circuit_breaking_exception')
    expect(cause.bytes_wanted).toBe(0)
    expect(cause.durability).toBe('TRANSIENT')
  })
})
