/**
 * The lexical grammar of a Kibana Dev Tools request body, the part that matters before JSON parsing:
 * `"""` triple-quoted strings (raw, may span lines), `"..."` JSON strings (with `\` escapes, end at the
 * line's end if unclosed), `//` and `#` line comments, `/* ... *\/` block comments (may span lines), and
 * everything else as plain text. Kibana's console reads `"""` as a triple quote wherever three quotes meet,
 * so `""""` opens a triple-quoted string whose content starts with `"`.
 *
 * Invariant: a token is never empty; `end` is exclusive; `closed` is false only for a triple-quoted string
 * or a block comment that reaches the end of the text without its closing delimiter.
 */

export type BodyTokenKind = 'tripleString' | 'string' | 'lineComment' | 'blockComment' | 'text'

export interface BodyToken {
  kind: BodyTokenKind
  start: number
  end: number
  closed: boolean
}

/** The token that starts at `start` (which must be before the end of the text). */
export function readBodyToken(text: string, start: number): BodyToken {
  const c = text.charAt(start)
  const next = text.charAt(start + 1)
  if (c === '"' && next === '"' && text.charAt(start + 2) === '"')
    return delimited(text, start, 'tripleString', '"""')
  if (c === '/' && next === '*') return delimited(text, start, 'blockComment', '*/')
  if (c === '"') return jsonString(text, start)
  if (c === '#' || (c === '/' && next === '/'))
    return { kind: 'lineComment', start, end: lineEnd(text, start), closed: true }
  let end = start + 1
  while (end < text.length && !startsSpecial(text, end)) end++
  return { kind: 'text', start, end, closed: true }
}

function delimited(text: string, start: number, kind: BodyTokenKind, close: string): BodyToken {
  const at = text.indexOf(close, start + close.length)
  return at < 0
    ? { kind, start, end: text.length, closed: false }
    : { kind, start, end: at + close.length, closed: true }
}

function jsonString(text: string, start: number): BodyToken {
  for (let at = start + 1; at < text.length; at++) {
    const c = text.charAt(at)
    if (c === '"') return { kind: 'string', start, end: at + 1, closed: true }
    if (c === '\n') return { kind: 'string', start, end: at, closed: true }
    if (c === '\\' && text.charAt(at + 1) !== '\n') at++
  }
  return { kind: 'string', start, end: text.length, closed: true }
}

function lineEnd(text: string, start: number): number {
  const newline = text.indexOf('\n', start)
  return newline < 0 ? text.length : newline
}

function startsSpecial(text: string, at: number): boolean {
  const c = text.charAt(at)
  if (c === '"' || c === '#' || c === '\n') return true
  const next = text.charAt(at + 1)
  return c === '/' && (next === '/' || next === '*')
}
