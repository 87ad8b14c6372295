/**
 * The passage boundaries the unified highlighter cuts a field's text at (java.text.BreakIterator as
 * FieldHighlighter calls it: `preceding(start + 1)` for a passage's start, then `following(start)` for its
 * end, with increasing offsets).
 * - Boundaries: a sorted list of break offsets, 0 and the text's length included. `preceding(x)` is the last
 *   break before x (-1, Java's DONE, when none), `following(x)` the first break after x (-1 when none).
 * - sentenceBreaks: the JDK's sentence instance for Locale.ROOT, approximated: a break after a run of
 *   `.`, `?` or `!` (with closing quotes or brackets) and the spaces after it, unless a `.` run is followed
 *   by a lowercase letter or by no space; after a line or paragraph separator; after the NUL that joins the
 *   values of a multi-valued field (so a passage never spans two values).
 * - wordBreaks: the JDK's word instance, approximated: runs of letters/digits (an apostrophe or a period
 *   between letters stays inside), runs of spaces, and every other character alone.
 * - separatorBreaks: Lucene's CustomSeparatorBreakIterator on NUL, one passage per value.
 * - BoundedSentenceBreaker: ES's BoundedBreakIteratorScanner: sentences, re-cut at word breaks around the
 *   match when one is longer than fragment_size.
 */

export interface PassageBreaker {
  preceding(offset: number): number
  following(offset: number): number
}

export class Boundaries implements PassageBreaker {
  constructor(private readonly breaks: readonly number[]) {}

  preceding(offset: number): number {
    let found = -1
    for (const at of this.breaks) {
      if (at >= offset) break
      found = at
    }
    return found
  }

  following(offset: number): number {
    return this.breaks.find((at) => at > offset) ?? -1
  }
}

export const MULTIVAL_SEP_CHAR = '\0'
const TERMINATORS = new Set(['.', '?', '!'])
const CLOSERS = new Set(['"', "'", ')', ']', '}', '\u00bb', '\u201d', '\u2019'])
const LINE_SEPARATORS = new Set(['\n', '\r', '\u0085', '\u2028', '\u2029', MULTIVAL_SEP_CHAR])
const SPACES = /[ \t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/
const WORD = /[\p{L}\p{N}\p{M}_]/u
const LOWERCASE = /\p{Ll}/u

function withEnds(text: string, breaks: Iterable<number>): Boundaries {
  return new Boundaries([...new Set([0, ...breaks, text.length])].sort((a, b) => a - b))
}

export function sentenceBreaks(text: string): Boundaries {
  const breaks: number[] = []
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (LINE_SEPARATORS.has(c)) {
      breaks.push(c === '\r' && text[i + 1] === '\n' ? ++i + 1 : i + 1)
      continue
    }
    if (!TERMINATORS.has(c)) continue
    const period = c === '.'
    let j = i + 1
    while (j < text.length && TERMINATORS.has(text[j]!)) j++
    while (j < text.length && CLOSERS.has(text[j]!)) j++
    const spaced = j < text.length && SPACES.test(text[j]!)
    while (j < text.length && SPACES.test(text[j]!)) j++
    i = j - 1
    if (j >= text.length) continue
    if (period && (!spaced || LOWERCASE.test(text[j]!))) continue
    breaks.push(j)
  }
  return withEnds(text, breaks)
}

export function wordBreaks(text: string): Boundaries {
  const breaks: number[] = []
  const isWord = (i: number): boolean => i < text.length && WORD.test(text[i]!)
  let i = 0
  while (i < text.length) {
    if (isWord(i)) {
      while (isWord(i) || (/['.]/.test(text[i] ?? '') && isWord(i - 1) && isWord(i + 1))) i++
    } else if (SPACES.test(text[i]!)) {
      while (i < text.length && SPACES.test(text[i]!)) i++
    } else {
      const code = text.charCodeAt(i)
      i += code >= 0xd800 && code <= 0xdbff ? 2 : 1
    }
    breaks.push(i)
  }
  return withEnds(text, breaks)
}

export function separatorBreaks(text: string): Boundaries {
  const breaks: number[] = []
  for (let i = text.indexOf(MULTIVAL_SEP_CHAR); i >= 0; i = text.indexOf(MULTIVAL_SEP_CHAR, i + 1)) {
    breaks.push(i + 1)
  }
  return withEnds(text, breaks)
}

/** BoundedBreakIteratorScanner: `following` answers for the offset `preceding` was last called with. */
export class BoundedSentenceBreaker implements PassageBreaker {
  private windowStart = -1
  private windowEnd = -1
  private innerStart = -1
  private innerEnd = 0

  constructor(
    private readonly length: number,
    private readonly sentences: Boundaries,
    private readonly words: Boundaries,
    private readonly maxLen: number,
  ) {}

  preceding(offset: number): number {
    const { maxLen, sentences, length } = this
    if (offset > this.windowStart && offset < this.windowEnd) {
      // A later match in the sentence window that the previous passage did not reach.
      this.innerStart = this.innerEnd
      this.innerEnd = this.windowEnd
    } else {
      this.innerStart = Math.max(sentences.preceding(offset), 0)
      const target = offset + Math.max(0, maxLen - (offset - this.innerStart))
      this.innerEnd = target + 1 > length ? length : sentences.preceding(target + 1)
      if (this.innerStart === this.innerEnd) {
        // No sentence break within maxLen: take the first one after it.
        this.innerEnd = target >= length ? length : sentences.following(target)
      }
      this.windowStart = this.innerStart
      this.windowEnd = this.innerEnd
    }
    if (this.innerEnd - this.innerStart > maxLen) {
      // Too long: cut at word breaks, first to the left of the match, then to the right with what remains.
      if (offset - maxLen > this.innerStart) {
        this.innerStart = Math.max(this.innerStart, this.words.preceding(offset - maxLen))
      }
      const remaining = Math.max(0, maxLen - (offset - this.innerStart))
      if (offset + remaining < this.windowEnd) {
        this.innerEnd = Math.min(this.windowEnd, this.words.following(offset + remaining))
      }
    }
    return this.innerStart
  }

  following(): number {
    return this.innerEnd
  }
}

/**
 * Lucene's SplittingBreakIterator on NUL: each value of a multi-valued field is broken on its own, by a
 * fresh breaker over its text (a passage never crosses into the next value).
 */
export class SplittingBreaker implements PassageBreaker {
  private start = -1
  private end = -1
  private inner: PassageBreaker | null = null

  constructor(
    private readonly content: string,
    private readonly forValue: (text: string) => PassageBreaker,
  ) {}

  private enter(offset: number): PassageBreaker {
    const start = offset <= 0 ? 0 : this.content.lastIndexOf(MULTIVAL_SEP_CHAR, offset - 1) + 1
    if (start !== this.start || this.inner === null) {
      const end = this.content.indexOf(MULTIVAL_SEP_CHAR, start)
      this.start = start
      this.end = end === -1 ? this.content.length : end
      this.inner = this.forValue(this.content.slice(start, this.end))
    }
    return this.inner
  }

  preceding(offset: number): number {
    const found = this.enter(offset - 1).preceding(offset - this.start)
    return found < 0 ? this.start : found + this.start
  }

  following(offset: number): number {
    const found = this.enter(offset).following(offset - this.start)
    return found < 0 ? this.end : found + this.start
  }
}
