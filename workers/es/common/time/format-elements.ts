/**
 * The printer-parser elements of a java.time DateTimeFormatter, as data, and a small builder for them
 * (the subset of DateTimeFormatterBuilder that Elasticsearch's built-in formats and Java patterns use).
 *
 * Adjacent value parsing (DateTimeFormatterBuilder.appendValue): a variable-width value followed directly by
 * fixed-width, non-negative values or fixed-width fractions reserves their total width (`subsequentWidth`), so
 * `yyyyMMdd` reads `20240131` as 2024-01-31. Any other element ends the run. `sequence` computes it.
 */

export type TemporalField =
  | 'year'
  | 'yearOfEra'
  | 'month'
  | 'day'
  | 'dayOfYear'
  | 'dayOfWeek'
  | 'hour'
  | 'clockHourOfAmPm'
  | 'hourOfAmPm'
  | 'ampm'
  | 'minute'
  | 'second'
  | 'nano'

export type SignStyle = 'NORMAL' | 'NOT_NEGATIVE' | 'EXCEEDS_PAD' | 'NEVER' | 'ALWAYS'

/** An appendOffset pattern: `+HH`, `+HHmm`, `+HHMM`, `+HH:mm`, `+HH:MM`, `+HHMMss`, `+HH:MM:ss`. */
export interface OffsetPattern {
  colon: boolean
  minutes: 'none' | 'optional' | 'required'
  seconds: boolean
}

export type FormatElement =
  | {
      kind: 'value'
      field: TemporalField
      min: number
      max: number
      sign: SignStyle
      subsequentWidth: number
    }
  | { kind: 'reducedYear'; field: TemporalField }
  | { kind: 'fraction'; min: number; max: number; decimalPoint: boolean; subsequentWidth: number }
  | { kind: 'literal'; text: string }
  | { kind: 'text'; field: 'month' | 'dayOfWeek' | 'ampm'; full: boolean }
  | { kind: 'offset'; pattern: OffsetPattern; noOffsetText: string }
  | { kind: 'zoneOrOffsetId' }
  | { kind: 'optional'; elements: FormatElement[] }

export const OFFSET_PATTERNS = {
  '+HH': { colon: false, minutes: 'none', seconds: false },
  '+HHmm': { colon: false, minutes: 'optional', seconds: false },
  '+HHMM': { colon: false, minutes: 'required', seconds: false },
  '+HH:mm': { colon: true, minutes: 'optional', seconds: false },
  '+HH:MM': { colon: true, minutes: 'required', seconds: false },
  '+HHMMss': { colon: false, minutes: 'required', seconds: true },
  '+HH:MM:ss': { colon: true, minutes: 'required', seconds: true },
} as const satisfies Record<string, OffsetPattern>

export type OffsetPatternText = keyof typeof OFFSET_PATTERNS

export function value(field: TemporalField, min = 1, max = 19, sign: SignStyle = 'NORMAL'): FormatElement {
  return { kind: 'value', field, min, max, sign, subsequentWidth: 0 }
}

/** appendValue(field, width): fixed width, not negative. */
export function fixed(field: TemporalField, width: number): FormatElement {
  return value(field, width, width, 'NOT_NEGATIVE')
}

export function fraction(min: number, max: number, decimalPoint: boolean): FormatElement {
  return { kind: 'fraction', min, max, decimalPoint, subsequentWidth: 0 }
}

export function literal(text: string): FormatElement {
  return { kind: 'literal', text }
}

export function offset(pattern: OffsetPatternText, noOffsetText: string): FormatElement {
  return { kind: 'offset', pattern: OFFSET_PATTERNS[pattern], noOffsetText }
}

export const ZONE_OR_OFFSET_ID: FormatElement = { kind: 'zoneOrOffsetId' }

export function optional(...elements: FormatElement[]): FormatElement {
  return { kind: 'optional', elements: sequence(elements) }
}

/** Marks adjacent-value runs: each variable-width value reserves the width of the fixed ones after it. */
export function sequence(elements: FormatElement[]): FormatElement[] {
  const out = elements.map((e) => ({ ...e }))
  let active: { subsequentWidth: number } | null = null
  for (const e of out) {
    const width = fixedWidth(e)
    if (active !== null && width !== null) {
      active.subsequentWidth += width
    } else if (e.kind === 'value') {
      active = e
    } else {
      active = null
    }
  }
  return out
}

function fixedWidth(e: FormatElement): number | null {
  if (e.kind === 'value' && e.min === e.max && e.sign === 'NOT_NEGATIVE') return e.min
  if (e.kind === 'fraction' && e.min === e.max && !e.decimalPoint) return e.min
  return null
}
