// isBlank (the request body's emptiness check, run on every document a write sends) answers what /^\s*$/ answers:
// every BMP code unit alone, each between non-blank text and repeated, and the empty text. parseDocumentBody,
// which asks isBlank only once a document failed to parse, still answers a blank body with ES's
// "request body is required" and any other unparsable one with a document_parsing_exception.
import { describe, expect, it } from 'vitest'
import { EsException } from '../../../../workers/es/errors/index.ts'
import { isBlank, parseDocumentBody } from '../../../../workers/es/rest/request-body.ts'

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
    expect(isBlank('x\u3000')).toBe(false)
  })
})

/** The type and reason parseDocumentBody throws for `text`, or null when it parses. */
function failure(text: string): { type: string; reason: string } | null {
  try {
    parseDocumentBody(text)
    return null
  } catch (error) {
    if (!(error instanceof EsException)) throw error
    return { type: error.type, reason: error.reason }
  }
}

describe('parseDocumentBody', () => {
  const required = { type: 'parse_exception', reason: 'request body is required' }

  it('answers every blank body, JSON whitespace or not, with "request body is required"', () => {
    expect(failure('')).toEqual(required)
    for (let unit = 0; unit <= 0xffff; unit++) {
      const text = String.fromCharCode(unit)
      if (!BLANK.test(text)) continue
      expect(failure(text), `U+${unit.toString(16)}`).toEqual(required)
      expect(failure(` ${text}\n${text}`), `U+${unit.toString(16)} among spaces`).toEqual(required)
    }
  })

  it('answers a body that is not blank from its parse', () => {
    expect(failure(' {"a":1}\n')).toBeNull()
    expect(failure('\u3000{"a":1}')?.type).toBe('document_parsing_exception')
    expect(failure(' \n x')?.type).toBe('document_parsing_exception')
    expect(failure('[]')).toEqual({
      type: 'document_parsing_exception',
      reason: '[1:1] failed to parse, document is empty',
    })
  })
})
