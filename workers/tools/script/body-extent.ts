/**
 * Where a Dev Tools request body (or a stray block of body-like text) ends. It ends before:
 * - a line that starts a new command (see `startsCommand`), unless the line lies inside a `"""` string or a
 *   block comment;
 * - a blank line or a comment-only line outside every `{ }` object: Kibana's console parser reads the body
 *   as objects that each start on the line where the previous one ended or on the next line, so a blank
 *   line after an object (or right after the request line) ends the request, and what follows is no body.
 * Inside an object, blank and comment lines are part of the body; trailing ones are not counted in it.
 *
 * One pass, linear in the body's length: each line is tokenised once (strings, comments, braces). When the
 * body reaches the end of the text inside a `"""` string or a block comment, the extent is cut back to the
 * next request, curl or Kafka tool line regardless of quoting, and `unclosed` names the missing delimiter,
 * so that one typo never swallows the rest of the script.
 */
import { readBodyToken } from './body-tokens.ts'
import { startsCommand, startsRequestOrTool } from './command-words.ts'
import { isBlank, type LineTable } from './line-table.ts'

export interface BodyExtent {
  /** The last line holding body content, or `firstLine - 1` when the body is empty. */
  lastLine: number
  /** The line where parsing resumes. */
  nextLine: number
  /** `'"""'` or `'*\/'` when the body ended inside a triple-quoted string or a block comment. */
  unclosed: string | null
}

export function bodyExtent(lines: LineTable, firstLine: number): BodyExtent {
  const text = lines.text
  let insideUntil = -1
  let openDelimiter: string | null = null
  let depth = 0
  let lastLine = firstLine - 1
  let line = firstLine
  for (; line < lines.count; line++) {
    const start = lines.start(line)
    const end = lines.end(line)
    let at = start
    let significant = false
    if (insideUntil > start) {
      significant = openDelimiter === '"""'
      at = insideUntil
    } else {
      const first = lines.firstNonBlank(line)
      if (first >= 0 && startsCommand(text, first, end)) break
      if (depth <= 0 && (first < 0 || isCommentStart(text, first))) break
      at = first < 0 ? end : first
    }
    while (at < end) {
      const token = readBodyToken(text, at)
      if (token.kind === 'text') {
        for (let c = token.start; c < token.end && c < end; c++) {
          const code = text.charCodeAt(c)
          if (code === OPEN_BRACE) depth++
          else if (code === CLOSE_BRACE) depth--
          significant ||= !isBlank(code)
        }
      } else if (token.kind !== 'lineComment' && token.kind !== 'blockComment') significant = true
      if ((token.kind === 'tripleString' || token.kind === 'blockComment') && token.end > end) {
        insideUntil = token.closed ? token.end : Infinity
        openDelimiter = token.kind === 'tripleString' ? '"""' : '*/'
      }
      at = token.end
    }
    if (significant) lastLine = line
  }
  if (insideUntil !== Infinity) return { lastLine, nextLine: line, unclosed: null }
  return { ...recoveryExtent(lines, firstLine), unclosed: openDelimiter }
}

/** The extent up to the next request, curl or Kafka tool line, ignoring quotes and comments. */
function recoveryExtent(lines: LineTable, firstLine: number): Omit<BodyExtent, 'unclosed'> {
  let lastLine = firstLine - 1
  let line = firstLine
  for (; line < lines.count; line++) {
    const first = lines.firstNonBlank(line)
    if (first < 0) continue
    if (startsRequestOrTool(lines.text, first, lines.end(line))) break
    lastLine = line
  }
  return { lastLine, nextLine: line }
}

const OPEN_BRACE = 123
const CLOSE_BRACE = 125

function isCommentStart(text: string, at: number): boolean {
  return text.charAt(at) === '#' || text.startsWith('//', at) || text.startsWith('/*', at)
}
