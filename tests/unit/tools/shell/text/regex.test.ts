// The POSIX regex parser and Thompson NFA behind grep: exact matches, GNU's syntax, and a property test
// against JavaScript's RegExp on generated patterns (same leftmost start; same longest end where the
// pattern has no anchors).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Nfa } from '../../../../../workers/tools/shell/text/regex/nfa.ts'
import { parseRegex, type RegexOptions } from '../../../../../workers/tools/shell/text/regex/regex-parser.ts'

const ERE: RegexOptions = { extended: true, ignoreCase: false }
const BRE: RegexOptions = { extended: false, ignoreCase: false }
const codes = (text: string) => Array.from(text, (c) => c.codePointAt(0)!)

function compile(pattern: string, options: RegexOptions): Nfa {
  const parsed = parseRegex(pattern, options)
  if ('error' in parsed) throw new Error(parsed.error)
  return new Nfa(parsed.node)
}

function search(pattern: string, line: string, options = BRE): [number, number] | null {
  const match = compile(pattern, options).search(codes(line))
  return match && [match.start, match.end]
}

describe('POSIX regex', () => {
  it.each<[string, RegexOptions, string, [number, number] | null]>([
    ['a*', BRE, 'baaa', [0, 0]],
    ['a\\+', BRE, 'baaa', [1, 4]],
    ['a+', BRE, 'a+', [0, 2]],
    ['a\\{2,3\\}', BRE, 'aaaa', [0, 3]],
    ['a{2,3}', BRE, 'a{2,3}', [0, 6]],
    ['a{2}', ERE, 'xaaa', [1, 3]],
    ['(ab|a)(bc|c)?', ERE, 'abc', [0, 3]],
    ['x|xy|xyz', ERE, 'xyz', [0, 3]],
    ['\\(a\\|b\\)c', BRE, 'xbc', [1, 3]],
    ['^*a', BRE, '*a', [0, 2]],
    ['*a', BRE, 'x*a', [1, 3]],
    ['a^b', BRE, 'a^b', [0, 3]],
    ['a$b', BRE, 'a$b', [0, 3]],
    ['^a$', ERE, 'a', [0, 1]],
    ['[[:digit:]]\\+', BRE, 'ab12c', [2, 4]],
    ['[^[:alpha:]]', BRE, 'ab1', [2, 3]],
    ['[]a]', BRE, 'x]', [1, 2]],
    ['[a-c-]', BRE, 'x-', [1, 2]],
    ['\\<is\\>', BRE, 'this is', [5, 7]],
    ['\\bis', BRE, 'this is', [5, 7]],
    ['\\w\\+', BRE, '  héllo_1 ', [2, 9]],
    ['a{,2}b', ERE, 'aaab', [1, 4]],
    ['.', BRE, 'é', [0, 1]],
    ['{', ERE, 'a{', [1, 2]],
  ])('%s (%j) in %s is %j', (pattern, options, line, expected) => {
    expect(search(pattern, line, options)).toEqual(expected)
  })

  it('folds case with -i, in brackets too', async () => {
    const options = { extended: false, ignoreCase: true }
    expect(search('hello', 'say HeLLo', options)).toEqual([4, 9])
    expect(search('[a-c]x', 'BX', options)).toEqual([0, 2])
    expect(search('[[:upper:]]', 'b', options)).toEqual([0, 1])
  })

  it.each<[string, RegexOptions, string]>([
    ['[ab', BRE, 'Unmatched [, [^, [:, [., or [='],
    ['(a', ERE, 'Unmatched ( or \\('],
    ['\\(a', BRE, 'Unmatched ( or \\('],
    ['a\\)', BRE, 'Unmatched ) or \\)'],
    ['[', BRE, 'Invalid regular expression'],
    ['a[^', BRE, 'Invalid regular expression'],
    ['b|[', ERE, 'Invalid regular expression'],
    ['[]', BRE, 'Unmatched [, [^, [:, [., or [='],
    ['[[:alpha:]', BRE, 'Unmatched [, [^, [:, [., or [='],
    ['a\\', BRE, 'Trailing backslash'],
    ['[z-a]', BRE, 'Invalid range end'],
    ['[[:alpha:]-z]', BRE, 'Invalid range end'],
    ['[[:nope:]]', BRE, 'Invalid character class name'],
    ['[:space:]', BRE, 'character class syntax is [[:space:]], not [:space:]'],
    ['a\\{2,1\\}', BRE, 'Invalid content of \\{\\}'],
    ['a{2,1}', ERE, 'Invalid content of \\{\\}'],
    ['a\\{1', BRE, 'Unmatched \\{'],
    ['a{40000}', ERE, 'Regular expression too big'],
    ['\\1', BRE, 'Invalid back reference'],
    ['\\(a\\)\\1', BRE, 'back-references (\\1 ... \\9) are not supported in the playground'],
  ])('%s (%j) fails with %s', (pattern, options, error) => {
    expect(parseRegex(pattern, options)).toEqual({ error })
  })

  it("reads grep 3.8's literals: an ERE ) that closes no group, a BRE \\{ with nothing to repeat", () => {
    expect(search('a)', 'xa)', ERE)).toEqual([1, 3])
    expect(search('())', ')', ERE)).toEqual([0, 1])
    expect(search('\\{1', 'x{1', BRE)).toEqual([1, 3])
    expect(search('^\\{', '{', BRE)).toEqual([0, 1])
  })

  it('warns as grep 3.8+ does about a stray backslash and a leading repetition', async () => {
    expect(parseRegex('\\d\\-\\ \\.', BRE)).toMatchObject({
      warnings: ['stray \\ before d', 'stray \\ before -', 'stray \\ before white space'],
    })
    expect(parseRegex('+a', ERE)).toMatchObject({ warnings: ['+ at start of expression'] })
  })

  it('matches a pathological pattern in linear time', async () => {
    const line = codes(`${'a'.repeat(5000)}b`)
    const nfa = compile('(a*)*(a|aa)*c', ERE)
    const started = performance.now()
    expect(nfa.search(line)).toBeNull()
    expect(performance.now() - started).toBeLessThan(3000)
  })
})

type Tree =
  | { kind: 'char'; text: string }
  | { kind: 'seq' | 'alt'; parts: Tree[] }
  | { kind: 'op'; op: string; of: Tree }

const tree: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc
      .constantFrom('a', 'b', 'c', '.', '[ab]', '[^a]', '^', '$')
      .map((text): Tree => ({ kind: 'char', text })),
    fc.array(tie('tree'), { minLength: 1, maxLength: 3 }).map((parts): Tree => ({ kind: 'seq', parts })),
    fc.array(tie('tree'), { minLength: 2, maxLength: 3 }).map((parts): Tree => ({ kind: 'alt', parts })),
    fc
      .tuple(fc.constantFrom('*', '+', '?', '{1,2}', '{2}'), tie('tree'))
      .map(([op, of]): Tree => ({ kind: 'op', op, of })),
  ),
})).tree

/** ERE and JavaScript share this syntax for the generated constructs. */
function render(t: Tree): string {
  switch (t.kind) {
    case 'char':
      return t.text
    case 'seq':
      return t.parts.map(render).join('')
    case 'alt':
      return `(${t.parts.map(render).join('|')})`
    case 'op':
      return `(${render(t.of)})${t.op}`
  }
}

describe('the NFA against JavaScript RegExp', () => {
  it('finds a match at the same leftmost start, and the longest end without anchors', async () => {
    fc.assert(
      fc.property(tree, fc.stringMatching(/^[abc]{0,8}$/), (t, line) => {
        const pattern = render(t)
        const ours = compile(pattern, ERE).search(codes(line))
        const js = new RegExp(pattern).exec(line)
        expect(ours?.start ?? null).toBe(js?.index ?? null)
        if (ours === null || /[\^$]/.test(pattern)) return
        const whole = new RegExp(`^(?:${pattern})$`)
        let longest = ours.start
        for (let end = line.length; end >= ours.start; end--) {
          if (whole.test(line.slice(ours.start, end))) {
            longest = end
            break
          }
        }
        expect(ours.end).toBe(longest)
      }),
      { numRuns: 2000 },
    )
  })
})
