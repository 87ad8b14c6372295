// Date math: the ES docs "Date math" examples (now = 2001-01-01 12:00:00), the rounding table of the range
// query docs (gt/gte/lt/lte with ||/M), "missing date components" (format yyyy-MM), time_zone handling,
// wall-clock arithmetic across DST, and JavaDateMathParser's error texts and cause chain.
import { describe, expect, it } from 'vitest'
import { DateFormatter } from '../../../../workers/es/common/time/date-formatter.ts'
import { parseDateMath, rangeQueryBounds } from '../../../../workers/es/common/time/date-math-parser.ts'
import { ZoneId } from '../../../../workers/es/common/time/zone-id.ts'
import { chain, thrown } from './es-error.ts'

const DEFAULT = DateFormatter.forPattern('strict_date_optional_time||epoch_millis')
const at = (iso: string): number => Date.parse(iso)
const NOW = at('2001-01-01T12:00:00Z')
const math = (text: string, roundUp = false, zone: string | null = null, format = DEFAULT): number =>
  parseDateMath(text, NOW, roundUp, zone === null ? null : ZoneId.of(zone), format)

describe('docs: date math', () => {
  it('examples with now = 2001-01-01 12:00:00', () => {
    expect(math('now+1h')).toBe(at('2001-01-01T13:00:00Z'))
    expect(math('now-1h')).toBe(at('2001-01-01T11:00:00Z'))
    expect(math('now-1h/d')).toBe(at('2001-01-01T00:00:00Z'))
    expect(math('2001.02.01||+1M/d', false, null, DateFormatter.forPattern('yyyy.MM.dd'))).toBe(
      at('2001-03-01T00:00:00Z'),
    )
  })

  it('units y M w d h H m s, chained left to right', () => {
    expect(math('now+1y-2M+3w-4d+5h-6H+7m-8s')).toBe(at('2001-11-18T11:06:52Z'))
    expect(math('now/y')).toBe(at('2001-01-01T00:00:00Z'))
    expect(math('now/w')).toBe(at('2001-01-01T00:00:00Z')) // 2001-01-01 was a Monday
    expect(math('2024-01-31||+1M')).toBe(at('2024-02-29T00:00:00Z')) // plusMonths clamps the day
    expect(math('2024-01-03T10:20:30.456Z||/w')).toBe(at('2024-01-01T00:00:00Z'))
    expect(math('2024-01-03T10:20:30.456Z||/s')).toBe(at('2024-01-03T10:20:30Z'))
  })

  it('rounding in range queries (docs table for 2014-11-18||/M)', () => {
    const bounds = (op: 'gt' | 'gte' | 'lt' | 'lte'): { lower: number; upper: number } =>
      rangeQueryBounds(
        {
          from: op.startsWith('g') ? '2014-11-18||/M' : null,
          to: op.startsWith('l') ? '2014-11-18||/M' : null,
          includeLower: op === 'gte',
          includeUpper: op === 'lte',
        },
        NOW,
        null,
        DEFAULT,
      )
    expect(bounds('gt').lower).toBe(at('2014-12-01T00:00:00.000Z'))
    expect(bounds('gte').lower).toBe(at('2014-11-01T00:00:00.000Z'))
    expect(bounds('lt').upper).toBe(at('2014-10-31T23:59:59.999Z'))
    expect(bounds('lte').upper).toBe(at('2014-11-30T23:59:59.999Z'))
    expect(bounds('gt').upper).toBe(Infinity)
  })

  it('missing date components round up to 01, 23:59:59.999 (docs: range query)', () => {
    expect(math('2099-12', true, null, DateFormatter.forPattern('yyyy-MM'))).toBe(
      at('2099-12-01T23:59:59.999Z'),
    )
    expect(math('2099-12', false, null, DateFormatter.forPattern('yyyy-MM'))).toBe(at('2099-12-01T00:00:00Z'))
    expect(math('2024-01-01T10', true)).toBe(at('2024-01-01T10:59:59.999Z'))
    expect(math('2024-01-01T10:00:00', true)).toBe(at('2024-01-01T10:00:00.999Z'))
    expect(math('2024-01-05 3', true, null, DateFormatter.forPattern('yyyy-MM-dd h'))).toBe(
      at('2024-01-05T15:59:59.999Z'),
    )
    expect(math('1420070400', true, null, DateFormatter.forPattern('epoch_second'))).toBe(1420070400999)
    expect(math('1420070400001', true)).toBe(1420070400001)
  })
})

describe('time zones', () => {
  it('docs: time_zone converts the date, not now', () => {
    expect(math('2020-01-01T00:00:00', false, '+01:00')).toBe(at('2019-12-31T23:00:00Z'))
    expect(math('now', false, '+01:00')).toBe(NOW)
    expect(math('now/d', false, '+01:00')).toBe(at('2000-12-31T23:00:00Z'))
    expect(math('now/d', true, '-05:00')).toBe(at('2001-01-02T04:59:59.999Z'))
    expect(math('2020-01-01T00:00:00Z', false, '+01:00')).toBe(at('2020-01-01T00:00:00Z'))
  })

  it('days keep the wall clock across DST, hours move the instant', () => {
    const now = at('2024-03-30T12:00:00Z') // 13:00 in Paris, the day before the spring change
    const paris = ZoneId.of('Europe/Paris')
    expect(parseDateMath('now+1d', now, false, paris, DEFAULT)).toBe(at('2024-03-31T11:00:00Z'))
    expect(parseDateMath('now+24h', now, false, paris, DEFAULT)).toBe(at('2024-03-31T12:00:00Z'))
    expect(parseDateMath('now+1d/d', now, false, paris, DEFAULT)).toBe(at('2024-03-30T23:00:00Z'))
    expect(parseDateMath('now+1d/d', now, true, paris, DEFAULT)).toBe(at('2024-03-31T21:59:59.999Z'))
  })
})

describe('errors (ElasticsearchParseException)', () => {
  it('malformed math', () => {
    const reason = (text: string): string => thrown(() => math(text)).reason
    expect(thrown(() => math('now+')).type).toBe('parse_exception')
    expect(reason('now+')).toBe('truncated date math [+]')
    expect(reason('now+10')).toBe('truncated date math [+10]')
    expect(reason('now*1d')).toBe('operator not supported for date math [*1d]')
    expect(reason('now/2d')).toBe('rounding `/` can only be used on single unit types [/2d]')
    expect(reason('now+1x')).toBe('unit [x] not supported for date math [+1x]')
    expect(reason('')).toBe('cannot parse empty datetime')
    expect(reason('||+1d')).toBe('cannot parse empty datetime')
  })

  it('an unparsable date, as a range query reports it', () => {
    const f = 'strict_date_optional_time||epoch_millis'
    expect(chain(thrown(() => math('foo')))).toEqual([
      [
        'parse_exception',
        `failed to parse date field [foo] with format [${f}]: [failed to parse date field [foo] with format [${f}]]`,
      ],
      ['illegal_argument_exception', `failed to parse date field [foo] with format [${f}]`],
      ['date_time_parse_exception', 'Failed to parse with all enclosed parsers'],
    ])
    expect(thrown(() => math('foo')).status).toBe(400)
  })
})
