/**
 * A bash list on one logical line: simple commands joined into pipelines by `|`, and pipelines joined by
 * `&&`, `||` and `;` (`a | b && c; d`), read with shell-words.ts one simple command at a time. As bash reads
 * it, a line that ends with `|`, `&&` or `||` (blanks or a comment may follow) goes on at the next line that is
 * not blank or a comment; a line that ends with `;` ends the list there. A `|`, `&&` or `||` with nothing
 * after it at the end of the text is bash's `syntax error: unexpected end of file`.
 *
 * Invariants: `commands` holds at least one command, in order; each command's `start` is its first non-blank
 * character and its `read.end` the offset of the operator after it (or of the newline ending the list);
 * `end` is the offset of the newline that ends the list (or the end of the text). `error` is the first error
 * of any command, or of the list itself; the list's commands are still all read, so `end` is right.
 */
import { readShellWords, type ControlOperator, type ShellWordsLine } from './shell-words.ts'

export interface ListCommand {
  read: ShellWordsLine
  start: number
  /** The operator before this command: null for the first. */
  after: ControlOperator | null
}

export interface ShellList {
  commands: ListCommand[]
  end: number
  error: string | null
}

export function readShellList(text: string, start: number): ShellList {
  const commands: ListCommand[] = []
  let error: string | null = null
  let at = start
  let after: ControlOperator | null = null
  for (;;) {
    const read = readShellWords(text, at)
    commands.push({ read, start: at, after })
    error ??= read.error
    const operator = read.operator
    if (operator === null) return { commands, end: read.end, error }
    const next = skipBlanks(text, read.end + operator.length)
    if (!atLineEnd(text, next)) {
      at = next
      after = operator
      continue
    }
    if (operator === ';') return { commands, end: lineEnd(text, next), error }
    const resumed = nextCommandLine(text, next)
    if (resumed < 0) {
      return { commands, end: text.length, error: error ?? 'syntax error: unexpected end of file' }
    }
    at = resumed
    after = operator
  }
}

function skipBlanks(text: string, from: number): number {
  let at = from
  while (text.charAt(at) === ' ' || text.charAt(at) === '\t' || text.charAt(at) === '\r') at++
  return at
}

/** Whether the line ends at `at` (a newline, a comment or the end of the text). */
function atLineEnd(text: string, at: number): boolean {
  return at >= text.length || text.charAt(at) === '\n' || text.charAt(at) === '#'
}

function lineEnd(text: string, from: number): number {
  const newline = text.indexOf('\n', from)
  return newline < 0 ? text.length : newline
}

/** The first non-blank character of the next line after `from`'s that is neither blank nor a comment, or -1. */
function nextCommandLine(text: string, from: number): number {
  let at = lineEnd(text, from)
  while (at < text.length) {
    const first = skipBlanks(text, at + 1)
    if (!atLineEnd(text, first)) return first
    at = lineEnd(text, first)
  }
  return -1
}
