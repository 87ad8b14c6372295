/**
 * Java's line BreakIterator (java.text.BreakIterator.getLineInstance) as joptsimple's help formatter uses
 * it to wrap option and description text. A segment is one "word" of the legacy JDK line rules: optional
 * opening characters (`(`, `[`, `{`, quotes, currency), a core (a number with `.`/`,` inside, or a run of
 * other characters), a suffix (a run of dashes, or closing punctuation such as `.,:;!?%)]}`), then spaces.
 * Plain digits count as letters; a signed number or one with inner `.`/`,` ends its word. An apostrophe
 * continues a word. A tab always ends a segment. Invariant: the segments concatenate back to the input. Checked against the
 * JDK 17 iterator on a recorded corpus (tests/unit/tools/kafka/line-breaks.test.ts); known gap: digits
 * right after a dash suffix (`'x'--1`) start a new segment here but not in Java.
 */
const PRE = `(\\[{"$\u00a3\u00a5\u20ac\u00ab\u2018\u201c`
const POST = `"\\)\\]}!%.,:;?\u00a2\u00b0\u00bb\u2019\u201d`
const DASH = '\\-\u00ad\u2010-\u2015'
const SPACE = ' \u000b\r'
const OTHER = `[^${PRE}${POST}${DASH}${SPACE}\\t0-9]`
const NUMBER = `(?:[${PRE}${DASH}]+[0-9]+(?:[.,][0-9]+)*|[0-9]+(?:[.,][0-9]+)+)`
const CORE = `(?:${NUMBER}|(?:${OTHER}|[0-9])*)`
const SUFFIX = `(?:[${DASH}]+|[${POST}]*)`
const WORD = new RegExp(`[${PRE}]*${CORE}${SUFFIX}(?:'${CORE}${SUFFIX})*[${SPACE}]*\\t?`, 'y')

/** Splits text at the break opportunities Java's line BreakIterator reports. */
export function lineBreakSegments(text: string): string[] {
  const segments: string[] = []
  let position = 0
  while (position < text.length) {
    WORD.lastIndex = position
    const match = WORD.exec(text)
    const length = match !== null && match[0].length > 0 ? match[0].length : 1
    segments.push(text.slice(position, position + length))
    position += length
  }
  return segments
}
