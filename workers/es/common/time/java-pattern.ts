/**
 * compileJavaPattern: DateTimeFormatterBuilder.appendPattern for the pattern letters learners use, with
 * java.time's letter-count rules and its exact IllegalArgumentException messages (Elasticsearch prefixes them
 * with `Invalid format: [pattern]: `).
 *
 * Letters: y u (year; `yy` is a two-digit year based on 2000, 1 or 3 letters NORMAL, 4+ EXCEEDS_PAD), M L
 * (1: value, 2: two digits, 3: `Jan`, 4: `January`), d H h k K m s (1: value, 2: two digits), D (day of
 * year), S (fraction, n digits), a (`AM`/`PM`), E (1–3: `Mon`, 4: `Monday`), e c (3: `Mon`, 4: `Monday`; the
 * localized day-of-week numbers of 1–2 letters are not built), X x Z (offsets), VV (zone id).
 * `'text'` is a literal, `''` a quote, `[` … `]` an optional section; other non-letters are literals.
 * ES reads `y` as the proleptic year (uuuu semantics), so both resolve to the same field here.
 * Other Java letters (G Q q w W Y e c F n N A O z v g) are refused as unsupported by the playground.
 */

import {
  fixed,
  fraction,
  literal,
  offset,
  sequence,
  value,
  ZONE_OR_OFFSET_ID,
  type FormatElement,
  type OffsetPatternText,
  type TemporalField,
} from './format-elements.ts'

const NUMERIC: Record<string, TemporalField> = {
  d: 'day',
  H: 'hour',
  h: 'clockHourOfAmPm',
  K: 'hourOfAmPm',
  k: 'hour',
  m: 'minute',
  s: 'second',
}
const JAVA_ONLY_LETTERS = 'GQqwWYecFnNAOzvg'
const X_PATTERNS: OffsetPatternText[] = ['+HHmm', '+HHMM', '+HH:MM', '+HHMMss', '+HH:MM:ss']

export function compileJavaPattern(pattern: string): FormatElement[] {
  const stack: FormatElement[][] = [[]]
  const push = (e: FormatElement): void => {
    stack[stack.length - 1]?.push(e)
  }
  for (let pos = 0; pos < pattern.length; pos++) {
    const cur = pattern.charAt(pos)
    if (/[A-Za-z]/.test(cur)) {
      let end = pos + 1
      while (end < pattern.length && pattern.charAt(end) === cur) end++
      letter(cur, end - pos).forEach(push)
      pos = end - 1
    } else if (cur === "'") {
      const start = pos++
      for (; pos < pattern.length; pos++) {
        if (pattern.charAt(pos) === "'") {
          if (pos + 1 < pattern.length && pattern.charAt(pos + 1) === "'") pos++
          else break
        }
      }
      if (pos >= pattern.length) {
        throw new Error(`Pattern ends with an incomplete string literal: ${pattern}`)
      }
      const text = pattern.slice(start + 1, pos)
      push(literal(text.length === 0 ? "'" : text.replaceAll("''", "'")))
    } else if (cur === '[') {
      stack.push([])
    } else if (cur === ']') {
      const inner = stack.pop()
      if (stack.length === 0 || inner === undefined) {
        throw new Error('Pattern invalid as it contains ] without previous [')
      }
      push({ kind: 'optional', elements: sequence(inner) })
    } else if (cur === '{' || cur === '}' || cur === '#') {
      throw new Error(`Pattern includes reserved character: '${cur}'`)
    } else {
      push(literal(cur))
    }
  }
  while (stack.length > 1) {
    const inner = stack.pop() ?? []
    push({ kind: 'optional', elements: sequence(inner) })
  }
  return sequence(stack[0] ?? [])
}

function letter(cur: string, count: number): FormatElement[] {
  const tooMany = (): Error => new Error(`Too many pattern letters: ${cur}`)
  switch (cur) {
    case 'y':
    case 'u': {
      const field: TemporalField = cur === 'y' ? 'yearOfEra' : 'year'
      if (count === 2) return [{ kind: 'reducedYear', field }]
      return [value(field, count, 19, count < 4 ? 'NORMAL' : 'EXCEEDS_PAD')]
    }
    case 'M':
    case 'L':
      if (count === 1) return [value('month')]
      if (count === 2) return [fixed('month', 2)]
      if (count === 3 || count === 4) return [{ kind: 'text', field: 'month', full: count === 4 }]
      if (count === 5) throw unsupported(cur)
      throw tooMany()
    case 'D':
      if (count === 1) return [value('dayOfYear')]
      if (count === 2) return [value('dayOfYear', 2, 3, 'NOT_NEGATIVE')]
      if (count === 3) return [fixed('dayOfYear', 3)]
      throw tooMany()
    case 'S':
      return [fraction(count, count, false)]
    case 'a':
      if (count === 1) return [{ kind: 'text', field: 'ampm', full: false }]
      throw tooMany()
    case 'e':
    case 'c':
      if (count === 3 || count === 4) return [{ kind: 'text', field: 'dayOfWeek', full: count === 4 }]
      if (count <= 5) throw unsupported(cur)
      throw tooMany()
    case 'E':
      if (count <= 4) return [{ kind: 'text', field: 'dayOfWeek', full: count === 4 }]
      if (count === 5) throw unsupported(cur)
      throw tooMany()
    case 'X':
    case 'x': {
      const pattern = X_PATTERNS[count - 1]
      if (pattern === undefined) throw tooMany()
      const zero = cur === 'X' ? 'Z' : (['+00', '+0000', '+00:00', '+0000', '+00:00'][count - 1] ?? '')
      return [offset(pattern, zero)]
    }
    case 'Z':
      if (count <= 3) return [offset('+HHMM', '+0000')]
      if (count === 5) return [offset('+HH:MM:ss', 'Z')]
      if (count === 4) throw unsupported(cur)
      throw tooMany()
    case 'V':
      if (count !== 2) throw new Error('Pattern letter count must be 2: V')
      return [ZONE_OR_OFFSET_ID]
  }
  const field = NUMERIC[cur]
  if (field !== undefined) {
    if (count === 1) return [value(field)]
    if (count === 2) return [fixed(field, 2)]
    throw tooMany()
  }
  if (JAVA_ONLY_LETTERS.includes(cur)) throw unsupported(cur)
  throw new Error(`Unknown pattern letter: ${cur}`)
}

function unsupported(cur: string): Error {
  return new Error(`Pattern letter [${cur}] is not supported by the playground`)
}
