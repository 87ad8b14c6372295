/**
 * The body Kibana's console sends for the text under a Dev Tools request line, reproduced step by step
 * (Kibana `console` plugin: `getRequestFromEditor`, `splitRequestDataObjects`, `removeCommentsFromData`,
 * `collapseLiteralStrings`, `sendRequest`):
 *
 * 1. the body text is trimmed and cut into top-level JSON objects: after a top-level `}` closes, blanks
 *    and comments still belong to that object, and anything else starts the next one;
 * 2. in each object, comments (`//`, `#`, `/* *\/`, outside strings) become one space, and each `"""`
 *    string becomes a JSON string (`JSON.stringify` of its raw content: quotes, backslashes, newlines and
 *    control characters escaped);
 * 3. every newline is removed from each object, so each object is on one line (what `_bulk` and
 *    `_msearch` need), the objects are joined with `\n`, and a final `\n` is appended.
 *
 * So `{\n  "a": 1\n}` is sent as `{  "a": 1}\n`. A body that is not valid JSON is sent all the same: the node
 * answers with the real parse error. CRLF line ends are read as LF.
 */
import { readBodyToken } from './body-tokens.ts'

export function kibanaRequestBody(bodyText: string): string | null {
  const text = bodyText.replace(/\r\n/g, '\n').trim()
  if (text === '') return null
  const starts = objectStarts(text)
  const objects: string[] = []
  for (let i = 0; i < starts.length; i++) {
    const object = starts[i]
    if (object !== undefined) objects.push(sendForm(text, object, starts[i + 1]?.start ?? text.length))
  }
  return objects.join('\n') + '\n'
}

/**
 * Where each top-level object starts. After a top-level `}` closes, comments and blanks still belong to
 * that object; the first other character (outside comments) starts the next one.
 */
function objectStarts(text: string): ObjectStart[] {
  let current: ObjectStart = { start: 0, plain: true }
  const starts = [current]
  let depth = 0
  let completed = false
  const startAt = (start: number): void => {
    if (completed) starts.push((current = { start, plain: true }))
    completed = false
  }
  for (let at = 0; at < text.length;) {
    const token = readBodyToken(text, at)
    if (token.kind === 'text') {
      for (let c = token.start; c < token.end; c++) {
        const code = text.charCodeAt(c)
        if (isJsWhitespace(code)) continue
        startAt(c)
        if (code === OPEN_BRACE) depth++
        else if (code === CLOSE_BRACE) completed = --depth === 0
      }
    } else if (token.kind === 'string' || token.kind === 'tripleString') {
      startAt(token.start)
      current.plain &&= token.kind === 'string'
    } else current.plain = false
    at = token.end
  }
  return starts
}

/** Where an object starts, and whether it is plain: no comment and no `"""` string in it. */
interface ObjectStart {
  start: number
  plain: boolean
}

/** One object as Kibana sends it: trimmed, comments blanked, `"""` strings collapsed, newlines removed. */
function sendForm(text: string, object: ObjectStart, to: number): string {
  let start = object.start
  let end = to
  while (start < end && isJsWhitespace(text.charCodeAt(start))) start++
  while (end > start && isJsWhitespace(text.charCodeAt(end - 1))) end--
  if (object.plain) return withoutNewlines(text.slice(start, end))
  let out = ''
  let plain = start
  for (let at = start; at < end;) {
    const token = readBodyToken(text, at)
    const comment = token.kind === 'lineComment' || token.kind === 'blockComment'
    const triple = token.kind === 'tripleString' && token.closed && token.end <= end
    if (comment || triple) {
      out += withoutNewlines(text.slice(plain, token.start))
      out += comment ? ' ' : JSON.stringify(text.slice(token.start + 3, token.end - 3))
      plain = Math.min(token.end, end)
    }
    at = token.end
  }
  return out + withoutNewlines(text.slice(plain, end))
}

const OPEN_BRACE = 123
const CLOSE_BRACE = 125

/** The characters JavaScript's `trim()` and `\s` treat as white space, as Kibana's trimming does. */
function isJsWhitespace(code: number): boolean {
  return (
    code === 32 ||
    code === 9 ||
    code === 10 ||
    code === 13 ||
    code === 11 ||
    code === 12 ||
    code === 160 ||
    code === 0xfeff ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0x1680
  )
}

function withoutNewlines(piece: string): string {
  return piece.includes('\n') ? piece.replace(/\n/g, '') : piece
}
