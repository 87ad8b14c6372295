// isBlank (the request body's emptiness check, run on every document a write sends) answers what /^\s*$/ answers:
// every BMP code unit alone, each between non-blank text and repeated, and the empty text.
import { describe, expect, it } from 'vitest'
import { isBlank } from '../../../../workers/es/rest/request-body.ts'

const BLANK = /^\s*$/

describe('isBlank', () => {
  it('agrees with /^\\s*$/ on every BMP code unit', () => {
    for (let unit = 0; unit <= 0xffff; unit++) {
      const text = String.fromCharCode(unit)
      expect(isBlank(text), `U+${unit.toString(16)}`).toBe(BLANK.test(text))
      expect(isBlank(text.repeat(3))).toBe(BLANK.test(text.repeat(3)))
    }
  })

  it('is true only when every code unit is whitespace', () => {
    expect(isBlank('')).toBe(true)
    expect(isBlank(' \t\r\n\u3000\ufeff')).toBe(true)
    expect(isBlank(' \n{}\n ')).toBe(false)
    expect(isBlank('\u2028x')).toBe(false)
    expect(isBlank('{"a":1}')).toBe(false)
  })
})
