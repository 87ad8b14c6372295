// Rounding: the date_histogram docs examples (time_zone -01:00, offset +6h, the CET DST notes), UTC calendar
// rounding against a Date.UTC oracle, DST behaviour of day and hour buckets, and the properties
// round(x) <= x < next(round(x)) and "calendar days last 23, 24 or 25 hours".
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Rounding, type DateTimeUnit } from '../../../../workers/es/common/time/rounding.ts'
import {
  parseCalendarInterval,
  parseFixedInterval,
  parseHistogramOffset,
} from '../../../../workers/es/common/time/date-histogram-interval.ts'
import { ZoneId } from '../../../../workers/es/common/time/zone-id.ts'
import { chain, thrown } from './es-error.ts'

const H = 3_600_000
const at = (iso: string): number => Date.parse(iso)
const iso = (millis: number): string => new Date(millis).toISOString()
const UNITS: DateTimeUnit[] = [
  'YEAR_OF_CENTURY',
  'QUARTER_OF_YEAR',
  'MONTH_OF_YEAR',
  'WEEK_OF_WEEKYEAR',
  'DAY_OF_MONTH',
  'HOUR_OF_DAY',
  'MINUTE_OF_HOUR',
  'SECOND_OF_MINUTE',
]
const ZONES = [
  'UTC',
  'Europe/London',
  'Europe/Paris',
  'America/New_York',
  'Australia/Sydney',
  'Asia/Kolkata',
  'America/Sao_Paulo',
  'Asia/Shanghai',
  '-01:00',
]

describe('docs: date_histogram', () => {
  it('time_zone -01:00 splits two documents of 2015-10-01 into two days', () => {
    const utc = Rounding.calendar('DAY_OF_MONTH')
    expect(utc.round(at('2015-10-01T00:30:00Z'))).toBe(1443657600000)
    expect(utc.round(at('2015-10-01T01:30:00Z'))).toBe(1443657600000)
    const minusOne = Rounding.calendar('DAY_OF_MONTH', ZoneId.of('-01:00'))
    expect(minusOne.round(at('2015-10-01T00:30:00Z'))).toBe(1443574800000)
    expect(minusOne.round(at('2015-10-01T01:30:00Z'))).toBe(1443661200000)
  })

  it('offset +6h starts days at 06:00', () => {
    const sixAm = Rounding.calendar('DAY_OF_MONTH', ZoneId.UTC, parseHistogramOffset('+6h'))
    expect(iso(sixAm.round(at('2015-10-01T05:30:00Z')))).toBe('2015-09-30T06:00:00.000Z')
    expect(iso(sixAm.round(at('2015-10-01T06:30:00Z')))).toBe('2015-10-01T06:00:00.000Z')
    expect(iso(sixAm.nextRoundingValue(at('2015-10-01T06:00:00Z')))).toBe('2015-10-02T06:00:00.000Z')
  })

  it('CET, 27 March 2016: the day bucket holds 23 hours, the 12h bucket of that morning 11', () => {
    const cet = ZoneId.of('Europe/Berlin')
    const day = Rounding.calendar('DAY_OF_MONTH', cet)
    const start = day.round(at('2016-03-27T05:00:00Z'))
    expect(iso(start)).toBe('2016-03-26T23:00:00.000Z')
    expect(day.nextRoundingValue(start) - start).toBe(23 * H)
    const twelve = Rounding.fixed(parseFixedInterval('12h'), cet)
    const morning = twelve.round(at('2016-03-27T05:00:00Z'))
    expect(iso(morning)).toBe('2016-03-26T23:00:00.000Z')
    expect(twelve.nextRoundingValue(morning) - morning).toBe(11 * H)
  })
})

describe('calendar rounding', () => {
  it('UTC units', () => {
    const x = at('2024-05-15T10:20:30.456Z') // a Wednesday
    const round = (u: DateTimeUnit): string => iso(Rounding.calendar(u).round(x))
    expect(round('YEAR_OF_CENTURY')).toBe('2024-01-01T00:00:00.000Z')
    expect(round('QUARTER_OF_YEAR')).toBe('2024-04-01T00:00:00.000Z')
    expect(round('MONTH_OF_YEAR')).toBe('2024-05-01T00:00:00.000Z')
    expect(round('WEEK_OF_WEEKYEAR')).toBe('2024-05-13T00:00:00.000Z')
    expect(round('DAY_OF_MONTH')).toBe('2024-05-15T00:00:00.000Z')
    expect(round('HOUR_OF_DAY')).toBe('2024-05-15T10:00:00.000Z')
    expect(round('MINUTE_OF_HOUR')).toBe('2024-05-15T10:20:00.000Z')
    expect(round('SECOND_OF_MINUTE')).toBe('2024-05-15T10:20:30.000Z')
    const next = (u: DateTimeUnit): string =>
      iso(Rounding.calendar(u).nextRoundingValue(Rounding.calendar(u).round(x)))
    expect(next('QUARTER_OF_YEAR')).toBe('2024-07-01T00:00:00.000Z')
    expect(next('WEEK_OF_WEEKYEAR')).toBe('2024-05-20T00:00:00.000Z')
    expect(iso(Rounding.calendar('WEEK_OF_WEEKYEAR').round(at('1970-01-01T00:00:00Z')))).toBe(
      '1969-12-29T00:00:00.000Z',
    )
  })

  it('autumn overlap: each repeated hour is its own bucket (Paris, 2024-10-27)', () => {
    const hour = Rounding.calendar('HOUR_OF_DAY', ZoneId.of('Europe/Paris'))
    expect(iso(hour.round(at('2024-10-27T00:30:00Z')))).toBe('2024-10-27T00:00:00.000Z')
    expect(iso(hour.round(at('2024-10-27T01:30:00Z')))).toBe('2024-10-27T01:00:00.000Z')
    expect(iso(hour.nextRoundingValue(at('2024-10-27T00:00:00Z')))).toBe('2024-10-27T01:00:00.000Z')
    const day = Rounding.calendar('DAY_OF_MONTH', ZoneId.of('Europe/Paris'))
    const start = day.round(at('2024-10-27T12:00:00Z'))
    expect(iso(start)).toBe('2024-10-26T22:00:00.000Z')
    expect(day.nextRoundingValue(start) - start).toBe(25 * H)
  })

  it('spring gap in New York and Sydney', () => {
    const ny = Rounding.calendar('HOUR_OF_DAY', ZoneId.of('America/New_York'))
    expect(iso(ny.round(at('2024-03-10T07:30:00Z')))).toBe('2024-03-10T07:00:00.000Z')
    expect(iso(ny.nextRoundingValue(at('2024-03-10T06:00:00Z')))).toBe('2024-03-10T07:00:00.000Z')
    const sydneyMonth = Rounding.calendar('MONTH_OF_YEAR', ZoneId.of('Australia/Sydney'))
    expect(iso(sydneyMonth.round(at('2024-10-15T00:00:00Z')))).toBe('2024-09-30T14:00:00.000Z')
    expect(iso(sydneyMonth.nextRoundingValue(at('2024-09-30T14:00:00Z')))).toBe('2024-10-31T13:00:00.000Z')
  })

  it('a midnight in a gap starts the day at the end of the gap (São Paulo, 2018-11-04)', () => {
    const day = Rounding.calendar('DAY_OF_MONTH', ZoneId.of('America/Sao_Paulo'))
    const start = day.round(at('2018-11-04T15:00:00Z'))
    expect(iso(start)).toBe('2018-11-04T03:00:00.000Z')
    expect(day.nextRoundingValue(start) - start).toBe(23 * H)
  })

  it('agrees with a Date.UTC oracle in UTC', () => {
    const oracle: Record<string, (d: Date) => number> = {
      YEAR_OF_CENTURY: (d) => Date.UTC(d.getUTCFullYear(), 0, 1),
      QUARTER_OF_YEAR: (d) => Date.UTC(d.getUTCFullYear(), Math.floor(d.getUTCMonth() / 3) * 3, 1),
      MONTH_OF_YEAR: (d) => Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1),
      WEEK_OF_WEEKYEAR: (d) =>
        Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - ((d.getUTCDay() + 6) % 7)),
      DAY_OF_MONTH: (d) => Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()),
    }
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) }),
        fc.constantFrom(...Object.keys(oracle)),
        (x, unit) => {
          expect(Rounding.calendar(unit as DateTimeUnit).round(x)).toBe(oracle[unit]?.(new Date(x)))
        },
      ),
    )
  })
})

describe('fixed intervals', () => {
  it('are epoch-aligned in local time, shifted by offset', () => {
    const ninety = Rounding.fixed(parseFixedInterval('90m'))
    expect(iso(ninety.round(at('2024-01-01T02:59:00Z')))).toBe('2024-01-01T01:30:00.000Z')
    expect(ninety.nextRoundingValue(at('2024-01-01T01:30:00Z'))).toBe(at('2024-01-01T03:00:00Z'))
    expect(Rounding.fixed(parseFixedInterval('30s')).round(-1)).toBe(-30_000)
    const kolkata = Rounding.fixed(parseFixedInterval('1d'), ZoneId.of('Asia/Kolkata'))
    expect(iso(kolkata.round(at('2024-01-01T20:00:00Z')))).toBe('2024-01-01T18:30:00.000Z')
    const offset = Rounding.fixed(parseFixedInterval('2d'), ZoneId.UTC, parseHistogramOffset('-1d'))
    expect(iso(offset.round(at('1970-01-01T12:00:00Z')))).toBe('1969-12-31T00:00:00.000Z')
    expect(thrown(() => Rounding.fixed(parseFixedInterval('0s'))).reason).toBe(
      'Zero or negative time interval not supported',
    )
  })
})

describe('properties', () => {
  const xs = fc.integer({ min: Date.UTC(1950, 0, 1), max: Date.UTC(2100, 0, 1) })
  const zones = fc.constantFrom(...ZONES)

  it('round(x) <= x < next(round(x)), and both ends round to themselves', () => {
    const roundings = fc.oneof(
      fc
        .tuple(fc.constantFrom(...UNITS), zones, fc.constantFrom(0, 6 * H, -30 * 60_000))
        .map(([u, z, o]) => Rounding.calendar(u, ZoneId.of(z), o)),
      fc
        .tuple(fc.constantFrom(1000, 90 * 60_000, 12 * H, 2 * 24 * H), zones)
        .map(([i, z]) => Rounding.fixed(i, ZoneId.of(z))),
    )
    fc.assert(
      fc.property(roundings, xs, (r, x) => {
        const low = r.round(x)
        const high = r.nextRoundingValue(low)
        expect(low).toBeLessThanOrEqual(x)
        expect(high).toBeGreaterThan(x)
        expect(r.round(low)).toBe(low)
        expect(r.round(high)).toBe(high)
        expect(r.round(high - 1)).toBe(low)
      }),
      { numRuns: 500 },
    )
  })

  it('calendar days last 23, 24 or 25 hours; in a fixed zone always 24', () => {
    fc.assert(
      fc.property(xs, zones, (x, z) => {
        const day = Rounding.calendar('DAY_OF_MONTH', ZoneId.of(z))
        const start = day.round(x)
        const length = day.nextRoundingValue(start) - start
        expect([23 * H, 24 * H, 25 * H]).toContain(length)
        if (ZoneId.of(z).rules.isFixedOffset()) expect(length).toBe(24 * H)
      }),
    )
  })
})

describe('interval parameters', () => {
  it('calendar_interval accepts only single units', () => {
    expect(parseCalendarInterval('1M')).toBe('MONTH_OF_YEAR')
    expect(parseCalendarInterval('quarter')).toBe('QUARTER_OF_YEAR')
    expect(parseCalendarInterval('1m')).toBe('MINUTE_OF_HOUR')
    expect(chain(thrown(() => parseCalendarInterval('2d')))).toEqual([
      [
        'illegal_argument_exception',
        'The supplied interval [2d] could not be parsed as a calendar interval.',
      ],
    ])
  })

  it('fixed_interval is a TimeValue (docs: 2w fails)', () => {
    expect(parseFixedInterval('30d')).toBe(30 * 24 * H)
    expect(parseFixedInterval('500ms')).toBe(500)
    expect(parseFixedInterval('1500micros')).toBe(1)
    expect(thrown(() => parseFixedInterval('2w')).reason).toBe(
      'failed to parse setting [date_histogram.fixedInterval] with value [2w] as a time value: unit is missing or unrecognized',
    )
    expect(thrown(() => parseFixedInterval('1M')).reason).toBe(
      'failed to parse setting [date_histogram.fixedInterval] with value [1M] as a time value: unit is missing or unrecognized',
    )
    expect(chain(thrown(() => parseFixedInterval('1.5h')))).toEqual([
      ['illegal_argument_exception', 'failed to parse [1.5h], fractional time values are not supported'],
      ['number_format_exception', 'For input string: "1.5"'],
    ])
    expect(thrown(() => parseFixedInterval('-2s')).reason).toBe(
      'failed to parse setting [date_histogram.fixedInterval] with value [-2s] as a time value: negative durations are not supported',
    )
    expect(thrown(() => parseFixedInterval('xh')).reason).toBe('failed to parse [xh]')
  })
})
