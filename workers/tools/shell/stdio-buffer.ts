/**
 * A C program's stdout into a pipe: glibc's stdio gives it a full buffer the size of the pipe's st_blksize
 * (4096 bytes on Linux), written out each time it fills and when the program exits; on a terminal it is line
 * buffered. So a text filter in the middle of a pipeline (`consumer | grep x | cut -c1-5`) passes its output
 * on in blocks of 4096 bytes and the rest when it ends, while the last one of a pipeline shows each line at
 * once. The text filters (text/text-commands.ts) are such programs; bash's builtins (echo), the JVM's
 * System.out (autoflush) and curl's one write of the body are not held.
 *
 * Invariant: the text written out is the text given, in order; a block cut ends on a character boundary at
 * the last one that fits in 4096 UTF-8 bytes.
 */
import type { PipelineCommand } from '../script/types.ts'
import { TEXT_COMMANDS } from './text/text-commands.ts'

/** Linux's st_blksize for a pipe, which glibc takes as the buffer size. */
export const PIPE_BUFFER_BYTES = 4096

const STDIO_PROGRAMS = new Set(TEXT_COMMANDS.map(([name]) => name))

/** Whether the command's stdout into a pipe is held in a stdio buffer. */
export function writesThroughStdio(command: PipelineCommand): boolean {
  return command.kind === 'playground' && STDIO_PROGRAMS.has(command.name)
}

export class StdioBuffer {
  private held = ''
  private bytes = 0

  constructor(private readonly write: (text: string) => void) {}

  add(text: string): void {
    for (const char of text) {
      const size = utf8Length(char)
      if (this.bytes + size > PIPE_BUFFER_BYTES) this.flush()
      this.held += char
      this.bytes += size
    }
    if (this.bytes === PIPE_BUFFER_BYTES) this.flush()
  }

  /** exit(): what is held is written out. */
  flush(): void {
    if (this.held === '') return
    const text = this.held
    this.held = ''
    this.bytes = 0
    this.write(text)
  }
}

function utf8Length(char: string): number {
  const code = char.codePointAt(0) ?? 0
  return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4
}
