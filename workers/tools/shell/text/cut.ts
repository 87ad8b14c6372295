/**
 * `cut -b LIST | -c LIST | -f LIST [-d DELIM] [-s] [--complement] [--output-delimiter=S] [FILE...]` as GNU
 * coreutils 9 cuts: LIST is comma-separated N, N-, N-M, -M (1-based, printed in input order whatever the
 * order written; parseList); -b and -c both select bytes (Debian's coreutils has no multibyte cut, so a
 * character cut inside a UTF-8 sequence is a broken byte, shown as U+FFFD); -f selects fields separated by
 * DELIM (TAB by default), prints a line with no DELIM whole unless -s, and joins the fields with DELIM or
 * the output delimiter. Errors are set-fields.c's and cut.c's texts with the `Try` line (exit 1):
 * `cut: you must specify a list of bytes, characters, or fields`, `cut: fields are numbered from 1`,
 * `cut: invalid field value 'x'`, `cut: invalid decreasing range`, `cut: the delimiter must be a single
 * character`; a missing file is `cut: x: No such file or directory`. Standard input is cut line by line as it
 * arrives (`consumer | cut -d, -f1` prints each record's field as it comes).
 */
import type { FileCommand } from '../file-commands.ts'
import { eachLine } from '../../line-input.ts'
import { getopt, tryHelp } from './getopt.ts'
import { fromUtf8, splitLines, utf8 } from './inputs.ts'

/** Inclusive 1-based ranges, sorted and merged; `high` Infinity for `N-`. */
type Ranges = { low: number; high: number }[]

/**
 * LIST as set-fields.c reads it, left to right: an empty item or a 0 is `numbered from 1`, a character
 * other than digits, `-`, `,` and blanks is `invalid field value` quoting the list from there on;
 * overlapping ranges merge (`2-5,3-4` is `2-5`), touching ones stay apart (`1-2,3-4` prints an output
 * delimiter between them).
 */
function parseList(list: string, fields: boolean): Ranges | string {
  const numbered = fields ? 'fields are numbered from 1' : 'byte/character positions are numbered from 1'
  const ranges: Ranges = []
  let offset = 0
  for (const item of list.split(/[,\s]/)) {
    const bad = item.search(/[^\d-]/)
    if (bad >= 0) {
      const rest = list.slice(offset + bad)
      return fields ? `invalid field value ‘${rest}’` : `invalid byte/character position ‘${rest}’`
    }
    offset += item.length + 1
    const match = /^(\d*)(-?)(\d*)$/.exec(item)
    if (!match) return fields ? 'invalid field range' : 'invalid byte or character range'
    const [, from, dash, to] = match as unknown as [string, string, string, string]
    if (dash !== '' && from === '' && to === '') return 'invalid range with no endpoint: -'
    const low = from === '' ? (dash === '' ? 0 : 1) : Number(from)
    const high = dash === '' ? low : to === '' ? Infinity : Number(to)
    if (low === 0 || high === 0) return numbered
    if (high < low) return 'invalid decreasing range'
    ranges.push({ low, high })
  }
  ranges.sort((a, b) => a.low - b.low)
  const merged: Ranges = []
  for (const range of ranges) {
    const last = merged[merged.length - 1]
    if (last && range.low <= last.high) last.high = Math.max(last.high, range.high)
    else merged.push({ ...range })
  }
  return merged
}

function complemented(ranges: Ranges): Ranges {
  const result: Ranges = []
  let next = 1
  for (const { low, high } of ranges) {
    if (low > next) result.push({ low: next, high: low - 1 })
    next = high + 1
  }
  if (next !== Infinity) result.push({ low: next, high: Infinity })
  return result
}

const selected = (ranges: Ranges, n: number) => ranges.some(({ low, high }) => n >= low && n <= high)

export const cut: FileCommand = async (args, stdin, out, files) => {
  const usage = (message: string) => (out.stderr(`cut: ${message}\n${tryHelp('cut')}`), 1)
  const parsed = getopt('cut', args, {
    short: 'b:c:d:f:nsz',
    long: [
      { name: 'bytes', argument: true, key: 'b' },
      { name: 'characters', argument: true, key: 'c' },
      { name: 'delimiter', argument: true, key: 'd' },
      { name: 'fields', argument: true, key: 'f' },
      { name: 'only-delimited', argument: false, key: 's' },
      { name: 'complement', argument: false, key: 'complement' },
      { name: 'output-delimiter', argument: true, key: 'output-delimiter' },
    ],
  })
  if (typeof parsed === 'string') return (out.stderr(`${parsed}\n${tryHelp('cut')}`), 1)
  let mode: 'b' | 'f' | null = null
  let list = ''
  let delimiter: string | null = null
  let outputDelimiter: string | null = null
  let onlyDelimited = false
  let complement = false
  for (const { key, value } of parsed.options) {
    if (key === 'b' || key === 'c' || key === 'f') {
      if (mode !== null) return usage('only one type of list may be specified')
      mode = key === 'f' ? 'f' : 'b'
      list = value
    } else if (key === 'd') {
      if ([...value].length > 1) return usage('the delimiter must be a single character')
      delimiter = value === '' ? '\0' : value
    } else if (key === 's') onlyDelimited = true
    else if (key === 'complement') complement = true
    else if (key === 'output-delimiter') outputDelimiter = value
  }
  if (mode === null) return usage('you must specify a list of bytes, characters, or fields')
  if (delimiter !== null && mode !== 'f') {
    return usage('an input delimiter may be specified only when operating on fields')
  }
  if (onlyDelimited && mode !== 'f') {
    return usage('suppressing non-delimited lines makes sense\n\tonly when operating on fields')
  }
  const parsedList = parseList(list, mode === 'f')
  if (typeof parsedList === 'string') return usage(parsedList)
  const ranges = complement ? complemented(parsedList) : parsedList
  const separator = delimiter ?? '\t'
  const cutLine = (line: string): string | null => {
    if (mode === 'b') {
      const bytes = utf8(line)
      const pieces = ranges
        .filter(({ low }) => low <= bytes.length)
        .map(({ low, high }) => fromUtf8(bytes.subarray(low - 1, Math.min(high, bytes.length))))
      return outputDelimiter === null ? pieces.join('') : pieces.join(outputDelimiter)
    }
    if (!line.includes(separator)) return onlyDelimited ? null : line
    const fields = line.split(separator).filter((_, i) => selected(ranges, i + 1))
    return fields.join(outputDelimiter ?? separator)
  }
  const print = (line: string): void => {
    const cutOf = cutLine(line)
    if (cutOf !== null) out.stdout(`${cutOf}\n`)
  }
  let exitCode = 0
  for (const operand of parsed.operands.length === 0 ? ['-'] : parsed.operands) {
    if (operand === '-') {
      await eachLine(stdin, print)
      continue
    }
    const text = files.read(operand)
    if (text === null) {
      out.stderr(`cut: ${operand}: No such file or directory\n`)
      exitCode = 1
      continue
    }
    splitLines(text).forEach(print)
  }
  return exitCode
}
