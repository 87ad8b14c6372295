/**
 * The inputs of a text command: each FILE operand read from the shell's files, `-` (or no operand at all)
 * being the piped standard input. The shell hands stdin over as lines; joined back, each line ends with a
 * newline (a last line without one cannot be told apart). Texts are JavaScript strings; commands that count
 * or cut bytes measure them in UTF-8 (the playground's locale is C.UTF-8: docs/DEVIATIONS.md).
 */
import type { ShellFileSystem } from '../shell-files.ts'
import type { ToolOutput } from '../../tool.ts'

/**
 * A text command over its whole standard input (text-commands.ts reads a pipe to its end first, as sort and wc
 * must): the shell's FileCommand with stdin as the lines already read.
 */
export type LinesCommand = (
  args: readonly string[],
  stdin: readonly string[],
  out: ToolOutput,
  files: ShellFileSystem,
) => number

export interface Input {
  /** The operand as given (`-` for stdin). */
  readonly operand: string
  /** The file's text, or null when there is no such file. */
  readonly text: string | null
}

export function stdinText(stdin: readonly string[]): string {
  return stdin.map((line) => `${line}\n`).join('')
}

/** The operands' inputs in order; none means standard input alone. */
export function readInputs(
  operands: readonly string[],
  stdin: readonly string[],
  files: ShellFileSystem,
): Input[] {
  const named = operands.length === 0 ? ['-'] : operands
  return named.map((operand) => ({
    operand,
    text: operand === '-' ? stdinText(stdin) : files.read(operand),
  }))
}

/** The text's lines without their newlines; a last line without one is a line too. */
export function splitLines(text: string): string[] {
  if (text === '') return []
  const lines = text.split('\n')
  if (lines[lines.length - 1] === '') lines.pop()
  return lines
}

const encoder = new TextEncoder()
const decoder = new TextDecoder()

export function utf8(text: string): Uint8Array {
  return encoder.encode(text)
}

export function fromUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes)
}

/** Compares as strcmp on the UTF-8 bytes (the C locale's collation): by code point. */
export function compareBytes(a: string, b: string): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i)
    const y = b.charCodeAt(i)
    if (x !== y) {
      // A surrogate (a code point above U+FFFF) sorts after every BMP unit from U+E000.
      const xs = x >= 0xd800 && x <= 0xdfff
      const ys = y >= 0xd800 && y <= 0xdfff
      if (xs !== ys) return xs ? (y >= 0xe000 ? 1 : x - y) : x >= 0xe000 ? -1 : x - y
      return x - y
    }
  }
  return a.length - b.length
}
