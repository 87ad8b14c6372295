// The element parser's rollback and its reused scratch: an optional section that fails leaves no field it set
// (java.time's parse context copy), and a formatter's next parse starts from nothing, whatever the last one set.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DateFormatter } from '../../../../workers/es/common/time/date-formatter.ts'
import { thrown } from './es-error.ts'

const millis = (pattern: string, text: string): number => DateFormatter.forPattern(pattern).parseMillis(text)
const causeOf = (pattern: string, text: string): string =>
  thrown(() => millis(pattern, text)).causedBy?.reason ?? ''

describe('optional sections', () => {
  const NESTED = "yyyy[-MM[-dd'T']]"

  it('undo the fields of a failed inner section and keep the outer one', () => {
    expect(millis(NESTED, '2021-03-04T')).toBe(Date.parse('2021-03-04T00:00:00Z'))
    expect(millis(NESTED, '2021-03')).toBe(Date.parse('2021-03-01T00:00:00Z'))
    // [-dd'T'] read the day, then failed on the missing T: its day is undone and its text left unparsed.
    expect(causeOf(NESTED, '2021-03-04')).toBe(
      "Text '2021-03-04' could not be parsed, unparsed text found at index 7",
    )
  })

  it('restore a field that the failed section overwrote', () => {
    // The section reads a second year, then fails on its literal: the first year stands.
    expect(millis("yyyy[ yyyy'x']", '2020')).toBe(Date.parse('2020-01-01T00:00:00Z'))
    expect(causeOf("yyyy[ yyyy'x']", '2020 2021')).toBe(
      "Text '2020 2021' could not be parsed, unparsed text found at index 4",
    )
  })
})

describe('a formatter parsing again', () => {
  const EXPECTED: ReadonlyArray<[string, string]> = [
    ['2021', '2021-01-01T00:00:00Z'],
    ['2021-03', '2021-03-01T00:00:00Z'],
    ['2021-03-04', '2021-03-04T00:00:00Z'],
    ['2021-03-04T05', '2021-03-04T05:00:00Z'],
    ['2021-03-04T05:06:07.891Z', '2021-03-04T05:06:07.891Z'],
    ['1614834367891', '2021-03-04T05:06:07.891Z'],
  ]

  it('answers each text as a fresh formatter does, in any order', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...EXPECTED), { maxLength: 12 }), (sequence) => {
        const shared = DateFormatter.forPattern('strict_date_optional_time||epoch_millis')
        for (const [text, iso] of sequence) expect(shared.parseMillis(text)).toBe(Date.parse(iso))
      }),
    )
  })
})
