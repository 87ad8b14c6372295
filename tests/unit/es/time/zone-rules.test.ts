// ZoneId.of and the tz database: transition instants against the IANA tz database (history included), gaps and
// overlaps as java.time's ZoneRules reports them, java.time's ZoneId.of error texts, and a property check of
// the offset lookups against each other.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ZoneId, offsetId } from '../../../../workers/es/common/time/zone-id.ts'
import { localToUtc, utcToLocal } from '../../../../workers/es/common/time/zone-rules.ts'
import { chain, thrown } from './es-error.ts'

const H = 3_600_000
const at = (iso: string): number => Date.parse(iso)

describe('transitions (tzdb)', () => {
  const cases: Array<[string, number, string[]]> = [
    ['Europe/London', 2024, ['2024-03-31T01:00:00Z', '2024-10-27T01:00:00Z']],
    ['Europe/Paris', 2024, ['2024-03-31T01:00:00Z', '2024-10-27T01:00:00Z']],
    ['Europe/Berlin', 2025, ['2025-03-30T01:00:00Z', '2025-10-26T01:00:00Z']],
    ['America/New_York', 2024, ['2024-03-10T07:00:00Z', '2024-11-03T06:00:00Z']],
    ['America/Los_Angeles', 2025, ['2025-03-09T10:00:00Z', '2025-11-02T09:00:00Z']],
    ['Australia/Sydney', 2024, ['2024-04-06T16:00:00Z', '2024-10-05T16:00:00Z']],
    // the legacy ids (the ES reference's date_range example uses CET) and the US/ links
    ['CET', 2024, ['2024-03-31T01:00:00Z', '2024-10-27T01:00:00Z']],
    ['MET', 2025, ['2025-03-30T01:00:00Z', '2025-10-26T01:00:00Z']],
    ['EET', 2024, ['2024-03-31T01:00:00Z', '2024-10-27T01:00:00Z']],
    ['WET', 2024, ['2024-03-31T01:00:00Z', '2024-10-27T01:00:00Z']],
    ['US/Eastern', 2024, ['2024-03-10T07:00:00Z', '2024-11-03T06:00:00Z']],
    ['US/Pacific', 2025, ['2025-03-09T10:00:00Z', '2025-11-02T09:00:00Z']],
  ]
  it.each(cases)('%s %i', (id, year, instants) => {
    const rules = ZoneId.of(id).rules
    expect(rules.transitionsOfYear(year).map((t) => new Date(t.instant).toISOString())).toEqual(
      instants.map((i) => new Date(i).toISOString()),
    )
  })

  it('any tzdb zone, with its history (the US rules before 2007, Brazil with DST until 2019)', () => {
    const transitions = (id: string, year: number): string[] =>
      ZoneId.of(id)
        .rules.transitionsOfYear(year)
        .map((t) => `${new Date(t.instant).toISOString()} ${t.offsetBefore / H}>${t.offsetAfter / H}`)
    expect(transitions('America/New_York', 2005)).toEqual([
      '2005-04-03T07:00:00.000Z -5>-4',
      '2005-10-30T06:00:00.000Z -4>-5',
    ])
    expect(transitions('America/Chicago', 2024)).toEqual([
      '2024-03-10T08:00:00.000Z -6>-5',
      '2024-11-03T07:00:00.000Z -5>-6',
    ])
    expect(transitions('America/Sao_Paulo', 2018)).toEqual([
      '2018-02-18T02:00:00.000Z -2>-3',
      '2018-11-04T03:00:00.000Z -3>-2',
    ])
    expect(transitions('America/Sao_Paulo', 2020)).toEqual([])
    expect(transitions('Asia/Shanghai', 1988)).toEqual([
      '1988-04-16T18:00:00.000Z 8>9',
      '1988-09-10T17:00:00.000Z 9>8',
    ])
    expect(ZoneId.of('Asia/Shanghai').offsetAt(at('2024-07-01T00:00:00Z'))).toBe(8 * H)
    // a local mean time to the second: Paris until 1911
    expect(ZoneId.of('Europe/Paris').offsetAt(at('1900-01-01T00:00:00Z'))).toBe(561_000)
  })

  it('zones with one offset for all time are normalized to it, as ZoneId.normalized does', () => {
    expect(ZoneId.of('Etc/GMT+5').id).toBe('-05:00')
    expect(ZoneId.of('Etc/UTC').id).toBe('Z')
    expect(ZoneId.of('US/Eastern').id).toBe('US/Eastern')
    expect(ZoneId.of('America/Chicago')).toBe(ZoneId.of('America/Chicago'))
  })

  it('finds the longest region id at a position, as the zone id parser does', () => {
    expect(ZoneId.regionIdAt('2024-01-01T00:00[America/Argentina/Buenos_Aires]', 17)).toBe(
      'America/Argentina/Buenos_Aires',
    )
    expect(ZoneId.regionIdAt('x US/Eastern and more', 2)).toBe('US/Eastern')
    expect(ZoneId.regionIdAt('Mars/Olympus', 0)).toBe('')
  })

  it('fixed zones have no transitions', () => {
    expect(ZoneId.of('Asia/Kolkata').offsetAt(at('2024-07-01T00:00:00Z'))).toBe(5.5 * H)
    expect(ZoneId.of('Asia/Tokyo').rules.transitionsOfYear(2024)).toEqual([])
  })

  it('offsets around the Paris spring gap and autumn overlap', () => {
    const paris = ZoneId.of('Europe/Paris')
    expect(paris.offsetAt(at('2024-03-31T00:59:59.999Z'))).toBe(H)
    expect(paris.offsetAt(at('2024-03-31T01:00:00Z'))).toBe(2 * H)
    const local = (iso: string): number => at(iso + 'Z')
    expect(paris.rules.validOffsets(local('2024-03-31T02:30:00'))).toEqual([])
    expect(paris.rules.validOffsets(local('2024-10-27T02:30:00'))).toEqual([2 * H, H])
    expect(paris.rules.validOffsets(local('2024-10-27T03:00:00'))).toEqual([H])
    // ZonedDateTime.ofLocal: a gap moves forward by its length, an overlap takes the earlier offset
    expect(localToUtc(paris.rules, local('2024-03-31T02:30:00'))).toBe(at('2024-03-31T01:30:00Z'))
    expect(localToUtc(paris.rules, local('2024-10-27T02:30:00'))).toBe(at('2024-10-27T00:30:00Z'))
    expect(localToUtc(paris.rules, local('2024-10-27T02:30:00'), H)).toBe(at('2024-10-27T01:30:00Z'))
  })

  it('property: an instant survives utc → local → utc with its own offset preferred', () => {
    const zones = ['Europe/Paris', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata'].map((z) =>
      ZoneId.of(z),
    )
    fc.assert(
      fc.property(fc.integer({ min: -2e12, max: 4e12 }), fc.constantFrom(...zones), (utc, zone) => {
        const local = utcToLocal(zone.rules, utc)
        expect(zone.rules.validOffsets(local)).toContain(zone.offsetAt(utc))
        expect(localToUtc(zone.rules, local, zone.offsetAt(utc))).toBe(utc)
      }),
    )
  })
})

describe('ZoneId.of', () => {
  it('reads offsets and prefixes as java.time does', () => {
    expect(ZoneId.of('+01:00').id).toBe('+01:00')
    expect(ZoneId.of('-05:30').offsetAt(0)).toBe(-5.5 * H)
    expect(ZoneId.of('+1').id).toBe('+01:00')
    expect(ZoneId.of('+0130').id).toBe('+01:30')
    expect(ZoneId.of('+00:00').id).toBe('Z')
    expect(ZoneId.of('Z')).toBe(ZoneId.UTC)
    expect(ZoneId.of('UTC')).toBe(ZoneId.UTC)
    expect(ZoneId.of('GMT+02:00').offsetAt(0)).toBe(2 * H)
    expect(ZoneId.of('EST').id).toBe('-05:00')
    expect(offsetId(3_723_000)).toBe('+01:02:03')
  })

  it('fails with java.time messages', () => {
    expect(chain(thrown(() => ZoneId.of('Mars/Olympus')))).toEqual([
      ['zone_rules_exception', 'Unknown time-zone ID: Mars/Olympus'],
    ])
    expect(chain(thrown(() => ZoneId.of('europe/paris')))).toEqual([
      ['zone_rules_exception', 'Unknown time-zone ID: europe/paris'],
    ])
    expect(thrown(() => ZoneId.of('+25:00')).reason).toBe(
      'Zone offset hours not in valid range: value 25 is not in the range -18 to 18',
    )
    expect(thrown(() => ZoneId.of('+1:00')).reason).toBe(
      'Invalid ID for ZoneOffset, non numeric characters found: +1:00',
    )
    expect(thrown(() => ZoneId.of('+1:000')).reason).toBe(
      'Invalid ID for ZoneOffset, non numeric characters found: +1:000',
    )
    expect(thrown(() => ZoneId.of('+1000000')).reason).toBe(
      'Invalid ID for ZoneOffset, invalid format: +1000000',
    )
    expect(thrown(() => ZoneId.of('+01-00')).reason).toBe(
      'Invalid ID for ZoneOffset, colon not found when expected: +01-00',
    )
    expect(thrown(() => ZoneId.of('foo bar')).reason).toBe(
      'Invalid ID for region-based ZoneId, invalid format: foo bar',
    )
    expect(chain(thrown(() => ZoneId.of('UTC+x')))).toEqual([
      ['date_time_exception', 'Invalid ID for offset-based ZoneId: UTC+x'],
      ['date_time_exception', 'Invalid ID for ZoneOffset, non numeric characters found: +0x'],
    ])
  })
})
