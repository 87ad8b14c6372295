// java.text.DecimalFormat in the ROOT locale with HALF_EVEN rounding, as DocValueFormat.Decimal formats: the
// outputs are the JDK's for these patterns (the ES reference's "#,##0.00;(#,##0.00)" among them).
import { describe, expect, it } from 'vitest'
import { DecimalFormat } from '../../../../workers/es/common/decimal-format.ts'
import { EsException } from '../../../../workers/es/errors/index.ts'

function format(pattern: string, value: number): string {
  return new DecimalFormat(pattern).format(value)
}

describe('DecimalFormat', () => {
  it('groups, pads and rounds half-even on the exact double', () => {
    expect(format('#,##0.00', 1234567.891)).toBe('1,234,567.89')
    expect(format('0.00', 0.125)).toBe('0.12')
    expect(format('0.00', 0.135)).toBe('0.14')
    expect(format('#', 2.5)).toBe('2')
    expect(format('#', 3.5)).toBe('4')
    expect(format('000', 5)).toBe('005')
    expect(format('#', 0)).toBe('0')
  })

  it('reads "#.##" as "#0.##" but "#.00" without an integer digit', () => {
    expect(format('#.##', 0.5)).toBe('0.5')
    expect(format('#.##', 2)).toBe('2')
    expect(format('#.00', 0.5)).toBe('.50')
    expect(format('0.###', 1.23456)).toBe('1.235')
  })

  it('prints negatives with the negative subpattern or a minus sign', () => {
    expect(format('#,##0.00;(#,##0.00)', -1234.5)).toBe('(1,234.50)')
    expect(format('#,##0.00;(#,##0.00)', 1234.5)).toBe('1,234.50')
    expect(format('0.00', -0.001)).toBe('-0.00')
    expect(format('$#,##0.00', -1234.5)).toBe('-$1,234.50')
  })

  it('applies percent and quoted literals', () => {
    expect(format('0.0%', 0.256)).toBe('25.6%')
    expect(format("'#'0", 5)).toBe('#5')
    expect(format('0.0', NaN)).toBe('NaN')
    expect(format('0.0', Infinity)).toBe('∞')
  })

  it('refuses malformed patterns as applyPattern does', () => {
    const reason = (pattern: string): string => {
      try {
        new DecimalFormat(pattern)
      } catch (e) {
        if (e instanceof EsException) return e.reason
      }
      return 'no error'
    }
    expect(reason('0.0.0')).toBe('Multiple decimal separators in pattern "0.0.0"')
    expect(reason('0.#0')).toBe('Unexpected \'0\' in pattern "0.#0"')
    expect(reason('#,##0,')).toBe('Malformed pattern "#,##0,"')
  })
})
