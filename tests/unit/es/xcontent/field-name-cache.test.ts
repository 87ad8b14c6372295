// FieldNameCache: whatever it holds, slice(text, start, end) is text.slice(start, end), names that share a slot and
// names too long to keep included.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { FieldNameCache } from '../../../../workers/es/xcontent/field-name-cache.ts'

describe('FieldNameCache', () => {
  it('answers a name read again, and the name after another took its slot', () => {
    const cache = new FieldNameCache()
    const text = '{"title":1,"tytle":2,"title":3}'
    // "title" and "tytle": same length, first and last code units, so the same slot
    expect(cache.slice(text, 2, 7)).toBe('title')
    expect(cache.slice(text, 12, 17)).toBe('tytle')
    expect(cache.slice(text, 22, 27)).toBe('title')
    expect(cache.slice(text, 22, 27)).toBe('title')
  })

  it('answers empty and long names', () => {
    const cache = new FieldNameCache()
    const long = 'n'.repeat(65)
    expect(cache.slice('""', 1, 1)).toBe('')
    expect(cache.slice(`"${long}"`, 1, 66)).toBe(long)
    expect(cache.slice(`"${long}"`, 1, 66)).toBe(long)
  })

  it('is text.slice for any sequence of reads', () => {
    const name = fc.string({ unit: fc.constantFrom('a', 'b', '.', 'é', '\ud83d\ude00'), maxLength: 70 })
    fc.assert(
      fc.property(fc.array(fc.tuple(name, name, name), { maxLength: 40 }), (reads) => {
        const cache = new FieldNameCache()
        for (const [before, field, after] of reads) {
          const text = before + field + after
          expect(cache.slice(text, before.length, before.length + field.length)).toBe(field)
        }
      }),
    )
  })
})
