/**
 * sort's keys and comparisons in the C locale, as GNU coreutils 9 reads `-k POS1[,POS2]` (POS is
 * `F[.C][OPTS]`, OPTS among `bdfghinr`) and the global ordering options. Fields are runs of blanks then
 * non-blanks, or the text between `-t` separators; a key starts at character C of field F (blanks skipped
 * first with `b`) and ends at character C of its end field (the field's end when C is 0 or absent). Numbers
 * (`-n`) are an optional `-`, digits and a `.` fraction after blanks (text that is none is 0); `-h` orders
 * by sign, then SI suffix (none, k/K, M, G, ... Q), then value; `-g` by strtod's value with non-numbers
 * first. `-f` folds a-z to A-Z, `-d` keeps blanks and alphanumerics, `-i` printable characters.
 */
import { compareBytes } from './inputs.ts'

export interface Ordering {
  blanksStart: boolean
  blanksEnd: boolean
  dictionary: boolean
  fold: boolean
  general: boolean
  human: boolean
  printable: boolean
  numeric: boolean
  reverse: boolean
}

export interface SortKey extends Ordering {
  startField: number
  startChar: number
  /** 0: the line's end. */
  endField: number
  /** 0: the end field's end. */
  endChar: number
}

export function ordering(): Ordering {
  return {
    blanksStart: false,
    blanksEnd: false,
    dictionary: false,
    fold: false,
    general: false,
    human: false,
    printable: false,
    numeric: false,
    reverse: false,
  }
}

/** Applies one option letter; false when it is not an ordering option. */
export function applyOrdering(target: Ordering, letter: string, forKey: 'start' | 'end' | 'global'): boolean {
  switch (letter) {
    case 'b':
      if (forKey !== 'end') target.blanksStart = true
      if (forKey !== 'start') target.blanksEnd = true
      return true
    case 'd':
      return (target.dictionary = true)
    case 'f':
      return (target.fold = true)
    case 'g':
      return (target.general = true)
    case 'h':
      return (target.human = true)
    case 'i':
      return (target.printable = true)
    case 'n':
      return (target.numeric = true)
    case 'r':
      return (target.reverse = true)
    default:
      return false
  }
}

/** True when the key names no ordering option of its own (it then takes the global ones). */
export function hasNoOrdering(key: Ordering): boolean {
  return (Object.keys(ordering()) as (keyof Ordering)[]).every((flag) => !key[flag])
}

/** The key of `-k SPEC`, or sort's message (`field number is zero: invalid field specification '0'`). */
export function parseKey(spec: string): SortKey | string {
  const bad = (why: string) => `${why}: invalid field specification ‘${spec}’`
  const key: SortKey = { ...ordering(), startField: 0, startChar: 1, endField: 0, endChar: 0 }
  const start = /^(\d+)(?:\.(\d*))?([a-zA-Z]*)/.exec(spec)
  if (!start) return bad('invalid number at field start')
  key.startField = Number(start[1])
  if (key.startField === 0) return bad('field number is zero')
  if (start[2] !== undefined) {
    if (start[2] === '') return bad("invalid number after '.'")
    key.startChar = Number(start[2])
    if (key.startChar === 0) return bad('character offset is zero')
  }
  for (const letter of start[3]!)
    if (!applyOrdering(key, letter, 'start')) return bad('stray character in field spec')
  let rest = spec.slice(start[0].length)
  if (rest === '') return key
  if (!rest.startsWith(',')) return bad('stray character in field spec')
  rest = rest.slice(1)
  const end = /^(\d+)(?:\.(\d*))?([a-zA-Z]*)$/.exec(rest)
  if (!end) return bad(/^\d/.test(rest) ? 'stray character in field spec' : "invalid number after ','")
  key.endField = Number(end[1])
  if (key.endField === 0) return bad('field number is zero')
  if (end[2] !== undefined) {
    if (end[2] === '') return bad("invalid number after '.'")
    key.endChar = Number(end[2])
  }
  for (const letter of end[3]!)
    if (!applyOrdering(key, letter, 'end')) return bad('stray character in field spec')
  return key
}

const BLANK = /[ \t]/

function skipBlanks(line: string, at: number): number {
  while (at < line.length && BLANK.test(line[at]!)) at++
  return at
}

/** Where field `field` (1-based) begins, with its leading blanks when there is no separator. */
function fieldStart(line: string, field: number, tab: string | null): number {
  let at = 0
  for (let f = 1; f < field && at < line.length; f++) {
    if (tab !== null) {
      const next = line.indexOf(tab, at)
      at = next < 0 ? line.length : next + 1
    } else {
      at = skipBlanks(line, at)
      while (at < line.length && !BLANK.test(line[at]!)) at++
    }
  }
  return at
}

function fieldEnd(line: string, from: number, tab: string | null): number {
  if (tab !== null) {
    const next = line.indexOf(tab, from)
    return next < 0 ? line.length : next
  }
  let at = skipBlanks(line, from)
  while (at < line.length && !BLANK.test(line[at]!)) at++
  return at
}

/** The text of the key in the line. */
export function keyText(line: string, key: SortKey, tab: string | null): string {
  let start = fieldStart(line, key.startField, tab)
  if (key.blanksStart) start = skipBlanks(line, start)
  start = Math.min(line.length, start + key.startChar - 1)
  let end = line.length
  if (key.endField > 0) {
    const endFieldAt = fieldStart(line, key.endField, tab)
    if (key.endChar === 0) end = fieldEnd(line, endFieldAt, tab)
    else {
      const from = key.blanksEnd ? skipBlanks(line, endFieldAt) : endFieldAt
      end = Math.min(line.length, from + key.endChar)
    }
  }
  return line.slice(start, Math.max(start, end))
}

function numericValue(text: string): number {
  const match = /^[ \t]*(-?)(\d*)(?:\.(\d*))?/.exec(text)!
  if (match[2] === '' && !match[3]) return 0
  return Number(`${match[1]}${match[2] || '0'}.${match[3] ?? ''}0`)
}

const SUFFIXES = ' KMGTPEZYRQ'

function humanValue(text: string): [number, number] {
  const match = /^[ \t]*(-?)(\d*(?:\.\d*)?)([kKMGTPEZYRQ]?)/.exec(text)!
  const value = numericValue(text)
  const suffix = match[2] === '' ? 0 : SUFFIXES.indexOf(match[3]!.toUpperCase() || ' ')
  return [Math.sign(value) * suffix, value]
}

/** strtod's value of the text's start, or null when it has none. */
function generalValue(text: string): number | null {
  const match = /^[ \t]*[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|inf(?:inity)?|nan)/i.exec(text)
  if (!match) return null
  return Number(match[0].trim().replace(/^([+-]?)inf(inity)?$/i, '$1Infinity'))
}

function filtered(text: string, key: Ordering): string {
  let result = text
  if (key.dictionary) result = result.replace(/[^ \t\n\v\f\rA-Za-z0-9]/g, '')
  else if (key.printable) result = result.replace(/[\x00-\x1f\x7f]/g, '')
  return key.fold ? result.replace(/[a-z]+/g, (s) => s.toUpperCase()) : result
}

/** Compares two keys' texts under the key's ordering (without its reverse). */
export function compareKeys(a: string, b: string, key: Ordering): number {
  if (key.numeric) return Math.sign(numericValue(a) - numericValue(b))
  if (key.human) {
    const [sa, va] = humanValue(a)
    const [sb, vb] = humanValue(b)
    return Math.sign(sa - sb) || Math.sign(va - vb)
  }
  if (key.general) {
    const va = generalValue(a)
    const vb = generalValue(b)
    // Text that is no number sorts first, then NaN, then the numbers.
    const rank = (v: number | null) => (v === null ? 0 : Number.isNaN(v) ? 1 : 2)
    if (va === null || vb === null || Number.isNaN(va) || Number.isNaN(vb)) return rank(va) - rank(vb)
    return va < vb ? -1 : va > vb ? 1 : 0
  }
  return Math.sign(compareBytes(filtered(a, key), filtered(b, key)))
}
