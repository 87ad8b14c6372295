/**
 * `wc [-clmwL] [FILE...]` as GNU coreutils 9 prints it: the counts in the order lines, words, characters,
 * bytes, maximum line width, each right-aligned in one width for all rows, then the name (none for the piped
 * input without FILE), and a `total` row for several files. The width is coreutils' compute_number_width:
 * 1 when one count of one input is printed; else the digits of the inputs' total size, at least 7 when an
 * input is the pipe (`-` or no FILE), whose size is not known beforehand. Words are runs of characters other
 * than white space (non-breaking spaces separate words too, as outside POSIXLY_CORRECT); characters are
 * code points, bytes their UTF-8 length. A missing file prints `wc: x: No such file or directory` (exit 1).
 */
import type { LinesCommand } from './inputs.ts'
import { getopt, tryHelp } from './getopt.ts'
import { readInputs, utf8 } from './inputs.ts'

interface Counts {
  lines: number
  words: number
  chars: number
  bytes: number
  width: number
}

const SEPARATORS = /[\s\u00a0\u2007\u202f\u2060]/u

function count(text: string): Counts {
  const counts: Counts = { lines: 0, words: 0, chars: 0, bytes: utf8(text).length, width: 0 }
  let inWord = false
  let position = 0
  for (const char of text) {
    counts.chars++
    if (char === '\n' || char === '\r' || char === '\f') {
      if (char === '\n') counts.lines++
      counts.width = Math.max(counts.width, position)
      position = 0
      inWord = false
    } else if (char === '\t') {
      position += 8 - (position % 8)
      inWord = false
    } else if (SEPARATORS.test(char)) {
      if (char === ' ') position++
      inWord = false
    } else {
      if (char >= ' ' && char !== '\x7f') position++
      if (!inWord) counts.words++
      inWord = true
    }
  }
  counts.width = Math.max(counts.width, position)
  return counts
}

const FIELDS = ['lines', 'words', 'chars', 'bytes', 'width'] as const

export const wc: LinesCommand = (args, stdin, out, files) => {
  const parsed = getopt('wc', args, {
    short: 'clLmw',
    long: [
      { name: 'bytes', argument: false, key: 'c' },
      { name: 'chars', argument: false, key: 'm' },
      { name: 'lines', argument: false, key: 'l' },
      { name: 'words', argument: false, key: 'w' },
      { name: 'max-line-length', argument: false, key: 'L' },
    ],
  })
  if (typeof parsed === 'string') return (out.stderr(`${parsed}\n${tryHelp('wc')}`), 1)
  const keys = new Set(parsed.options.map(({ key }) => key))
  if (keys.size === 0) ['l', 'w', 'c'].forEach((key) => keys.add(key))
  const letters: Record<(typeof FIELDS)[number], string> = {
    lines: 'l',
    words: 'w',
    chars: 'm',
    bytes: 'c',
    width: 'L',
  }
  const printed = FIELDS.filter((field) => keys.has(letters[field]))
  const inputs = readInputs(parsed.operands, stdin, files)
  let width = 1
  if (!(inputs.length === 1 && printed.length === 1)) {
    const found = inputs.filter(({ text }) => text !== null)
    const size = found.reduce((sum, { operand, text }) => sum + (operand === '-' ? 0 : utf8(text!).length), 0)
    width = Math.max(String(size).length, found.some(({ operand }) => operand === '-') ? 7 : 1)
  }
  const row = (counts: Counts, name: string | null) =>
    `${printed.map((field) => String(counts[field]).padStart(width)).join(' ')}${name === null ? '' : ` ${name}`}\n`
  const total: Counts = { lines: 0, words: 0, chars: 0, bytes: 0, width: 0 }
  let exitCode = 0
  for (const { operand, text } of inputs) {
    if (text === null) {
      out.stderr(`wc: ${operand}: No such file or directory\n`)
      exitCode = 1
      continue
    }
    const counts = count(text)
    out.stdout(row(counts, parsed.operands.length === 0 ? null : operand))
    for (const field of FIELDS)
      total[field] = field === 'width' ? Math.max(total.width, counts.width) : total[field] + counts[field]
  }
  if (inputs.length > 1) out.stdout(row(total, 'total'))
  return exitCode
}
