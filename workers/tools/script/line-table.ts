/**
 * The console buffer cut into lines once, so that every later step finds a line's bounds and a position's
 * line in O(1) or O(log n). A line ends before its `\n`; a `\r` just before that `\n` is not part of the
 * line's content (CRLF buffers parse like LF ones). Lines are 0-based here; ranges report them 1-based.
 */
import type { SourceRange } from './types.ts'

export class LineTable {
  readonly text: string
  private readonly starts: number[]

  constructor(text: string) {
    this.text = text
    this.starts = [0]
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) this.starts.push(at + 1)
  }

  get count(): number {
    return this.starts.length
  }

  start(line: number): number {
    return this.starts[line] ?? this.text.length
  }

  /** The offset just after the line's content (before its `\r\n` or `\n`). */
  end(line: number): number {
    const next = this.starts[line + 1]
    if (next === undefined) return this.text.length
    return this.text.charCodeAt(next - 2) === 13 && next - 2 >= this.start(line) ? next - 2 : next - 1
  }

  /** The line that holds `offset` (an offset on a line break belongs to the line it ends). */
  lineOf(offset: number): number {
    let lo = 0
    let hi = this.starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if ((this.starts[mid] ?? 0) <= offset) lo = mid
      else hi = mid - 1
    }
    return lo
  }

  /** The first non-blank offset of the line, or -1 when the line is blank. */
  firstNonBlank(line: number): number {
    const end = this.end(line)
    for (let at = this.start(line); at < end; at++) if (!isBlank(this.text.charCodeAt(at))) return at
    return -1
  }

  /** A range from `start` to just after the last non-blank character before `end`. */
  range(start: number, end: number): SourceRange {
    let last = end
    while (last > start && isBlank(this.text.charCodeAt(last - 1))) last--
    return {
      start,
      end: last,
      line: this.lineOf(start) + 1,
      endLine: this.lineOf(Math.max(start, last - 1)) + 1,
    }
  }
}

/** Space, tab, CR, LF: the characters a line's content is trimmed of. */
export function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 13 || code === 10
}
