/**
 * parseElements: java.time's strict parse of text against printer-parser elements (DateTimeFormatter with
 * parseStrict and parseCaseSensitive, Locale.ROOT). Each element returns the next position, or `~position`
 * (a negative number) where it failed; an optional section that fails is rolled back and skipped.
 *
 * Rules kept from java.time: numbers obey their sign style in strict mode (NORMAL takes `-` but not `+`,
 * EXCEEDS_PAD wants `+` exactly when more than the minimum width is given); adjacent value parsing reserves
 * the width of the fixed fields that follow; a fraction needs its decimal point when it has one; offsets match
 * their no-offset text (`Z`) first; zone ids match the longest known region id, `Z`, or UTC/GMT/UT[+offset].
 *
 * A Parsed is reusable (`resetParsed`): an optional section that fails is undone from a journal of the fields
 * it overwrote (their previous values, in order), so parsing allocates nothing per attempt.
 */

import { DAY_NAMES, MONTH_NAMES } from './calendar.ts'
import type { FormatElement, OffsetPattern, TemporalField } from './format-elements.ts'
import { OFFSET_PATTERNS } from './format-elements.ts'
import { ZoneId } from './zone-id.ts'

export interface Parsed {
  readonly fields: Map<TemporalField, number>
  offset: number | null
  zone: ZoneId | null
  /**
   * The journal: the first journalLength entries are the fields set so far, in order, with the value each had
   * before (undefined: absent), for rollback. Entries past journalLength are stale scratch.
   */
  journalLength: number
  readonly journalFields: TemporalField[]
  readonly journalValues: Array<number | undefined>
}

export function newParsed(): Parsed {
  return {
    fields: new Map(),
    offset: null,
    zone: null,
    journalLength: 0,
    journalFields: [],
    journalValues: [],
  }
}

/** Empties `p` for the next parse. */
export function resetParsed(p: Parsed): void {
  p.fields.clear()
  p.offset = null
  p.zone = null
  p.journalLength = 0
}

function setField(out: Parsed, field: TemporalField, value: number): void {
  const n = out.journalLength++
  out.journalFields[n] = field
  out.journalValues[n] = out.fields.get(field)
  out.fields.set(field, value)
}

/** Undoes every field set after the journal had `mark` entries. */
function rollback(out: Parsed, mark: number): void {
  for (let i = out.journalLength - 1; i >= mark; i--) {
    const field = out.journalFields[i]!
    const previous = out.journalValues[i]
    if (previous === undefined) out.fields.delete(field)
    else out.fields.set(field, previous)
  }
  out.journalLength = mark
}

export function parseElements(
  elements: FormatElement[],
  text: string,
  position: number,
  out: Parsed,
): number {
  let pos = position
  for (const e of elements) {
    pos = parseElement(e, text, pos, out)
    if (pos < 0) return pos
  }
  return pos
}

function parseElement(e: FormatElement, text: string, pos: number, out: Parsed): number {
  switch (e.kind) {
    case 'literal':
      return text.startsWith(e.text, pos) ? pos + e.text.length : ~pos
    case 'value':
      return parseNumber(e, text, pos, out)
    case 'reducedYear':
      return parseReducedYear(e.field, text, pos, out)
    case 'fraction':
      return parseFraction(e, text, pos, out)
    case 'text':
      return parseText(e.field, e.full, text, pos, out)
    case 'offset':
      return parseOffset(e.pattern, e.noOffsetText, text, pos, out)
    case 'zoneOrOffsetId':
      return parseZoneId(text, pos, out)
    case 'optional': {
      const mark = out.journalLength
      const { offset, zone } = out
      const next = parseElements(e.elements, text, pos, out)
      if (next >= 0) return next
      rollback(out, mark)
      out.offset = offset
      out.zone = zone
      return pos
    }
  }
}

function digitsAt(text: string, pos: number, limit: number): number {
  let n = 0
  while (n < limit && pos + n < text.length && isDigit(text.charCodeAt(pos + n))) n++
  return n
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57
}

function parseNumber(
  e: Extract<FormatElement, { kind: 'value' }>,
  text: string,
  position: number,
  out: Parsed,
): number {
  let pos = position
  const sign = text.charAt(pos)
  const positive = sign === '+'
  const negative = sign === '-'
  if (positive || negative) {
    const allowed =
      e.sign === 'ALWAYS' || e.sign === 'EXCEEDS_PAD' ? true : e.sign === 'NORMAL' ? negative : false
    if (!allowed) return ~pos
    pos++
  } else if (e.sign === 'ALWAYS') {
    return ~pos
  }
  const available = digitsAt(text, pos, e.max + e.subsequentWidth)
  const take =
    e.subsequentWidth > 0 ? Math.min(e.max, Math.max(e.min, available - e.subsequentWidth)) : available
  if (available < e.min || take > available) return ~pos
  if (e.sign === 'EXCEEDS_PAD' && !negative && (positive ? take <= e.min : take > e.min)) {
    return positive ? ~(pos - 1) : ~pos
  }
  const magnitude = Number(text.slice(pos, pos + take))
  if (negative && magnitude === 0) return ~(pos - 1)
  setField(out, e.field, negative ? -magnitude : magnitude)
  return pos + take
}

function parseReducedYear(field: TemporalField, text: string, pos: number, out: Parsed): number {
  if (digitsAt(text, pos, 2) !== 2) return ~pos
  setField(out, field, 2000 + Number(text.slice(pos, pos + 2)))
  return pos + 2
}

function parseFraction(
  e: Extract<FormatElement, { kind: 'fraction' }>,
  text: string,
  position: number,
  out: Parsed,
): number {
  let pos = position
  if (e.decimalPoint) {
    if (text.charAt(pos) !== '.') return e.min > 0 ? ~pos : pos
    pos++
  }
  const available = digitsAt(text, pos, e.max + e.subsequentWidth)
  const take =
    e.subsequentWidth > 0 ? Math.max(e.min, Math.min(e.max, available - e.subsequentWidth)) : available
  if (take < e.min || take > available) return ~pos
  const digits = text.slice(pos, pos + take).padEnd(9, '0')
  setField(out, 'nano', Number(digits))
  return pos + take
}

const SHORT_AMPM = ['AM', 'PM']

function textsOf(field: 'month' | 'dayOfWeek' | 'ampm', full: boolean): string[] {
  if (field === 'ampm') return SHORT_AMPM
  const names: readonly string[] = field === 'month' ? MONTH_NAMES : DAY_NAMES
  return full ? [...names] : names.map((n) => n.slice(0, 3))
}

function parseText(
  field: 'month' | 'dayOfWeek' | 'ampm',
  full: boolean,
  text: string,
  pos: number,
  out: Parsed,
): number {
  let best = -1
  const texts = textsOf(field, full)
  texts.forEach((t, i) => {
    if (text.startsWith(t, pos) && (best < 0 || t.length > (texts[best] ?? '').length)) best = i
  })
  if (best < 0) return ~pos
  setField(out, field, field === 'ampm' ? best : best + 1)
  return pos + (texts[best] ?? '').length
}

function two(text: string, pos: number): number | null {
  return digitsAt(text, pos, 2) === 2 ? Number(text.slice(pos, pos + 2)) : null
}

/** OffsetIdPrinterParser.parse (strict). */
function parseOffset(p: OffsetPattern, noOffsetText: string, text: string, pos: number, out: Parsed): number {
  if (pos >= text.length) return noOffsetText === '' ? pos : ~pos
  if (noOffsetText !== '' && text.startsWith(noOffsetText, pos)) {
    out.offset = 0
    return pos + noOffsetText.length
  }
  const sign = text.charAt(pos)
  if (sign === '+' || sign === '-') {
    const end = parseOffsetDigits(p, text, pos + 1, sign === '-' ? -1 : 1, out)
    if (end >= 0) return end
  }
  return noOffsetText === '' ? pos : ~pos
}

function parseOffsetDigits(p: OffsetPattern, text: string, start: number, sign: number, out: Parsed): number {
  const hours = two(text, start)
  if (hours === null || hours > 18) return -1
  let pos = start + 2
  let minutes = 0
  let seconds = 0
  const part = (): number | null => {
    const colonOk = !p.colon || text.charAt(pos) === ':'
    const at = p.colon ? pos + 1 : pos
    const v = colonOk ? two(text, at) : null
    if (v !== null) pos = at + 2
    return v
  }
  if (p.minutes !== 'none') {
    const m = part()
    if (m === null && p.minutes === 'required') return -1
    if (m !== null) {
      if (m > 59) return -1
      minutes = m
      const s = p.seconds ? part() : null
      if (s !== null) seconds = s > 59 ? -1 : s
      if (seconds < 0) return -1
    }
  }
  out.offset = sign * ((hours * 60 + minutes) * 60 + seconds) * 1000
  return pos
}

const ZONE_ID_PATTERN = OFFSET_PATTERNS['+HH:MM:ss']

/** ZoneIdPrinterParser.parse for appendZoneOrOffsetId. */
function parseZoneId(text: string, pos: number, out: Parsed): number {
  if (pos >= text.length) return ~pos
  const first = text.charAt(pos)
  if (first === '+' || first === '-') {
    const end = parseOffsetDigits(ZONE_ID_PATTERN, text, pos + 1, first === '-' ? -1 : 1, out)
    return end < 0 ? ~pos : end
  }
  for (const prefix of ['UTC', 'GMT', 'UT']) {
    if (text.startsWith(prefix, pos)) return parsePrefixedOffset(text, pos + prefix.length, out)
  }
  const best = ZoneId.regionIdAt(text, pos)
  if (best !== '') {
    out.zone = ZoneId.ofRegion(best)
    return pos + best.length
  }
  if (first === 'Z') {
    out.offset = 0
    return pos + 1
  }
  return ~pos
}

function parsePrefixedOffset(text: string, pos: number, out: Parsed): number {
  const sign = text.charAt(pos)
  if (sign === '+' || sign === '-') {
    const attempt = newParsed()
    const end = parseOffsetDigits(ZONE_ID_PATTERN, text, pos + 1, sign === '-' ? -1 : 1, attempt)
    if (end >= 0) {
      out.zone = ZoneId.ofOffset(attempt.offset ?? 0)
      return end
    }
  }
  out.zone = ZoneId.UTC
  return pos
}
