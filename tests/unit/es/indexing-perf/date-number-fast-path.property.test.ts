// A JSON number in a date field of the default format (strict_date_optional_time||epoch_millis) is read without
// parsing its text where that text could only be epoch_millis: the doc value is what the formatter answers for
// String(value), for four-digit years, -0, fractions, unsafe integers and random safe integers alike.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DateFormatter } from '../../../../workers/es/common/time/index.ts'
import {
  DEFAULT_DATE_FORMAT,
  defaultFormatMillis,
  docValues,
} from '../../../../workers/es/index/mapper/doc-values.ts'

const formatter = DateFormatter.forPattern(DEFAULT_DATE_FORMAT)
const parsed = (value: number): number => formatter.parseMillis(String(value))

describe('a number in a default-format date field', () => {
  it('has the doc value its text parses to', () => {
    const edges = [0, -0, 1, -1, 999, -999, 1000, -1000, 2020, 9999, -9999, 10000, -10000, 1767225600000]
    const safe = fc.oneof(fc.integer({ min: -20_000, max: 20_000 }), fc.maxSafeInteger(), fc.maxSafeNat())
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...edges), safe), (value) => {
        expect(docValues({ type: 'date' }, [value])).toEqual([parsed(value)])
      }),
      { numRuns: 2000 },
    )
  })

  it('is read as epoch millis without its text unless it has four digits or is not a safe integer', () => {
    expect(defaultFormatMillis(1767225600000)).toBe(1767225600000)
    expect(defaultFormatMillis(-12345)).toBe(-12345)
    expect(Object.is(defaultFormatMillis(-0), 0)).toBe(true)
    expect(defaultFormatMillis(2020)).toBeUndefined()
    expect(defaultFormatMillis(-1000)).toBeUndefined()
    expect(defaultFormatMillis(1.5)).toBeUndefined()
    expect(defaultFormatMillis(2 ** 53)).toBeUndefined()
    expect(defaultFormatMillis('1767225600000')).toBeUndefined()
    // The years it leaves to the formatter are years there, not epoch millis.
    expect(docValues({ type: 'date' }, [2020])).toEqual([Date.UTC(2020, 0, 1)])
  })
})
