/**
 * A command's standard input as lines: all of them at once (the `>` lines typed at a tool's prompt, a
 * here-document, a `<` file: an InputLines) or as they arrive through a pipe (shell/pipe.ts), ending when the
 * writer ends. Like a file descriptor, an input is read once: what one read takes, the next does not see again
 * (`head -n1 - -` reads its second `-` from where the first stopped). A plain array (a test's, a file's lines
 * inside a command) is read from its start each time.
 */
export type LineInput = readonly string[] | AsyncIterable<string>

/**
 * An input whose reader takes a block at a time (GNU head's read of BUFSIZ bytes): what is already there is
 * gone once one read has taken its lines, unless the input is a seekable file, where head puts back (lseeks
 * over) what it did not print.
 */
export interface BlockInput {
  /** Drops the lines already there and not yet read (nothing on a seekable file). */
  discardBuffered(): void
}

/** Lines that are all there at once, read once: a here-document or typed lines (a pipe), or a `< file`. */
export class InputLines implements AsyncIterable<string>, BlockInput {
  private next = 0

  constructor(
    private readonly lines: readonly string[],
    /** True for a `< file`, which a reader can seek back on. */
    private readonly seekable: boolean,
  ) {}

  /** The lines not read yet, now read. */
  takeAll(): string[] {
    const rest = this.lines.slice(this.next)
    this.next = this.lines.length
    return rest
  }

  /** The next line, or null at the end. */
  takeLine(): string | null {
    return this.next < this.lines.length ? (this.lines[this.next++] ?? null) : null
  }

  discardBuffered(): void {
    if (!this.seekable) this.next = this.lines.length
  }

  [Symbol.asyncIterator](): AsyncIterator<string> {
    return {
      next: () => {
        const line = this.takeLine()
        return Promise.resolve(
          line === null ? { done: true, value: undefined } : { done: false, value: line },
        )
      },
    }
  }
}

/** Calls `take` with each line: at once for lines already there, else as each arrives; resolves at the end. */
export async function eachLine(input: LineInput, take: (line: string) => void): Promise<void> {
  if (isArray(input)) input.forEach((line) => take(line))
  else if (input instanceof InputLines) input.takeAll().forEach((line) => take(line))
  else for await (const line of input) take(line)
}

/** Every line of the input, once it has ended. */
export async function readAll(input: LineInput): Promise<string[]> {
  const lines: string[] = []
  await eachLine(input, (line) => lines.push(line))
  return lines
}

function isArray(input: LineInput): input is readonly string[] {
  return Array.isArray(input)
}

/** After a block reader is done with the input: drops what it read beyond the lines it used (BlockInput). */
export function discardBuffered(input: LineInput): void {
  if (!isArray(input) && 'discardBuffered' in input) (input as BlockInput).discardBuffered()
}

/** Reads the input a line at a time, as a Java tool's readLine does: each call resolves to the next line, or null at the end. */
export function lineReader(input: LineInput): () => Promise<string | null> {
  if (isArray(input)) {
    let next = 0
    return () => Promise.resolve(input[next++] ?? null)
  }
  if (input instanceof InputLines) return () => Promise.resolve(input.takeLine())
  const lines = input[Symbol.asyncIterator]()
  return async () => {
    const read = await lines.next()
    return read.done === true ? null : read.value
  }
}
