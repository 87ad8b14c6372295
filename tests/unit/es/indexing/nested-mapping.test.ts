// The `nested` field type in mappings and documents (nested-mapping.ts, mapping.ts, mapping-merge.ts,
// document-parser.ts): GET _mapping's form, the merge errors between object and nested, the nested fields limit, and
// a document's nested documents in block order with their identities and include_in_parent / include_in_root copies.
import { describe, expect, it } from 'vitest'
import { parseDocument } from '../../../../workers/es/index/mapper/document-parser.ts'
import { mappingToJson } from '../../../../workers/es/index/mapper/mapping-json.ts'
import { mergeMapping } from '../../../../workers/es/index/mapper/mapping-merge.ts'
import {
  checkMappingLimits,
  DEFAULT_MAPPING_LIMITS,
} from '../../../../workers/es/index/mapper/mapping-limits.ts'
import { parseMapping } from '../../../../workers/es/index/mapper/mapping-parser.ts'
import { nestedIdentityJson, nestedPaths } from '../../../../workers/es/index/mapper/nested-mapping.ts'
import { EsException } from '../../../../workers/es/errors/index.ts'
import { locateDocumentFailure } from '../../../../workers/es/index/mapper/document-failure.ts'
import { parseJson, toJson, type XContentObject } from '../../../../workers/es/xcontent/index.ts'

const mapping = (json: string) => parseMapping(parseJson(json))
const source = (json: string) => parseJson(json) as XContentObject

function reason(run: () => unknown): string {
  try {
    run()
  } catch (error) {
    if (error instanceof EsException) return `${error.type}: ${error.reason}`
    throw error
  }
  return 'no error'
}

/** The failure of parsing document `json`, located in its text as the primary locates it. */
function documentReason(json: string, parse: (document: XContentObject) => unknown): string {
  return reason(() => {
    try {
      parse(source(json))
    } catch (error) {
      throw locateDocumentFailure(error, json)
    }
  })
}

describe('nested mappings', () => {
  it('prints as NestedObjectMapper does: include_in_* only when true, dynamic as text', () => {
    const parsed = mapping(
      '{"properties":{"a":{"properties":{"n":{"type":"keyword"}},"type":"nested","include_in_parent":false,"include_in_root":true,"dynamic":false}}}',
    )
    expect(toJson(mappingToJson(parsed))).toBe(
      '{"properties":{"a":{"type":"nested","include_in_root":true,"dynamic":"false","properties":{"n":{"type":"keyword"}}}}}',
    )
  })

  it('lists nested paths with their nested parents', () => {
    const parsed = mapping(
      '{"properties":{"o":{"properties":{"a":{"type":"nested","properties":{"b":{"type":"nested"}}}}}}}',
    )
    expect([...nestedPaths(parsed)]).toEqual([
      ['o.a', null],
      ['o.a.b', 'o.a'],
    ])
  })

  it('refuses to merge an object and a nested field into each other', () => {
    const nested = mapping('{"properties":{"a":{"type":"nested"}}}')
    const object = mapping('{"properties":{"a":{"properties":{}}}}')
    expect(reason(() => mergeMapping(nested, object))).toBe(
      "illegal_argument_exception: can't merge a non nested mapping [a] with a nested mapping",
    )
    expect(reason(() => mergeMapping(object, nested))).toBe(
      "illegal_argument_exception: can't merge a nested mapping [a] with a non-nested mapping",
    )
  })

  it('refuses more than 50 nested fields', () => {
    const fields = (n: number) =>
      `{"properties":{${Array.from({ length: n }, (_, i) => `"f${i}":{"type":"nested"}`).join(',')}}}`
    const check = (json: string) => checkMappingLimits(mapping(json), DEFAULT_MAPPING_LIMITS)
    expect(reason(() => check(fields(50)))).toBe('no error')
    expect(reason(() => check(fields(51)))).toBe(
      'illegal_argument_exception: Limit of nested fields [50] has been exceeded',
    )
  })
})

describe('documents with nested objects', () => {
  const index = mapping(
    '{"properties":{"t":{"type":"keyword"},"a":{"type":"nested","include_in_parent":true,"properties":{"n":{"type":"keyword"},"b":{"type":"nested","include_in_root":true,"properties":{"m":{"type":"keyword"}}}}}}}',
  )

  it('yields nested documents in block order with their identities', () => {
    const parsed = parseDocument(
      source('{"t":"r","a":[{"n":"a0","b":[{"m":"b00"},{"m":"b01"}]},{"n":"a1","b":{"m":"b10"}}]}'),
      index,
    )
    const docs = parsed.nested.map((doc) => [
      doc.path,
      toJson(nestedIdentityJson(doc.identity)),
      doc.fields.map((f) => `${f.path}=${f.values.join('|')}`).join(' '),
    ])
    expect(docs).toEqual([
      ['a.b', '{"field":"a","offset":0,"_nested":{"field":"b","offset":0}}', 'a.b.m=b00'],
      ['a.b', '{"field":"a","offset":0,"_nested":{"field":"b","offset":1}}', 'a.b.m=b01'],
      ['a', '{"field":"a","offset":0}', 'a.n=a0'],
      ['a.b', '{"field":"a","offset":1,"_nested":{"field":"b","offset":0}}', 'a.b.m=b10'],
      ['a', '{"field":"a","offset":1}', 'a.n=a1'],
    ])
    // include_in_parent copies `a`'s values into the root, include_in_root `a.b`'s
    expect(parsed.fields.map((f) => `${f.path}=${f.values.join('|')}`)).toEqual([
      't=r',
      'a.n=a0|a1',
      'a.b.m=b00|b01|b10',
    ])
  })

  it('applies a nested field own dynamic setting', () => {
    const strict = mapping('{"properties":{"a":{"type":"nested","dynamic":"strict"}}}')
    expect(documentReason('{"a":[{"x":1}]}', (doc) => parseDocument(doc, strict))).toBe(
      'strict_dynamic_mapping_exception: [1:12] mapping set to strict, dynamic introduction of [x] within [a] is not allowed',
    )
    const added = parseDocument(source('{"a":[{"x":1}]}'), mapping('{"properties":{"a":{"type":"nested"}}}'))
    expect(added.mappingUpdate?.properties['a']?.properties?.['x']?.type).toBe('long')
    expect(added.nested.map((doc) => doc.fields.map((f) => f.path))).toEqual([['a.x']])
  })

  it('refuses more than 10000 nested objects', () => {
    const many = `{"a":[${Array.from({ length: 10_001 }, () => '{}').join(',')}]}`
    expect(
      documentReason(many, (doc) => parseDocument(doc, mapping('{"properties":{"a":{"type":"nested"}}}'))),
    ).toBe(
      // at the `{` of the 10001st object: `{"a":[` and 10000 times `{},`
      `document_parsing_exception: [1:${6 + 10_000 * 3 + 1}] failed to parse: The number of nested documents has exceeded the allowed limit of [10000]. This limit can be set by changing the [index.mapping.nested_objects.limit] index level setting.`,
    )
  })
})
