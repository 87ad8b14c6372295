/**
 * `sort [OPTION]... [FILE]...` as GNU coreutils 9 sorts in the C locale (byte order, which for UTF-8 text is
 * code point order): `-b -d -f -g -h -i -n -r` globally or per key (sort-keys.ts), `-k`, `-t`, `-u` (the
 * first of each run of equal keys), `-s` (no last-resort comparison of whole lines), `-c`/`-C` (check), `-o
 * FILE`. Lines whose keys compare equal are ordered by their bytes unless `-s` or `-u`, as sort's last-resort
 * comparison does. Errors: `sort: cannot read: x: No such file or directory`, `sort: multi-character tab
 * 'ab'`, the key specification messages, getopt's with the `Try` line (exit 2); `-c` reports `sort: -:2:
 * disorder: b` (exit 1). `-M`, `-R`, `-V` and `-z` are refused with a `[playground]` line.
 */
import type { LinesCommand } from './inputs.ts'
import { getopt, tryHelp } from './getopt.ts'
import { compareBytes, readInputs, splitLines } from './inputs.ts'
import {
  applyOrdering,
  compareKeys,
  hasNoOrdering,
  keyText,
  ordering,
  parseKey,
  type SortKey,
} from './sort-keys.ts'

const LONG = [
  ['ignore-leading-blanks', 'b'],
  ['dictionary-order', 'd'],
  ['ignore-case', 'f'],
  ['general-numeric-sort', 'g'],
  ['human-numeric-sort', 'h'],
  ['ignore-nonprinting', 'i'],
  ['numeric-sort', 'n'],
  ['reverse', 'r'],
  ['stable', 's'],
  ['unique', 'u'],
  ['month-sort', 'M'],
  ['random-sort', 'R'],
  ['version-sort', 'V'],
  ['zero-terminated', 'z'],
  ['merge', 'm'],
].map(([name, key]) => ({ name: name!, argument: false, key: key! }))

export const sort: LinesCommand = (args, stdin, out, files) => {
  const fail = (message: string) => (out.stderr(`sort: ${message}\n`), 2)
  const parsed = getopt('sort', args, {
    short: 'bcCdfghik:mMno:rRsS:t:T:uVz',
    long: [
      ...LONG,
      { name: 'check', argument: false, key: 'c' },
      { name: 'key', argument: true, key: 'k' },
      { name: 'output', argument: true, key: 'o' },
      { name: 'field-separator', argument: true, key: 't' },
      { name: 'buffer-size', argument: true, key: 'S' },
      { name: 'temporary-directory', argument: true, key: 'T' },
      { name: 'parallel', argument: true, key: 'parallel' },
    ],
  })
  if (typeof parsed === 'string') return (out.stderr(`${parsed}\n${tryHelp('sort')}`), 2)
  const global = ordering()
  const keys: SortKey[] = []
  let tab: string | null = null
  let unique = false
  let stable = false
  let check: 'no' | 'report' | 'quiet' = 'no'
  let output: string | null = null
  for (const { key, value } of parsed.options) {
    if (applyOrdering(global, key, 'global')) continue
    if (key === 'k') {
      const parsedKey = parseKey(value)
      if (typeof parsedKey === 'string') return fail(parsedKey)
      keys.push(parsedKey)
    } else if (key === 't') {
      if (value === '') return fail('empty tab')
      if ([...value].length > 1 && value !== '\\0') return fail(`multi-character tab ‘${value}’`)
      if (tab !== null && tab !== value) return fail('incompatible tabs')
      tab = value
    } else if (key === 'u') unique = true
    else if (key === 's') stable = true
    else if (key === 'c') check = 'report'
    else if (key === 'C') check = 'quiet'
    else if (key === 'o') output = value
    else if (key === 'M' || key === 'R' || key === 'V' || key === 'z') {
      out.stderr(`[playground] sort: -${key} is not supported\n`)
      return 2
    }
  }
  // A key with no ordering option of its own takes the global ones, as sort.c's default_key_compare.
  const effective =
    keys.length === 0 ? null : keys.map((key) => (hasNoOrdering(key) ? { ...key, ...global } : key))
  const compareByKeys = (a: string, b: string): number => {
    if (effective === null) {
      const order = compareKeys(a, b, global)
      return global.reverse ? -order : order
    }
    for (const key of effective) {
      const order = compareKeys(keyText(a, key, tab), keyText(b, key, tab), key)
      if (order !== 0) return key.reverse ? -order : order
    }
    return 0
  }
  const compare = (a: string, b: string): number => {
    const order = compareByKeys(a, b)
    if (order !== 0 || stable || unique) return order
    const last = compareBytes(a, b)
    return global.reverse ? -last : last
  }
  if (check !== 'no' && parsed.operands.length > 1) {
    out.stderr(
      `sort: extra operand '${parsed.operands[1]}' not allowed with -${check === 'report' ? 'c' : 'C'}\n${tryHelp('sort')}`,
    )
    return 2
  }
  const lines: string[] = []
  for (const { operand, text } of readInputs(parsed.operands, stdin, files)) {
    if (text === null) return fail(`cannot read: ${operand}: No such file or directory`)
    if (check !== 'no') {
      const checked = splitLines(text)
      for (let i = 1; i < checked.length; i++) {
        const order = compare(checked[i - 1]!, checked[i]!)
        if (order > 0 || (unique && order === 0)) {
          if (check === 'report') out.stderr(`sort: ${operand}:${i + 1}: disorder: ${checked[i]}\n`)
          return 1
        }
      }
      return 0
    }
    lines.push(...splitLines(text))
  }
  lines.sort(compare)
  const kept = unique ? lines.filter((line, i) => i === 0 || compareByKeys(lines[i - 1]!, line) !== 0) : lines
  const text = kept.map((line) => `${line}\n`).join('')
  if (output === null) out.stdout(text)
  else files.write(output, text)
  return 0
}
