// Lucene's PatternCaptureGroupTokenFilter, Elasticsearch's `pattern_capture` token filter: each token is matched
// against every pattern, as often as each matches (Matcher.find, moving one char on after an empty match), and
// every non-empty capture group (group 1 and up; a pattern without groups gives nothing) becomes a token, all
// at the token's position (increment 0) with its offsets, type and length. Captures go out by their start in
// the term, the lower pattern first on a tie, each pattern's groups in order.
// preserve_original (default true) outputs the token first and then every capture but one equal to the whole
// term; without it the first capture takes the token's place, and a token that nothing captures is kept.
// Settings (PatternCaptureGroupTokenFilterFactory): patterns (required, Java regular expressions translated
// by custom/java-pattern.ts), preserve_original.
import { boolSetting, listSetting, type AnalysisSettings } from '../custom/analysis-settings.ts'
import { compileJavaPattern } from '../custom/java-pattern.ts'
import { positionIncrementOf, positionLengthOf, type GraphTokenList } from '../custom/token-graph.ts'
import { isKeyword, type KeywordTokenList } from '../stemmers/keyword-attribute.ts'
import { IllegalArgumentException, type TokenFilter } from '../token-list.ts'
import { IncrementOutput } from './word-delimiter-filter.ts'

interface Matcher {
  readonly regex: RegExp
  readonly groupCount: number
  match: RegExpExecArray | null
  /** The group to look at next: -1 before a find, 0 when the pattern matches no more. */
  group: number
  next: number
}

/** The [start, end) of each capture of `term`, in PatternCaptureGroupTokenFilter's order. */
function captures(
  term: string,
  patterns: readonly RegExp[],
  preserveOriginal: boolean,
): Array<[number, number]> {
  const matchers: Matcher[] = patterns.map((pattern) => ({
    regex: new RegExp(pattern.source, pattern.flags.includes('d') ? pattern.flags : `${pattern.flags}d`),
    groupCount: (new RegExp(`${pattern.source}|`, pattern.flags.replace('g', '')).exec('')?.length ?? 1) - 1,
    match: null,
    group: -1,
    next: 0,
  }))
  const find = (matcher: Matcher): boolean => {
    if (matcher.next > term.length) return false
    matcher.regex.lastIndex = matcher.next
    const match = matcher.regex.exec(term)
    matcher.match = match
    if (!match) return false
    const end = match.index + match[0].length
    matcher.next = end === match.index ? end + 1 : end
    return true
  }
  const bounds = (matcher: Matcher): [number, number] => matcher.match?.indices?.[matcher.group] ?? [-1, -1]
  const out: Array<[number, number]> = []
  for (;;) {
    let best = -1
    let bestStart = Number.MAX_SAFE_INTEGER
    for (let i = 0; i < matchers.length; i++) {
      const matcher = matchers[i] as Matcher
      if (matcher.group === -1) matcher.group = find(matcher) ? 1 : 0
      if (matcher.group === 0) continue
      while (matcher.group < matcher.groupCount + 1) {
        const [start, end] = bounds(matcher)
        if (start === end || (preserveOriginal && start === 0 && end === term.length)) {
          matcher.group++
          continue
        }
        if (start < bestStart) {
          bestStart = start
          best = i
        }
        break
      }
      if (matcher.group === matcher.groupCount + 1) {
        matcher.group = -1
        i--
      }
    }
    const chosen = matchers[best]
    if (!chosen) return out
    out.push(bounds(chosen))
    chosen.group++
  }
}

export class PatternCaptureFilter implements TokenFilter {
  readonly name = 'pattern_capture'

  constructor(
    private readonly patterns: readonly RegExp[],
    private readonly preserveOriginal: boolean,
  ) {}

  filter(tokens: GraphTokenList & KeywordTokenList): GraphTokenList & KeywordTokenList {
    const out = new IncrementOutput()
    tokens.terms.forEach((term, i) => {
      const found = captures(term, this.patterns, this.preserveOriginal)
      const increment = positionIncrementOf(tokens, i)
      const emit = (range: [number, number], inc: number): void =>
        out.emit(
          term.slice(range[0], range[1]),
          tokens.startOffsets[i] ?? 0,
          tokens.endOffsets[i] ?? 0,
          tokens.types[i] ?? '',
          inc,
          positionLengthOf(tokens, i),
          isKeyword(tokens, i),
        )
      if (this.preserveOriginal || found.length === 0) out.pass(tokens, i, increment)
      found.forEach((range, n) => emit(range, n === 0 && !this.preserveOriginal ? increment : 0))
    })
    return out.list
  }
}

export function patternCaptureFilter(settings: AnalysisSettings): TokenFilter {
  const patterns = listSetting(settings, 'patterns')
  if (patterns === undefined) {
    throw new IllegalArgumentException(
      "required setting 'patterns' is missing for token filter [pattern_capture]",
    )
  }
  return new PatternCaptureFilter(
    patterns.map((pattern) => compileJavaPattern(pattern)),
    boolSetting(settings, 'preserve_original', true),
  )
}
