/**
 * `tr [-c] [-d] [-s] [-t] SET1 [SET2]` as GNU coreutils 9 reads its sets: backslash escapes (`\n`, `\t`,
 * `\\`, `\NNN` octal), ranges `a-z`, classes `[:upper:]` and the others of the C locale (ASCII), `[=c=]`,
 * and in SET2 `[c*N]` / `[c*]` repeats. Translating pads SET2 with its last character (unless -t, which cuts
 * SET1 to SET2's length); -c takes the characters not in SET1 in code point order (GNU: byte order);
 * -d deletes SET1, -s squeezes runs of the last set's characters. Characters are code points where GNU tr
 * works on bytes (docs/DEVIATIONS.md). Errors are tr's texts with the `Try` line (exit 1): `tr: missing
 * operand`, `tr: missing operand after 'a'` + `Two strings must be given when translating.`, `tr: extra
 * operand 'b'` + `Only one string may be given when deleting without squeezing repeats.`,
 * `tr: range-endpoints of 'z-a' are in reverse collating sequence order`, `tr: invalid character class 'x'`.
 * Standard input is translated line by line as it arrives (each line with its newline, a squeeze going on
 * across lines), so `consumer | tr a-z A-Z` prints each record as it comes.
 */
import type { FileCommand } from '../file-commands.ts'
import { eachLine } from '../../line-input.ts'
import { getopt, tryHelp } from './getopt.ts'

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i)
const ascii = (test: (c: string) => boolean) => range(0, 127).filter((c) => test(String.fromCharCode(c)))

const CLASSES: Record<string, number[]> = {
  alnum: ascii((c) => /[A-Za-z0-9]/.test(c)),
  alpha: ascii((c) => /[A-Za-z]/.test(c)),
  blank: [9, 32],
  cntrl: [...range(0, 31), 127],
  digit: range(48, 57),
  graph: range(33, 126),
  lower: range(97, 122),
  print: range(32, 126),
  punct: ascii((c) => /[!-/:-@[-`{-~]/.test(c)),
  space: [9, 10, 11, 12, 13, 32],
  upper: range(65, 90),
  xdigit: ascii((c) => /[0-9A-Fa-f]/.test(c)),
}

const ESCAPES: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11 }

/** One element of a set: a character, or a class / repeat whose expansion is known only later. */
type Element =
  | { kind: 'char'; code: number }
  | { kind: 'class'; name: string }
  | { kind: 'repeat'; code: number; count: number | null }

function unescape(text: string, out: { warn(text: string): void }): number[] {
  const codes: number[] = []
  const chars = [...text]
  for (let i = 0; i < chars.length; i++) {
    if (chars[i] !== '\\') {
      codes.push(chars[i]!.codePointAt(0)!)
      continue
    }
    const next = chars[i + 1]
    if (next === undefined) {
      out.warn('tr: warning: an unescaped backslash at end of string is not portable\n')
      codes.push(92)
    } else if (/[0-7]/.test(next)) {
      let octal = ''
      while (
        octal.length < 3 &&
        /[0-7]/.test(chars[i + 1] ?? '') &&
        Number.parseInt(octal + chars[i + 1], 8) < 256
      ) {
        octal += chars[++i]
      }
      codes.push(Number.parseInt(octal, 8))
    } else {
      codes.push(ESCAPES[next] ?? next.codePointAt(0)!)
      i++
    }
  }
  return codes
}

/** The set's elements, or tr's message. `text` is the operand as typed (escapes not yet read). */
function parseSet(text: string, warn: { warn(text: string): void }): Element[] | string {
  const elements: Element[] = []
  // Brackets are found on the raw text; the characters between them are unescaped one by one.
  const codes = unescape(text, warn)
  const raw = String.fromCodePoint(...codes)
  const chars = [...raw]
  for (let i = 0; i < chars.length;) {
    const rest = chars.slice(i).join('')
    const klass = /^\[:([a-z]*):\]/.exec(rest)
    if (klass) {
      if (!(klass[1]! in CLASSES)) return `invalid character class ‘${klass[1]}’`
      elements.push({ kind: 'class', name: klass[1]! })
      i += [...klass[0]].length
      continue
    }
    const equivalence = /^\[=(.)=\]/u.exec(rest)
    if (equivalence) {
      elements.push({ kind: 'char', code: equivalence[1]!.codePointAt(0)! })
      i += [...equivalence[0]].length
      continue
    }
    const repeat = /^\[(.)\*(\d*)\]/u.exec(rest)
    if (repeat) {
      const count = repeat[2] === '' ? null : Number.parseInt(repeat[2]!, repeat[2]!.startsWith('0') ? 8 : 10)
      elements.push({ kind: 'repeat', code: repeat[1]!.codePointAt(0)!, count: count === 0 ? null : count })
      i += [...repeat[0]].length
      continue
    }
    if (chars[i + 1] === '-' && i + 2 < chars.length) {
      const from = chars[i]!.codePointAt(0)!
      const to = chars[i + 2]!.codePointAt(0)!
      if (to < from)
        return `range-endpoints of '${chars[i]}-${chars[i + 2]}' are in reverse collating sequence order`
      for (const code of range(from, to)) elements.push({ kind: 'char', code })
      i += 3
      continue
    }
    elements.push({ kind: 'char', code: chars[i]!.codePointAt(0)! })
    i++
  }
  return elements
}

/** The set's characters; a `[c*]` repeat fills up to `length` (SET2 padded to SET1's length). */
function expand(elements: readonly Element[], length = 0): number[] {
  const fixed = elements.reduce(
    (n, e) => n + (e.kind === 'char' ? 1 : e.kind === 'class' ? CLASSES[e.name]!.length : (e.count ?? 0)),
    0,
  )
  const codes: number[] = []
  for (const element of elements) {
    if (element.kind === 'char') codes.push(element.code)
    else if (element.kind === 'class') codes.push(...CLASSES[element.name]!)
    else codes.push(...Array<number>(element.count ?? Math.max(0, length - fixed)).fill(element.code))
  }
  return codes
}

export const tr: FileCommand = async (args, stdin, out) => {
  const usage = (message: string) => (out.stderr(`tr: ${message}\n${tryHelp('tr')}`), 1)
  const parsed = getopt('tr', args, {
    short: 'cCdst',
    long: [
      { name: 'complement', argument: false, key: 'c' },
      { name: 'delete', argument: false, key: 'd' },
      { name: 'squeeze-repeats', argument: false, key: 's' },
      { name: 'truncate-set1', argument: false, key: 't' },
    ],
  })
  if (typeof parsed === 'string') return (out.stderr(`${parsed}\n${tryHelp('tr')}`), 1)
  const flags = new Set(parsed.options.map(({ key }) => (key === 'C' ? 'c' : key)))
  const [complement, remove, squeeze, truncate] = ['c', 'd', 's', 't'].map((flag) => flags.has(flag))
  const operands = parsed.operands
  const needed = remove === squeeze ? 2 : remove || squeeze ? 1 : 2
  if (operands.length === 0) return usage('missing operand')
  if (operands.length < needed) {
    const why = remove ? 'both deleting and squeezing repeats' : 'translating'
    return usage(
      `missing operand after ‘${operands[operands.length - 1]}’\nTwo strings must be given when ${why}.`,
    )
  }
  const most = remove && !squeeze ? 1 : 2
  if (operands.length > most) {
    const only = most === 1 && operands.length === 2
    const why = only ? '\nOnly one string may be given when deleting without squeezing repeats.' : ''
    return usage(`extra operand ‘${operands[most]}’${why}`)
  }
  const warn = { warn: (text: string) => out.stderr(text) }
  const first = parseSet(operands[0]!, warn)
  if (typeof first === 'string') return (out.stderr(`tr: ${first}\n`), 1)
  if (first.some((element) => element.kind === 'repeat')) {
    return (out.stderr('tr: the [c*] repeat construct may not appear in string1\n'), 1)
  }
  const second = operands[1] === undefined ? null : parseSet(operands[1], warn)
  if (typeof second === 'string') return (out.stderr(`tr: ${second}\n`), 1)
  let set1 = expand(first)
  const inSet1 = new Set(set1)
  const member = (code: number) => inSet1.has(code) !== complement
  const translating = !remove && second !== null
  let map: ((code: number) => number) | null = null
  let set2: number[] = []
  if (second !== null) set2 = expand(second, complement ? 0 : set1.length)
  if (translating) {
    if (set2.length === 0 && !truncate)
      return (out.stderr('tr: when not truncating set1, string2 must be non-empty\n'), 1)
    if (truncate) set1 = set1.slice(0, set2.length)
    const table = new Map<number, number>()
    set1.forEach((code, i) => table.set(code, set2[Math.min(i, set2.length - 1)]!))
    const sorted = [...inSet1].sort((a, b) => a - b)
    map = complement
      ? (code) => {
          // The complement lists every other character in order: code's index there picks its SET2 character.
          const index = code - sorted.filter((c) => c < code).length
          return set2[Math.min(index, set2.length - 1)]!
        }
      : (code) => table.get(code) ?? code
  }
  const squeezeSet = new Set(squeeze ? (second !== null ? set2 : []) : [])
  const squeezes = (code: number) => (second !== null ? squeezeSet.has(code) : member(code))
  let previous = -1
  await eachLine(stdin, (line) => {
    let result = ''
    for (const char of `${line}\n`) {
      let code = char.codePointAt(0)!
      if (remove && member(code)) continue
      if (map !== null && member(code)) code = map(code)
      if (squeeze && code === previous && squeezes(code)) continue
      previous = code
      result += String.fromCodePoint(code)
    }
    if (result !== '') out.stdout(result)
  })
  return 0
}
