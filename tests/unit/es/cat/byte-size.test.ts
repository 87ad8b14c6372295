// ByteSize against ES's ByteSizeValue.toString (Strings.format1Decimals: truncate to one decimal) and
// RestTable's `bytes=` resolutions (whole units, rounded down), with a property test against a naive oracle.
import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { ByteSize } from '../../../../workers/es/rest/cat/byte-size.ts'

describe('ByteSize', () => {
  test.each([
    [0, '0b'],
    [249, '249b'],
    [1023, '1023b'],
    [1024, '1kb'],
    [1536, '1.5kb'],
    [90_214, '88kb'], // 88.099… keeps its first decimal 0, which is dropped
    [90_300, '88.1kb'], // 88.18…: truncated, not rounded
    [1024 ** 2 - 1, '1023.9kb'],
    [5 * 1024 ** 3 + 1024 ** 3 / 2, '5.5gb'],
    [2 * 1024 ** 4, '2tb'],
    [3 * 1024 ** 5, '3pb'],
    [1024 ** 6, '1024pb'],
  ])('%d bytes print as %s', (bytes, text) => {
    expect(new ByteSize(bytes).toString()).toBe(text)
  })

  test.each([
    ['b', '1572864'],
    ['k', '1536'],
    ['kb', '1536'],
    ['m', '1'],
    ['mb', '1'],
    ['g', '0'],
    ['gb', '0'],
    ['tb', '0'],
    ['pb', '0'],
    ['bogus', '1.5mb'],
    [undefined, '1.5mb'],
  ])('bytes=%s renders 1.5mb as %s', (resolution, text) => {
    expect(new ByteSize(1.5 * 1024 ** 2).render(resolution)).toBe(text)
  })

  test('toString agrees with a naive truncating formatter', () => {
    const units = ['b', 'kb', 'mb', 'gb', 'tb', 'pb']
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 52 }), (bytes) => {
        let unit = 0
        while (unit < 5 && bytes >= 1024 ** (unit + 1)) unit++
        const tenths = Math.floor((bytes * 10) / 1024 ** unit)
        const whole = Math.floor(tenths / 10)
        const digit = tenths % 10
        const expected = `${whole}${digit === 0 ? '' : `.${digit}`}${units[unit]}`
        expect(new ByteSize(bytes).toString()).toBe(expected)
      }),
    )
  })
})
