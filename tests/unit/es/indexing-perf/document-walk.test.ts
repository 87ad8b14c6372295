// parseDocument's walk finds a path's entry by scanning its list while a document has few fields and through a
// Map past SCANNED_FIELDS (16): either way one entry per path, in the order paths first occur, holding every value
// of the path in document order, multi-fields right after their field, across arrays of objects that come back
// to a path after others.
import { describe, expect, it } from 'vitest'
import { parseDocument } from '../../../../workers/es/index/mapper/document-parser.ts'
import type { FieldMapping, Mapping } from '../../../../workers/es/index/mapper/mapping.ts'
import { parseJson, type XContentObject } from '../../../../workers/es/xcontent/index.ts'

const doc = (json: object): XContentObject => parseJson(JSON.stringify(json)) as XContentObject

/** `count` text fields f0, f1, ... each with a `raw` keyword multi-field, and an object `items` of a and b. */
function mapping(count: number): Mapping {
  const properties: Record<string, FieldMapping> = {
    items: { type: 'object', properties: { a: { type: 'long' }, b: { type: 'keyword' } } },
  }
  for (let i = 0; i < count; i++) {
    properties[`f${i}`] = { type: 'text', fields: { raw: { type: 'keyword' } } }
  }
  return { properties }
}

/** items first, then the f fields (two values each), then items again: a and b come back after the others. */
function document(count: number): object {
  const json: Record<string, unknown> = { items: [{ a: 1, b: 'x' }, { b: 'y' }] }
  for (let i = 0; i < count; i++) json[`f${i}`] = [`v${i}`, `w${i}`]
  return { ...json, items2: null }
}

function expected(count: number): Array<[string, unknown[]]> {
  const out: Array<[string, unknown[]]> = [
    ['items.a', [1]],
    ['items.b', ['x', 'y']],
  ]
  for (let i = 0; i < count; i++) {
    out.push([`f${i}`, [`v${i}`, `w${i}`]], [`f${i}.raw`, [`v${i}`, `w${i}`]])
  }
  return out
}

describe('parseDocument groups values by path', () => {
  for (const count of [3, 7, 8, 20]) {
    it(`with ${2 + 2 * count} paths`, () => {
      const parsed = parseDocument(doc(document(count)), mapping(count))
      expect(parsed.fields.map((f) => [f.path, f.values])).toEqual(expected(count))
    })
  }

  it('comes back to paths it first saw past the scanned fields', () => {
    const fields = Object.fromEntries(Object.entries(document(20)).filter(([key]) => key !== 'items'))
    const json = { ...fields, items: [{ a: 1 }, { a: 2, b: 'z' }, { a: 3 }] }
    const parsed = parseDocument(doc(json), mapping(20))
    expect(parsed.fields.map((f) => [f.path, f.values])).toEqual([
      ...expected(20).slice(2),
      ['items.a', [1, 2, 3]],
      ['items.b', ['z']],
    ])
  })
})
