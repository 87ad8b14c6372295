/**
 * A bash list on one logical line: simple commands joined into pipelines by `|`, and pipelines joined by
 * `&&`, `||` and `;` (`a | b && c; d`), read with shell-words.ts one simple command at a time. As bash reads
 * it, a line that ends with `|`, `&&` or `||` (blanks or a comment may follow) goes on at the next line that is
 * not blank or a comment; a line that ends with `;` ends the list there. A `|`, `&&` or `||` with nothing
 * after it at the end of the text is bash's `syntax error: unexpected end of file`.
 *
 * Here-documents (`<<WORD`, `<<-WORD`) are read as bash 5.2's parser reads them: when it reaches the newline
 * that ends a physical line (outside quotes), the bodies of the operators read on that line follow, one after
 * the other in the order of their operators, each up to its delimiter line (`<<-` strips leading tabs first).
 * So `cat <<EOF |` + newline + body + `EOF` + `grep x` reads the body before the pipe goes on at `grep x`.
 * A body never closed runs to the end of the text (`closed` false; the bodies after it are empty), as bash reads
 * it before warning `here-document at line N delimited by end-of-file`: a newline that ends the text ends its
 * last line and starts no other.
 *
 * Invariants: `commands` holds at least one command, in order; each command's `start` is its first non-blank
 * character and its `read.end` the offset of the operator after it (or of the newline ending the list);
 * `end` is the offset of the newline that ends the list's last line (or the end of the text), `bodiesEnd` the
 * end of the last line read after it for its here-documents (`end` when none). `error` is the first error of any command, or
 * of the list itself; the list's commands are still all read, so `end` is right.
 */
import { literalWord, readShellWords, type ControlOperator, type ShellWordsLine } from './shell-words.ts'

/** A here-document's body: its lines (after `<<-`'s tab stripping), and whether its delimiter line came. */
export interface HereDocumentBody {
  lines: string[]
  closed: boolean
  /** Its delimiter after quote removal (`<<'EOF'` waits for `EOF`). */
  delimiter: string
  /**
   * The offset after which bash starts reading it: the newline ending the line bash had read last (its
   * operator's line, or the line holding the previous body's delimiter), or the end of the text.
   */
  startsAfter: number
}

export interface ListCommand {
  read: ShellWordsLine
  start: number
  /** The operator before this command: null for the first. */
  after: ControlOperator | null
  /** The bodies of its here-document operators, in the order of the operators. */
  hereDocuments: HereDocumentBody[]
}

/** bash's error for a list that the text ends in the middle of (`a |` and nothing after it). */
export const UNEXPECTED_END = 'bash: syntax error: unexpected end of file'

export interface ShellList {
  commands: ListCommand[]
  end: number
  bodiesEnd: number
  error: string | null
}

export function readShellList(text: string, start: number): ShellList {
  const commands: ListCommand[] = []
  let error: string | null = null
  let at = start
  let after: ControlOperator | null = null
  // The here-documents whose operators were read on the current physical line.
  const pending = new HereDocuments(text)
  for (;;) {
    const read = readShellWords(text, at)
    const command: ListCommand = { read, start: at, after, hereDocuments: [] }
    commands.push(command)
    pending.add(command)
    error ??= read.error
    const operator = read.operator
    const finish = (end: number): ShellList => ({ commands, end, bodiesEnd: pending.readAfter(end), error })
    if (operator === null) return finish(read.end)
    const next = skipBlanks(text, read.end + operator.length)
    if (!atLineEnd(text, next)) {
      at = next
      after = operator
      continue
    }
    if (operator === ';') return finish(lineEnd(text, next))
    const resumed = nextCommandLine(text, pending.readAfter(lineEnd(text, next)))
    if (resumed < 0) {
      return {
        commands,
        end: text.length,
        bodiesEnd: text.length,
        error: error ?? UNEXPECTED_END,
      }
    }
    at = resumed
    after = operator
  }
}

/** The here-document operators of one physical line, waiting for the newline after which bash reads them. */
class HereDocuments {
  private waiting: { command: ListCommand; strip: boolean; delimiter: string }[] = []

  constructor(private readonly text: string) {}

  add(command: ListCommand): void {
    for (const { op, target } of command.read.redirects) {
      if (op === '<<' || op === '<<-')
        this.waiting.push({ command, strip: op === '<<-', delimiter: literalWord(target) })
    }
  }

  /** Reads the waiting bodies after the line ending at `end`; returns the end of the last delimiter line read. */
  readAfter(end: number): number {
    let at = end
    for (const { command, strip, delimiter } of this.waiting) {
      const body = this.body(at, strip, delimiter)
      command.hereDocuments.push(body.body)
      at = body.end
    }
    this.waiting = []
    return at
  }

  /** The body whose first line follows the newline at `from` (none at the end of the text). */
  private body(from: number, strip: boolean, delimiter: string): { body: HereDocumentBody; end: number } {
    const text = this.text
    const lines: string[] = []
    const body = (closed: boolean): HereDocumentBody => ({ lines, closed, delimiter, startsAfter: from })
    let at = from
    // A line starts after each newline but the one that ends the text.
    while (at + 1 < text.length) {
      const end = lineEnd(text, at + 1)
      const raw = text.slice(at + 1, end).replace(/\r$/, '')
      const line = strip ? raw.replace(/^\t+/, '') : raw
      at = end
      if (line === delimiter) return { body: body(true), end }
      lines.push(line)
    }
    return { body: body(false), end: at }
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
