// What the bulk path no longer redoes per document or per value: DateFormatter.forPattern hands out one
// compiled formatter per pattern (a failing pattern fails every time, with ES's message), and parseDocument
// reads the published mapping without copying or changing it, copying only for a document that adds fields.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DateFormatter } from '../../../../workers/es/common/time/date-formatter.ts'
import { parseDocument } from '../../../../workers/es/index/mapper/document-parser.ts'
import type { Mapping } from '../../../../workers/es/index/mapper/mapping.ts'
import { parseJson, type XContentObject } from '../../../../workers/es/xcontent/index.ts'

const doc = (json: object): XContentObject => parseJson(JSON.stringify(json)) as XContentObject

describe('DateFormatter.forPattern compiles a pattern once', () => {
  it('returns the same formatter for the same pattern, and it still parses and prints', () => {
    const first = DateFormatter.forPattern('yyyy/MM/dd||epoch_millis')
    expect(DateFormatter.forPattern('yyyy/MM/dd||epoch_millis')).toBe(first)
    expect(DateFormatter.forPattern('yyyy/MM/dd')).not.toBe(first)
    expect(first.parseMillis('2015/01/01')).toBe(Date.UTC(2015, 0, 1))
    expect(first.parseMillis('1420070400001')).toBe(Date.UTC(2015, 0, 1) + 1)
    expect(first.format(Date.UTC(2015, 0, 1))).toBe('2015/01/01')
  })

  it('fails a bad pattern each time it is asked for', () => {
    for (let i = 0; i < 2; i++) {
      expect(() => DateFormatter.forPattern('')).toThrow('No date pattern provided')
      expect(() => DateFormatter.forPattern('yyyy||')).toThrow(
        'Cannot have empty element in multi date format pattern: yyyy||',
      )
    }
  })

  it('compiles again a pattern the full cache let go, to an equal formatter', () => {
    const first = DateFormatter.forPattern('dd.MM.yyyy')
    for (let i = 0; i < 300; i++) DateFormatter.forPattern(`'${i}' yyyy`)
    const again = DateFormatter.forPattern('dd.MM.yyyy')
    expect(again).not.toBe(first)
    expect(again.parseMillis('31.12.2020')).toBe(first.parseMillis('31.12.2020'))
  })
})

describe('parseDocument reads the mapping without copying it', () => {
  const published = (): Mapping => ({
    properties: {
      title: { type: 'text' },
      user: { type: 'object', properties: { name: { type: 'keyword' } } },
      meta: { type: 'object' },
    },
  })

  it('hands out the mapping’s own field mappings when nothing is added', () => {
    const mapping = published()
    const parsed = parseDocument(doc({ title: 'x', user: { name: 'kim' } }), mapping)
    expect(parsed.mappingUpdate).toBeNull()
    expect(parsed.fields.map((f) => [f.path, f.values])).toEqual([
      ['title', ['x']],
      ['user.name', ['kim']],
    ])
    expect(parsed.fields[1]!.mapping).toBe(mapping.properties.user!.properties!.name)
  })

  it('adds fields to a copy only, also under an object mapping that has no properties yet', () => {
    const mapping = published()
    const parsed = parseDocument(doc({ title: 'x', meta: { n: 1 }, tag: 'a' }), mapping)
    expect(mapping).toEqual(published())
    expect(parsed.mappingUpdate?.properties.meta).toEqual({
      type: 'object',
      properties: { n: { type: 'long' } },
    })
    expect(parsed.mappingUpdate?.properties.tag).toEqual({
      type: 'text',
      fields: { keyword: { type: 'keyword', ignore_above: 256 } },
    })
    expect(parsed.fields.map((f) => f.path)).toEqual(['title', 'meta.n', 'tag', 'tag.keyword'])
  })

  it('on random documents, leaves the mapping unchanged and parses as over a copy of it', () => {
    const value = fc.oneof(
      fc.constantFrom('a b', '2015-01-01', 7, 1.5, true, null),
      fc.constant({ name: 'z' }),
    )
    const source = fc.dictionary(fc.constantFrom('title', 'user', 'meta', 'new', 'name'), value)
    fc.assert(
      fc.property(
        source,
        fc.constantFrom<Mapping['dynamic']>('true', 'false', undefined),
        (json, dynamic) => {
          const mapping: Mapping = { ...published(), ...(dynamic === undefined ? {} : { dynamic }) }
          const outcome = (m: Mapping): unknown => {
            try {
              return parseDocument(doc(json), m)
            } catch (error) {
              return error instanceof Error ? error.message : error
            }
          }
          expect(outcome(mapping)).toEqual(outcome(structuredClone(mapping)))
          expect(mapping).toEqual({ ...published(), ...(dynamic === undefined ? {} : { dynamic }) })
        },
      ),
    )
  })
})
