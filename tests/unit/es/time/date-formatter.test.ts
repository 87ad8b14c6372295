// DateFormatter: the ES docs examples of the `date` field ("mapping-date-format", "date"), the built-in
// formats' grammars from DateFormatters, java.time's pattern letters and its DateTimeParseException texts,
// ES's error chains, and a format∘parse round-trip property for strict_date_optional_time.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DateFormatter } from '../../../../workers/es/common/time/date-formatter.ts'
import { ZoneId } from '../../../../workers/es/common/time/zone-id.ts'
import { chain, thrown } from './es-error.ts'

const DEFAULT = 'strict_date_optional_time||epoch_millis'
const at = (iso: string): number => Date.parse(iso)
const parse = (format: string, text: string, zone?: string): number =>
  DateFormatter.forPattern(format).parseMillis(text, zone === undefined ? undefined : ZoneId.of(zone))
const format = (pattern: string, millis: number, zone?: string): string =>
  DateFormatter.forPattern(pattern).format(millis, zone === undefined ? undefined : ZoneId.of(zone))
const causeOf = (pattern: string, text: string): string =>
  thrown(() => parse(pattern, text)).causedBy?.reason ?? ''

describe('the default date format (docs: date field type)', () => {
  it('parses the three documents of the docs example', () => {
    expect(parse(DEFAULT, '2015-01-01')).toBe(1420070400000)
    expect(parse(DEFAULT, '2015-01-01T12:10:30Z')).toBe(1420114230000)
    expect(parse(DEFAULT, '1420070400001')).toBe(1420070400001)
  })

  it('prints with its first format', () => {
    expect(format(DEFAULT, 1420070400001)).toBe('2015-01-01T00:00:00.001Z')
    expect(format(DEFAULT, at('2024-07-01T10:00:00Z'), 'Europe/Paris')).toBe('2024-07-01T12:00:00.000+02:00')
    expect(format(DEFAULT, at('2024-01-01T00:00:00Z'), '-05:30')).toBe('2023-12-31T18:30:00.000-05:30')
    expect(format(DEFAULT, Date.UTC(10000, 0, 1))).toBe('+10000-01-01T00:00:00.000Z')
    expect(format(DEFAULT, Date.UTC(-1, 0, 1))).toBe('-0001-01-01T00:00:00.000Z')
  })

  it('accepts the ISO variants DateFormatters allows', () => {
    expect(parse(DEFAULT, '2015')).toBe(at('2015-01-01T00:00:00Z'))
    expect(parse(DEFAULT, '2015-03')).toBe(at('2015-03-01T00:00:00Z'))
    expect(parse(DEFAULT, '2015-03-04T05')).toBe(at('2015-03-04T05:00:00Z'))
    expect(parse(DEFAULT, '2015-03-04T05:06:07.123456789Z')).toBe(at('2015-03-04T05:06:07.123Z'))
    expect(parse(DEFAULT, '2015-03-04T05:06:07,5+01:00')).toBe(at('2015-03-04T04:06:07.500Z'))
    expect(parse(DEFAULT, '2015-03-04T05:06:07+0100')).toBe(at('2015-03-04T04:06:07Z'))
    expect(parse(DEFAULT, '2015-03-04T05:06:07+01')).toBe(at('2015-03-04T04:06:07Z'))
    expect(parse(DEFAULT, '2015-03-04T05:06:07Europe/Paris')).toBe(at('2015-03-04T04:06:07Z'))
    expect(parse(DEFAULT, '-1420070400001')).toBe(-1420070400001)
  })

  it('reads local times in the given zone, an explicit offset winning', () => {
    expect(parse(DEFAULT, '2024-07-01T12:00:00', 'Europe/Paris')).toBe(at('2024-07-01T10:00:00Z'))
    expect(parse(DEFAULT, '2024-07-01T12:00:00+05:30', 'Europe/Paris')).toBe(at('2024-07-01T06:30:00Z'))
    expect(parse(DEFAULT, '1420070400001', 'Europe/Paris')).toBe(1420070400001)
    // a gap moves forward, an overlap takes the earlier offset (ZonedDateTime.ofLocal)
    expect(parse(DEFAULT, '2024-03-31T02:30:00', 'Europe/Paris')).toBe(at('2024-03-31T01:30:00Z'))
    expect(parse(DEFAULT, '2024-10-27T02:30:00', 'Europe/Paris')).toBe(at('2024-10-27T00:30:00Z'))
  })

  it('fails as DateFieldMapper reports it: IllegalArgumentException caused by DateTimeParseException', () => {
    expect(chain(thrown(() => parse(DEFAULT, 'foo')))).toEqual([
      ['illegal_argument_exception', `failed to parse date field [foo] with format [${DEFAULT}]`],
      ['date_time_parse_exception', 'Failed to parse with all enclosed parsers'],
    ])
    expect(chain(thrown(() => parse('strict_date_optional_time', '2015-01-01T12:10:30 Z')))).toEqual([
      [
        'illegal_argument_exception',
        'failed to parse date field [2015-01-01T12:10:30 Z] with format [strict_date_optional_time]',
      ],
      ['date_time_parse_exception', 'Failed to parse with all enclosed parsers'],
    ])
    expect(thrown(() => parse(DEFAULT, '')).reason).toBe('cannot parse empty datetime')
    expect(causeOf('strict_date_optional_time', '2015-1-01')).toBe(
      'Failed to parse with all enclosed parsers',
    )
    expect(causeOf('date_optional_time', '2015-01-01X')).toBe(
      "Text '2015-01-01X' could not be parsed, unparsed text found at index 10",
    )
  })
})

describe('built-in formats', () => {
  it('basic_date is UTC whatever the zone', () => {
    expect(parse('basic_date', '20240131', 'Europe/Paris')).toBe(at('2024-01-31T00:00:00Z'))
    expect(format('basic_date', at('2024-01-31T23:00:00Z'), 'Europe/Paris')).toBe('20240201')
  })

  it('date and strict_date', () => {
    expect(parse('date', '2024-1-5')).toBe(at('2024-01-05T00:00:00Z'))
    expect(format('date', at('2024-01-05T10:00:00Z'))).toBe('2024-01-05')
    expect(causeOf('strict_date', '2024-1-05')).toBe("Text '2024-1-05' could not be parsed at index 5")
    // ISO_LOCAL_DATE with ResolverStyle.LENIENT: February 30 rolls over
    expect(parse('strict_date', '2024-02-30')).toBe(at('2024-03-01T00:00:00Z'))
    expect(causeOf('date', '2024-02-30')).toBe(
      "Text '2024-02-30' could not be parsed: Invalid date 'FEBRUARY 30'",
    )
  })

  it('date_time needs the fraction when it has seconds', () => {
    expect(parse('date_time', '2024-01-31T10:20:30.123Z')).toBe(at('2024-01-31T10:20:30.123Z'))
    expect(parse('date_time', '2024-01-31T10:20+0100')).toBe(at('2024-01-31T09:20:00Z'))
    expect(causeOf('date_time', '2024-01-31T10:20:30Z')).toBe('Failed to parse with all enclosed parsers')
    expect(format('date_time', at('2024-01-31T10:20:30.120Z'))).toBe('2024-01-31T10:20:30.120Z')
  })

  it('date_hour_minute_second, year_month_day, year_month, year', () => {
    expect(parse('date_hour_minute_second', '2024-01-05T3:04:05')).toBe(at('2024-01-05T03:04:05Z'))
    expect(format('date_hour_minute_second', at('2024-01-05T03:04:05.999Z'))).toBe('2024-01-05T03:04:05')
    expect(parse('year_month_day', '2024-3-5')).toBe(at('2024-03-05T00:00:00Z'))
    expect(format('year_month_day', at('2024-03-05T10:00:00Z'))).toBe('2024-03-05')
    expect(parse('year_month', '2024-03')).toBe(at('2024-03-01T00:00:00Z'))
    expect(format('yearMonth', at('2024-03-05T10:00:00Z'))).toBe('2024-03')
    expect(parse('year', '2024')).toBe(at('2024-01-01T00:00:00Z'))
    expect(format('year', at('2024-03-05T10:00:00Z'))).toBe('2024')
  })

  it('epoch_second and epoch_millis', () => {
    expect(parse('epoch_second', '1420070400')).toBe(1420070400000)
    expect(parse('epoch_second', '1420070400.5')).toBe(1420070400500)
    expect(parse('epoch_second', '1420070400.')).toBe(1420070400000)
    expect(parse('epoch_millis', '1420070400001.999999')).toBe(1420070400001)
    expect(format('epoch_second', 1500)).toBe('1.5')
    expect(format('epoch_second', -1500)).toBe('-1.5')
    expect(format('epoch_second', 1420070400000)).toBe('1420070400')
    expect(format('epoch_millis', 1420070400001)).toBe('1420070400001')
    expect(causeOf('epoch_millis', '12a')).toBe('Failed to parse with all enclosed parsers')
  })

  it('a value wider than its print width fails as java.time does', () => {
    expect(chain(thrown(() => format('strict_year', Date.UTC(10000, 0, 1))))).toEqual([
      [
        'date_time_exception',
        'Field Year cannot be printed as the value 10000 exceeds the maximum print width of 4',
      ],
    ])
  })

  it('strict_date_optional_time_nanos parses at millis precision and prints 3 to 9 digits', () => {
    expect(parse('strict_date_optional_time_nanos', '2015-01-01T12:10:30.123456789Z')).toBe(
      at('2015-01-01T12:10:30.123Z'),
    )
    expect(format('strict_date_optional_time_nanos', at('2015-01-01T12:10:30.120Z'))).toBe(
      '2015-01-01T12:10:30.120Z',
    )
    expect(causeOf('strict_date_optional_time_nanos', '2015-01-01T12:10')).toBe(
      'Failed to parse with all enclosed parsers',
    )
  })
})

describe('custom java.time patterns', () => {
  it('parse and format', () => {
    expect(parse('yyyy/MM/dd HH:mm:ss', '2015/01/01 12:10:30')).toBe(at('2015-01-01T12:10:30Z'))
    expect(format('dd.MM.uuuu', at('2015-01-02T12:00:00Z'))).toBe('02.01.2015')
    expect(parse('yyyyMMddHHmmss', '20240131235959')).toBe(at('2024-01-31T23:59:59Z'))
    expect(parse('MMM d, yyyy h:mm a', 'Jan 5, 2024 3:07 PM')).toBe(at('2024-01-05T15:07:00Z'))
    expect(format('MMM d, yyyy h:mm a', at('2024-01-05T00:07:00Z'))).toBe('Jan 5, 2024 12:07 AM')
    expect(format('EEEE d MMMM yy', at('2024-01-05T00:00:00Z'))).toBe('Friday 5 January 24')
    expect(parse('EEE, dd MMM yyyy HH:mm:ss Z', 'Fri, 05 Jan 2024 15:07:00 +0100')).toBe(
      at('2024-01-05T14:07:00Z'),
    )
    expect(format('EEE, dd MMM yyyy HH:mm:ss Z', at('2024-01-05T14:07:00Z'), '+01:00')).toBe(
      'Fri, 05 Jan 2024 15:07:00 +0100',
    )
    expect(format("yyyy-MM-dd'T'HH:mm:ssXXX", at('2024-01-05T14:07:00Z'))).toBe('2024-01-05T14:07:00Z')
    expect(format("yyyy-MM-dd'T'HH:mm:ss.SSSXXX VV", 0, 'America/New_York')).toBe(
      '1969-12-31T19:00:00.000-05:00 America/New_York',
    )
    expect(format("HH 'o''clock'", at('2024-01-05T14:07:00Z'))).toBe("14 o'clock")
  })

  it('optional sections and missing fields', () => {
    expect(parse('yyyy-MM-dd[ HH:mm]', '2024-01-05')).toBe(at('2024-01-05T00:00:00Z'))
    expect(parse('yyyy-MM-dd[ HH:mm]', '2024-01-05 10:30')).toBe(at('2024-01-05T10:30:00Z'))
    expect(parse('HH:mm', '10:30')).toBe(at('1970-01-01T10:30:00Z'))
    expect(parse('yyyy-MM', '2024-02')).toBe(at('2024-02-01T00:00:00Z'))
  })

  it("fail with java.time's DateTimeParseException texts", () => {
    const p = 'yyyy-MM-dd'
    expect(chain(thrown(() => parse(p, '2024-1-01')))).toEqual([
      ['illegal_argument_exception', 'failed to parse date field [2024-1-01] with format [yyyy-MM-dd]'],
      ['date_time_parse_exception', "Text '2024-1-01' could not be parsed at index 5"],
    ])
    expect(causeOf(p, '2024-01-01x')).toBe(
      "Text '2024-01-01x' could not be parsed, unparsed text found at index 10",
    )
    expect(causeOf(p, '2023-02-29')).toBe(
      "Text '2023-02-29' could not be parsed: Invalid date 'February 29' as '2023' is not a leap year",
    )
    expect(causeOf(p, '2024-13-01')).toBe(
      "Text '2024-13-01' could not be parsed: Invalid value for MonthOfYear (valid values 1 - 12): 13",
    )
    expect(causeOf('HH:mm', '24:00')).toBe(
      "Text '24:00' could not be parsed: Invalid value for HourOfDay (valid values 0 - 23): 24",
    )
    expect(causeOf('EEE yyyy-MM-dd', 'Mon 2024-01-05')).toBe(
      "Text 'Mon 2024-01-05' could not be parsed: Conflict found: Field DayOfWeek 5 differs from DayOfWeek 1 derived from 2024-01-05",
    )
    expect(causeOf('yyyy', 'x'.repeat(70))).toBe(`Text '${'x'.repeat(64)}...' could not be parsed at index 0`)
  })

  it('refuse bad patterns as DateFormatter.forPattern does', () => {
    const reason = (p: string): string => thrown(() => DateFormatter.forPattern(p)).reason
    expect(reason('')).toBe('No date pattern provided')
    expect(reason('yyyy-MM-dd bb')).toBe('Invalid format: [yyyy-MM-dd bb]: Unknown pattern letter: b')
    expect(reason('ddd')).toBe('Invalid format: [ddd]: Too many pattern letters: d')
    expect(reason("yyyy 'T")).toBe(
      "Invalid format: [yyyy 'T]: Pattern ends with an incomplete string literal: yyyy 'T",
    )
    expect(reason('yyyy]')).toBe(
      'Invalid format: [yyyy]]: Pattern invalid as it contains ] without previous [',
    )
    expect(reason('date||')).toBe('Cannot have empty element in multi date format pattern: date||')
    expect(thrown(() => DateFormatter.forPattern('yyyy#')).type).toBe('illegal_argument_exception')
  })

  it('alternatives: the first that parses wins, the first prints', () => {
    const f = DateFormatter.forPattern('yyyy-MM-dd HH:mm:ss||yyyy-MM-dd||epoch_millis')
    expect(f.pattern).toBe('yyyy-MM-dd HH:mm:ss||yyyy-MM-dd||epoch_millis')
    expect(f.parseMillis('2015-01-01 12:10:30')).toBe(at('2015-01-01T12:10:30Z'))
    expect(f.parseMillis('2015-01-01')).toBe(at('2015-01-01T00:00:00Z'))
    expect(f.parseMillis('1420070400001')).toBe(1420070400001)
    expect(f.format(1420070400001)).toBe('2015-01-01 00:00:00')
    expect(DateFormatter.forPattern('strictDateOptionalTime').pattern).toBe('strict_date_optional_time')
    expect(DateFormatter.forPattern('8yyyy').format(0)).toBe('1970')
  })
})

describe('properties', () => {
  const zones = ['UTC', 'Europe/London', 'Europe/Paris', 'America/Los_Angeles', 'Australia/Sydney', '+05:30']
  const millis = fc.integer({ min: Date.UTC(1, 0, 1), max: Date.UTC(9999, 11, 31) })

  // The printer writes the offset as +HH:MM (appendOffset), so a local mean time's seconds (Paris's +00:09:21
  // until 1911) are lost on the way: the parse lands that many seconds later.
  it("strict_date_optional_time: parse(format(x, zone)) === x in every zone, less the offset's seconds", () => {
    const f = DateFormatter.forPattern('strict_date_optional_time')
    fc.assert(
      fc.property(millis, fc.constantFrom(...zones), (x, z) => {
        const zone = ZoneId.of(z)
        expect(f.parseMillis(f.format(x, zone))).toBe(x + (zone.offsetAt(x) % 60_000))
      }),
    )
    const paris = ZoneId.of('Europe/Paris')
    expect(f.format(Date.parse('1900-01-01T00:00:00Z'), paris)).toBe('1900-01-01T00:09:21.000+00:09')
  })

  it('agrees with an ISO oracle (Date.prototype.toISOString) in UTC', () => {
    const f = DateFormatter.forPattern(DEFAULT)
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 11, 31) }), (x) => {
        expect(f.format(x)).toBe(new Date(x).toISOString())
      }),
    )
  })
})
