/**
 * grep's matcher: the patterns (one per `-e`, `-f` line or newline of PATTERNS) parsed as BRE, ERE
 * (regex/regex-parser.ts) or fixed strings, joined as alternatives and compiled into one Thompson NFA
 * (regex/nfa.ts). `-x` anchors the alternatives at both ends of the line; `-w` takes, as GNU grep does,
 * the first match whose ends are not next to word constituents, trying shorter matches at the same start
 * before later starts. Matches are in code points of the line.
 */
import { Nfa, TooBigError, type Match } from './regex/nfa.ts'
import { parseRegex } from './regex/regex-parser.ts'
import { isWordChar, otherCases, type RegexNode } from './regex/regex-syntax.ts'

export interface MatcherOptions {
  readonly syntax: 'basic' | 'extended' | 'fixed'
  readonly ignoreCase: boolean
  readonly wholeLine: boolean
  readonly wholeWord: boolean
}

export interface Matcher {
  /** Whether the line has a match (the cheaper question grep asks of each line). */
  test(line: readonly number[]): boolean
  /** The first match in the line at `from` or later (empty matches included), or null. */
  find(line: readonly number[], from: number): Match | null
}

function fixed(pattern: string, ignoreCase: boolean): RegexNode {
  const parts: RegexNode[] = [...pattern].map((char) => {
    const cases = ignoreCase ? otherCases(char.codePointAt(0)!) : [char.codePointAt(0)!]
    return { type: 'chars', test: (x: number) => cases.includes(x) }
  })
  return { type: 'concat', parts }
}

/** The matcher and the parser's warnings, or the error grep prints (`Unmatched ( or \(`). */
export function compileMatcher(
  patterns: readonly string[],
  options: MatcherOptions,
): { matcher: Matcher; warnings: string[] } | { error: string } {
  const warnings: string[] = []
  const nodes: RegexNode[] = []
  for (const pattern of patterns) {
    if (options.syntax === 'fixed') {
      nodes.push(fixed(pattern, options.ignoreCase))
      continue
    }
    const parsed = parseRegex(pattern, {
      extended: options.syntax === 'extended',
      ignoreCase: options.ignoreCase,
    })
    if ('error' in parsed) return parsed
    warnings.push(...parsed.warnings)
    nodes.push(parsed.node)
  }
  const any: RegexNode = nodes.length === 1 ? nodes[0]! : { type: 'alternation', options: nodes }
  const node: RegexNode = options.wholeLine
    ? {
        type: 'concat',
        parts: [{ type: 'assert', assertion: 'line-start' }, any, { type: 'assert', assertion: 'line-end' }],
      }
    : any
  let nfa: Nfa
  try {
    nfa = new Nfa(node)
  } catch (error) {
    if (error instanceof TooBigError) return { error: error.message }
    throw error
  }
  if (!options.wholeWord) {
    return {
      matcher: { test: (line) => nfa.matches(line), find: (line, from) => nfa.search(line, from) },
      warnings,
    }
  }
  const wordAt = (line: readonly number[], at: number) => at >= 0 && at < line.length && isWordChar(line[at]!)
  const find = (line: readonly number[], from: number): Match | null => {
    const first = nfa.search(line, from)
    if (first === null) return null
    for (let start = first.start; start <= line.length; start++) {
      if (wordAt(line, start - 1)) continue
      const end = nfa.endsFrom(line, start).find((e) => !wordAt(line, e))
      if (end !== undefined) return { start, end }
    }
    return null
  }
  return { matcher: { test: (line) => find(line, 0) !== null, find }, warnings }
}
