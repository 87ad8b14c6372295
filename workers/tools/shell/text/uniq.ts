/**
 * `uniq [-c] [-d | -u] [-i] [-f N] [-s N] [-w N] [INPUT [OUTPUT]]` as GNU coreutils 9 prints it: adjacent
 * equal lines are one, compared after skipping N fields (blanks then non-blanks) and N characters, on at most
 * -w characters, ASCII case folded with -i; `-c` prefixes the count as `%7d ` (seven wide, then a space),
 * `-d` prints only repeated lines, `-u` only unique ones. OUTPUT names a file to write. Errors:
 * `uniq: x: No such file or directory`, `uniq: extra operand 'x'`, `uniq: x: invalid number of fields
 * to skip` and getopt's, with the `Try` line (exit 1).
 */
import type { LinesCommand } from './inputs.ts'
import { getopt, tryHelp } from './getopt.ts'
import { readInputs, splitLines } from './inputs.ts'

export const uniq: LinesCommand = (args, stdin, out, files) => {
  const parsed = getopt('uniq', args, {
    short: 'cdf:is:uw:',
    long: [
      { name: 'count', argument: false, key: 'c' },
      { name: 'repeated', argument: false, key: 'd' },
      { name: 'skip-fields', argument: true, key: 'f' },
      { name: 'ignore-case', argument: false, key: 'i' },
      { name: 'skip-chars', argument: true, key: 's' },
      { name: 'unique', argument: false, key: 'u' },
      { name: 'check-chars', argument: true, key: 'w' },
    ],
  })
  if (typeof parsed === 'string') return (out.stderr(`${parsed}\n${tryHelp('uniq')}`), 1)
  let count = false
  let repeated = false
  let uniqueOnly = false
  let ignoreCase = false
  const numbers = { f: 0, s: 0, w: Infinity }
  const what = { f: 'fields to skip', s: 'bytes to skip', w: 'bytes to compare' }
  for (const { key, value } of parsed.options) {
    if (key === 'c') count = true
    else if (key === 'd') repeated = true
    else if (key === 'u') uniqueOnly = true
    else if (key === 'i') ignoreCase = true
    else if (key === 'f' || key === 's' || key === 'w') {
      if (!/^\d+$/.test(value)) {
        out.stderr(`uniq: ${value}: invalid number of ${what[key]}\n`)
        return 1
      }
      numbers[key] = Number(value)
    }
  }
  const [input, output, extra] = parsed.operands
  if (extra !== undefined) return (out.stderr(`uniq: extra operand ‘${extra}’\n${tryHelp('uniq')}`), 1)
  const { operand, text } = readInputs(input === undefined ? [] : [input], stdin, files)[0]!
  if (text === null) return (out.stderr(`uniq: ${operand}: No such file or directory\n`), 1)
  const compared = (line: string): string => {
    let at = 0
    for (let f = 0; f < numbers.f; f++) {
      while (at < line.length && /[ \t]/.test(line[at]!)) at++
      while (at < line.length && !/[ \t]/.test(line[at]!)) at++
    }
    const part = line.slice(at + numbers.s, numbers.w === Infinity ? undefined : at + numbers.s + numbers.w)
    return ignoreCase ? part.replace(/[a-z]+/g, (s) => s.toUpperCase()) : part
  }
  let result = ''
  const lines = splitLines(text)
  for (let i = 0; i < lines.length;) {
    let j = i + 1
    while (j < lines.length && compared(lines[j]!) === compared(lines[i]!)) j++
    const times = j - i
    if (!(repeated && times === 1) && !(uniqueOnly && times > 1)) {
      result += `${count ? `${String(times).padStart(7)} ` : ''}${lines[i]}\n`
    }
    i = j
  }
  if (output === undefined) out.stdout(result)
  else files.write(output, result)
  return 0
}
