/**
 * One field of one document highlighted as Lucene 9's FieldHighlighter and ES's CustomFieldHighlighter and
 * CustomPassageFormatter do it:
 * - Passages: the matches in offset order; a match at or past the current passage's end opens a new passage
 *   from the breaker (start `max(preceding(start + 1), previous passage end)`, end `following(start)`).
 *   Each closed passage is scored (PassageScorer: BM25 over the passage, k1 1.2, b 0.75, pivot 87, in
 *   float32 as Lucene computes it) and kept in a queue of the best maxPassages (ties: the later start
 *   stays); the kept passages come out in offset order.
 * - No match: with no_match_size > 0, one passage from the first value's start to the first word break
 *   after no_match_size (the whole first value when shorter).
 * - Formatting: the text between matches encoded (html: Lucene's SimpleHTMLEncoder), overlapping matches
 *   merged under one pre/post tag pair, a trailing NUL or paragraph separator dropped, Java's trim() applied
 *   unless number_of_fragments is 0.
 */
import type { Boundaries, PassageBreaker } from './break-iterators.ts'
import { MULTIVAL_SEP_CHAR } from './break-iterators.ts'

/** One match: its offsets, the term it counts as (PassageScorer dedups by it), its frequency in the doc. */
export interface MatchSpan {
  start: number
  end: number
  term: string
  freq: number
}

export interface Snippet {
  text: string
  score: number
}

export interface PassageOptions {
  maxPassages: number
  noMatchSize: number
  preTag: string
  postTag: string
  html: boolean
  /** number_of_fragments is 0: snippets are not trimmed. */
  whole: boolean
}

interface Passage {
  start: number
  end: number
  score: number
  matches: MatchSpan[]
}

const K1 = Math.fround(1.2)
const B = Math.fround(0.75)
const PIVOT = 87
const f = Math.fround

function weight(contentLength: number, totalTermFreq: number): number {
  const numDocs = f(1 + f(contentLength / PIVOT))
  return f(f(K1 + 1) * f(Math.log(1 + (numDocs + 0.5) / (totalTermFreq + 0.5))))
}

function tf(freq: number, passageLength: number): number {
  const norm = f(K1 * f(f(1 - B) + f(B * f(passageLength / PIVOT))))
  return f(freq / f(freq + norm))
}

/** PassageScorer.score: norm(start) * the sum over distinct terms of tf * weight. */
export function scorePassage(passage: Omit<Passage, 'score'>, contentLength: number): number {
  const terms = new Map<string, { inPassage: number; inDoc: number }>()
  for (const match of passage.matches) {
    const entry = terms.get(match.term) ?? { inPassage: 0, inDoc: match.freq }
    entry.inPassage++
    terms.set(match.term, entry)
  }
  let score = 0
  for (const { inPassage, inDoc } of terms.values()) {
    score += f(tf(inPassage, passage.end - passage.start) * weight(contentLength, inDoc))
  }
  return f(score * f(1 + f(1 / f(Math.log(PIVOT + passage.start)))))
}

/** The passage queue's order: lower score first, then the earlier start (evicted first). */
function lessThan(a: Passage, b: Passage): boolean {
  return a.score < b.score || (a.score === b.score && a.start < b.start)
}

function selectPassages(
  content: string,
  spans: readonly MatchSpan[],
  breaker: PassageBreaker,
  maxPassages: number,
): Passage[] {
  const length = content.length
  const queue: Passage[] = []
  const offer = (passage: Passage): void => {
    if (passage.start === -1) return
    passage.score = scorePassage(passage, length)
    const least = queue.reduce<Passage | null>((min, p) => (min === null || lessThan(p, min) ? p : min), null)
    if (queue.length === maxPassages && least !== null && passage.score < least.score) return
    queue.push(passage)
    if (queue.length > maxPassages && least !== null) queue.splice(queue.indexOf(least), 1)
  }
  let passage: Passage = { start: -1, end: -1, score: 0, matches: [] }
  let lastPassageEnd = 0
  for (const span of spans) {
    if (span.start < length && span.end > length) continue
    if (span.start >= passage.end) {
      offer(passage)
      passage = { start: -1, end: -1, score: 0, matches: [] }
      if (span.start >= length) break
      passage.start = Math.max(breaker.preceding(span.start + 1), lastPassageEnd)
      lastPassageEnd = Math.min(breaker.following(span.start), length)
      passage.end = lastPassageEnd
    }
    passage.matches.push(span)
  }
  offer(passage)
  return queue.sort((a, b) => a.start - b.start)
}

/** CustomFieldHighlighter.getSummaryPassagesNoHighlight. */
function noMatchPassage(content: string, noMatchSize: number, words: Boundaries): Passage[] {
  let start = 0
  while (start < content.length && content[start] === MULTIVAL_SEP_CHAR) start++
  if (noMatchSize <= 0 || start >= content.length) return []
  let end = content.indexOf(MULTIVAL_SEP_CHAR, start)
  if (end === -1) end = content.length
  if (noMatchSize + start < end) {
    const next = words.following(noMatchSize + start)
    end = next === -1 ? content.length : next
  }
  return [{ start, end, score: NaN, matches: [] }]
}

const HTML_ESCAPES: Record<string, string> = {
  '"': '&quot;',
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  "'": '&#x27;',
  '/': '&#x2F;',
}

/** Java's String.trim: every char up to U+0020 goes from both ends. */
function javaTrim(text: string): string {
  let start = 0
  let end = text.length
  while (start < end && text.charCodeAt(start) <= 0x20) start++
  while (end > start && text.charCodeAt(end - 1) <= 0x20) end--
  return text.slice(start, end)
}

function format(passage: Passage, content: string, options: PassageOptions): string {
  const encode = (from: number, to: number): string => {
    const text = content.slice(from, to)
    return options.html ? text.replace(/["&<>'/]/g, (c) => HTML_ESCAPES[c]!) : text
  }
  let out = ''
  let pos = passage.start
  const { matches } = passage
  for (let i = 0; i < matches.length; i++) {
    const start = matches[i]!.start
    let end = matches[i]!.end
    out += encode(pos, start)
    while (i + 1 < matches.length && matches[i + 1]!.start < end) end = Math.max(matches[++i]!.end, end)
    end = Math.min(end, passage.end)
    out += options.preTag + encode(start, end) + options.postTag
    pos = end
  }
  out += encode(pos, Math.max(pos, passage.end))
  if (out.endsWith('\u2029') || out.endsWith(MULTIVAL_SEP_CHAR)) out = out.slice(0, -1)
  return options.whole ? out : javaTrim(out)
}

/** The field's snippets in offset order, or [] when nothing matched and no_match_size is 0. */
export function highlightPassages(
  content: string,
  spans: readonly MatchSpan[],
  breaker: PassageBreaker,
  words: Boundaries,
  options: PassageOptions,
): Snippet[] {
  if (content.length === 0) return []
  const passages = spans.length > 0 ? selectPassages(content, spans, breaker, options.maxPassages) : []
  const chosen = passages.length > 0 ? passages : noMatchPassage(content, options.noMatchSize, words)
  return chosen.map((passage) => ({ text: format(passage, content, options), score: passage.score }))
}
