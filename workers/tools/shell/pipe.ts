/**
 * The pipe between two commands of a pipeline (`a | b`): what `a` writes to its stdout, `b` reads as lines as
 * soon as they are written. Text is cut at each `\n` (a line still being written waits for its newline; at
 * the end, a last line without one is read as a line). `close` is the writer's end (EOF for the reader);
 * `drop` is the reader's end: what the writer writes afterwards goes nowhere, as a JVM or a shell builtin
 * writing into a closed pipe goes on without its output reaching anyone.
 *
 * `discardBuffered` is a block reader's read (head's): the lines written and not yet read are gone.
 *
 * Invariant: the lines handed to the reader are lines written, in order, each once; only `drop` and
 * `discardBuffered` skip any.
 */
import type { BlockInput } from '../line-input.ts'

export class Pipe implements AsyncIterable<string>, BlockInput {
  private lines: string[] = []
  /** The index of the next line to hand out. */
  private head = 0
  private partial = ''
  private closed = false
  private dropped = false
  private wake: (() => void) | null = null

  write(text: string): void {
    if (this.dropped || this.closed) return
    const pieces = (this.partial + text).split('\n')
    this.partial = pieces.pop() ?? ''
    for (const line of pieces) this.lines.push(line)
    if (pieces.length > 0) this.notify()
  }

  close(): void {
    if (this.partial !== '') this.lines.push(this.partial)
    this.partial = ''
    this.closed = true
    this.notify()
  }

  drop(): void {
    this.dropped = true
    this.lines = []
    this.head = 0
    this.notify()
  }

  discardBuffered(): void {
    this.lines = []
    this.head = 0
  }

  /** Whether the reader has ended: the writer's output goes nowhere. */
  readerGone(): boolean {
    return this.dropped
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<string> {
    for (;;) {
      if (this.head < this.lines.length) {
        const line = this.lines[this.head++] ?? ''
        if (this.head === this.lines.length) {
          this.lines = []
          this.head = 0
        }
        yield line
      } else if (this.closed || this.dropped) return
      else await new Promise<void>((resolve) => (this.wake = resolve))
    }
  }

  private notify(): void {
    const wake = this.wake
    this.wake = null
    wake?.()
  }
}
