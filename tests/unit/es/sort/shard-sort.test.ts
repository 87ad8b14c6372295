// The shard and reduce side of sorting: SortField building with ES 8.17's errors, Lucene's ordering with
// missing values (_last in both orders), multi-value modes, search_after, the cross-shard merge
// (SearchPhaseController: sort values, then shard index, then doc id) and the `sort` values as written.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { errorResponseBody, EsException } from '../../../../workers/es/errors/index.ts'
import { toJson, XNumber } from '../../../../workers/es/xcontent/index.ts'
import type { FieldMapping } from '../../../../workers/es/index/mapper/mapping.ts'
import type { DocValuesSource, FieldValue } from '../../../../workers/es/search/aggregations/index.ts'
import {
  buildSortField,
  formatSortValues,
  parseUriSort,
  searchAfterValues,
  topFieldDocs,
  type SortBuilder,
} from '../../../../workers/es/search/sort/index.ts'
import { mergeQueryResults, type QuerySearchResult } from '../../../../workers/es/search/search-service.ts'
import { NO_STORED_SCRIPTS } from '../../../../workers/es/cluster/metadata/script-metadata.ts'

const index = {
  name: 'idx',
  uuid: 'u1',
  fields: new Map<string, FieldMapping>([
    ['age', { type: 'long' }],
    ['n', { type: 'integer' }],
    ['price', { type: 'double' }],
    ['ratio', { type: 'float' }],
    ['tag', { type: 'keyword' }],
    ['title', { type: 'text' }],
    ['date', { type: 'date' }],
    ['ok', { type: 'boolean' }],
  ]),
}

const fieldSort = (
  field: string,
  options: Partial<Extract<SortBuilder, { kind: 'field' }>> = {},
): SortBuilder => ({
  kind: 'field',
  field,
  order: 'asc',
  missing: null,
  unmappedType: null,
  mode: null,
  format: null,
  nested: null,
  ...options,
})

function source(docs: ReadonlyArray<Record<string, FieldValue[]>>): DocValuesSource {
  return { field: () => null, concreteName: (name) => name, values: (field, doc) => docs[doc]?.[field] ?? [] }
}

function errorOf(run: () => unknown): string {
  try {
    run()
  } catch (error) {
    if (error instanceof EsException) return errorResponseBody(error)
    throw error
  }
  throw new Error('no error')
}

const matches = (count: number, score = (d: number) => 1 + d / 10) =>
  Array.from({ length: count }, (_, docId) => ({ docId, score: score(docId) }))

function sortedIds(builders: SortBuilder[], docs: Array<Record<string, FieldValue[]>>): number[] {
  const fields = builders.map((b) => buildSortField(b, index))
  return topFieldDocs(matches(docs.length), fields, source(docs), null, 100, null).map((d) => d.docId)
}

describe('SortField build errors (shard failures)', () => {
  it('unmapped field without unmapped_type: query_shard_exception with the index', () => {
    expect(errorOf(() => buildSortField(fieldSort('nope'), index))).toBe(
      '{"error":{"root_cause":[{"type":"query_shard_exception","reason":"No mapping found for [nope] in order to ' +
        'sort on","index_uuid":"u1","index":"idx"}],"type":"query_shard_exception","reason":"No mapping found for ' +
        '[nope] in order to sort on","index_uuid":"u1","index":"idx"},"status":400}',
    )
  })

  it('a text field: the fielddata refusal', () => {
    expect(errorOf(() => buildSortField(fieldSort('title'), index))).toContain(
      '"type":"illegal_argument_exception","reason":"Fielddata is disabled on [title] in [idx]. Text fields are not ' +
        'optimised for operations that require per-document field data like aggregations and sorting, so these ' +
        'operations are disabled by default. Please use a keyword field instead. Alternatively, set fielddata=true ' +
        'on [title] in order to load field data by uninverting the inverted index. Note that this can use ' +
        'significant memory."',
    )
  })

  it('avg on a keyword, _id, a bad unmapped_type, a missing value that is not a long', () => {
    expect(errorOf(() => buildSortField(fieldSort('tag', { mode: 'avg' }), index))).toContain(
      '"reason":"we only support AVG, MEDIAN and SUM on number based fields","index_uuid":"u1","index":"idx"',
    )
    expect(errorOf(() => buildSortField(fieldSort('_id'), index))).toContain(
      '"reason":"Fielddata access on the _id field is disallowed, you can re-enable it by updating the dynamic ' +
        'cluster setting: indices.id_field_data.enabled"',
    )
    expect(errorOf(() => buildSortField(fieldSort('x', { unmappedType: 'nope' }), index))).toContain(
      '"reason":"No mapper found for type [nope]"',
    )
    expect(errorOf(() => buildSortField(fieldSort('age', { missing: 'abc' }), index))).toBe(
      '{"error":{"root_cause":[{"type":"number_format_exception","reason":"For input string: \\"abc\\""}],' +
        '"type":"number_format_exception","reason":"For input string: \\"abc\\""},"status":400}',
    )
  })
})

describe('order', () => {
  const docs: Array<Record<string, FieldValue[]>> = [
    { age: [30] },
    {},
    { age: [20] },
    { age: [30] },
    { age: [40] },
  ]

  it('numbers ascending and descending, missing last in both orders, ties by doc id', () => {
    expect(sortedIds([fieldSort('age')], docs)).toEqual([2, 0, 3, 4, 1])
    expect(sortedIds([fieldSort('age', { order: 'desc' })], docs)).toEqual([4, 0, 3, 2, 1])
    expect(sortedIds([fieldSort('age', { missing: '_first' })], docs)).toEqual([1, 2, 0, 3, 4])
    expect(sortedIds([fieldSort('age', { order: 'desc', missing: new XNumber('35') })], docs)).toEqual([
      4, 1, 0, 3, 2,
    ])
  })

  it('keywords in UTF-8 byte order (U+1F600 after U+FFFD), missing last in both orders', () => {
    const tags: Array<Record<string, FieldValue[]>> = [
      { tag: ['b'] },
      { tag: ['\u{1F600}'] },
      {},
      { tag: ['\uFFFD'] },
      { tag: ['B'] },
    ]
    expect(sortedIds([fieldSort('tag')], tags)).toEqual([4, 0, 3, 1, 2])
    expect(sortedIds([fieldSort('tag', { order: 'desc' })], tags)).toEqual([1, 3, 0, 4, 2])
    expect(sortedIds([fieldSort('tag', { order: 'desc', missing: '_first' })], tags)).toEqual([2, 1, 3, 0, 4])
  })

  it('multi-valued fields: min ascending, max descending by default; sum, avg (rounded for longs), median', () => {
    const multi = [{ age: [1, 10] }, { age: [4, 5] }, { age: [3, 3, 9] }]
    expect(sortedIds([fieldSort('age')], multi)).toEqual([0, 2, 1])
    expect(sortedIds([fieldSort('age', { order: 'desc' })], multi)).toEqual([0, 2, 1])
    expect(sortedIds([fieldSort('age', { mode: 'sum' })], multi)).toEqual([1, 0, 2])
    const fields = [buildSortField(fieldSort('age', { mode: 'avg' }), index)]
    const avg = topFieldDocs(matches(3), fields, source(multi), null, 10, null)
    expect(avg.map((d) => d.sortValues[0])).toEqual([5, 5, 6]) // 4.5 → 5 (doc 1), 5.5 → 6, 5
    const median = [buildSortField(fieldSort('price', { mode: 'median' }), index)]
    const prices = [{ price: [1, 2] }, { price: [0.5, 1, 7] }]
    expect(topFieldDocs(matches(2), median, source(prices), null, 10, null).map((d) => d.sortValues)).toEqual(
      [[1], [1.5]],
    )
  })

  it('_score then _doc, and _score ascending', () => {
    const fields = parseUriSort('_score:asc,_doc:desc').map((b) => buildSortField(b, index))
    const top = topFieldDocs(
      matches(4, (d) => (d % 2 === 0 ? 2 : 1)),
      fields,
      source([]),
      null,
      10,
      null,
    )
    expect(top.map((d) => d.docId)).toEqual([3, 1, 2, 0])
  })
})

describe('sort values as written', () => {
  it('longs with Long.MAX_VALUE for missing, floats, doubles, keywords, booleans, dates', () => {
    const builders = [
      fieldSort('age'),
      fieldSort('age', { order: 'desc' }),
      fieldSort('ratio'),
      fieldSort('price', { order: 'desc' }),
      fieldSort('tag'),
      fieldSort('ok'),
      fieldSort('date', { format: 'yyyy-MM-dd' }),
      fieldSort('n'),
      { kind: 'score', order: 'asc' } as const,
    ]
    const fields = builders.map((b) => buildSortField(b, index))
    const docs: Array<Record<string, FieldValue[]>> = [
      { ok: [1], date: [1577836800000], ratio: [0.1], price: [2], n: [7] },
      {},
    ]
    const top = topFieldDocs(
      matches(2, () => 0.2876821),
      fields,
      source(docs),
      null,
      10,
      null,
    )
    expect(top.map((d) => toJson(formatSortValues(fields, d.sortValues)))).toEqual([
      '[9223372036854775807,-9223372036854775808,0.1,2.0,null,1,"2020-01-01",7,0.2876821]',
      '[9223372036854775807,-9223372036854775808,"Infinity","-Infinity",null,9223372036854775807,' +
        '9223372036854775807,9223372036854775807,0.2876821]',
    ])
  })
})

describe('search_after', () => {
  const fields = [buildSortField(fieldSort('age'), index), buildSortField(fieldSort('tag'), index)]
  const docs = [
    { age: [1], tag: ['a'] },
    { age: [1], tag: ['b'] },
    { age: [2], tag: ['a'] },
  ]

  it('skips documents at or before the values', () => {
    const after = searchAfterValues(fields, [new XNumber('1'), 'a'], 0)
    expect(topFieldDocs(matches(3), fields, source(docs), after, 10, null).map((d) => d.docId)).toEqual([
      1, 2,
    ])
    const asText = searchAfterValues(fields, ['1.9', 'zz'], 0)
    expect(topFieldDocs(matches(3), fields, source(docs), asText, 10, null).map((d) => d.docId)).toEqual([2])
  })

  it('ES errors: no sort, value count, unparsable number', () => {
    expect(errorOf(() => searchAfterValues(null, ['x'], 0))).toContain(
      '"type":"illegal_argument_exception","reason":"Sort must contain at least one field."',
    )
    expect(errorOf(() => searchAfterValues(fields, [new XNumber('1')], 0))).toContain(
      '"reason":"search_after has 1 value(s) but sort has 2."',
    )
    expect(errorOf(() => searchAfterValues(fields, ['abc', 'a'], 0))).toBe(
      '{"error":{"root_cause":[{"type":"illegal_argument_exception","reason":"Failed to parse search_after value ' +
        'for field [age]."}],"type":"illegal_argument_exception","reason":"Failed to parse search_after value for ' +
        'field [age].","caused_by":{"type":"number_format_exception","reason":"For input string: \\"abc\\""}},' +
        '"status":400}',
    )
    const date = [buildSortField(fieldSort('date'), index)]
    expect(searchAfterValues(date, ['2020-01-01'], 0)).toEqual([1577836800000])
  })
})

describe('merge across shards', () => {
  const fields = [buildSortField(fieldSort('age'), index)]
  const shardResult = (shardIndex: number, docs: Array<[number, number]>): QuerySearchResult => ({
    index: 'idx',
    shard: shardIndex,
    shardIndex,
    totalHits: docs.length,
    terminatedEarly: null,
    maxScore: null,
    docs: docs.map(([docId, age]) => ({ docId, score: 1, sortValues: [age] })),
    sortFields: fields,
    aggregations: null,
  })

  it('orders by sort values, then shard index, then doc id; sums totals; max_score null without scores', () => {
    const reduced = mergeQueryResults(
      [
        shardResult(1, [
          [0, 5],
          [1, 7],
        ]),
        shardResult(0, [
          [3, 7],
          [2, 9],
        ]),
      ],
      1,
      2,
      null,
      { scripts: NO_STORED_SCRIPTS, maxBuckets: 65_536 },
    )
    expect(reduced.docs.map(({ result, doc }) => [result.shardIndex, doc.docId])).toEqual([
      [0, 3],
      [1, 1],
    ])
    expect(reduced.totalHits).toBe(4)
    expect(reduced.maxScore).toBeNull()
  })
})

describe('properties', () => {
  const doc = fc.record({ age: fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 3 }) })

  it('topFieldDocs equals a brute-force sort by (min or max of values, missing last), then doc id', () => {
    fc.assert(
      fc.property(fc.array(doc, { maxLength: 30 }), fc.boolean(), fc.nat(40), (docs, desc, k) => {
        const values = docs.map((d) => ({ age: [...d.age].sort((a, b) => a - b) }))
        const fields = [buildSortField(fieldSort('age', { order: desc ? 'desc' : 'asc' }), index)]
        const got = topFieldDocs(matches(values.length), fields, source(values), null, k, null).map(
          (d) => d.docId,
        )
        const key = (i: number) => {
          const v = values[i]!.age
          if (v.length === 0) return Infinity
          return desc ? -v[v.length - 1]! : v[0]!
        }
        const expected = values
          .map((_, i) => i)
          .sort((a, b) => key(a) - key(b) || a - b)
          .slice(0, k)
        expect(got).toEqual(expected)
      }),
    )
  })

  it('paging with search_after over (age, _doc) visits every document once, in the full order', () => {
    fc.assert(
      fc.property(fc.array(doc, { maxLength: 25 }), fc.integer({ min: 1, max: 4 }), (docs, page) => {
        const values = docs.map((d) => ({ age: [...d.age].sort((a, b) => a - b) }))
        const fields = parseUriSort('age:desc,_doc').map((b) => buildSortField(b, index))
        const all = topFieldDocs(matches(values.length), fields, source(values), null, 1000, null)
        const seen: number[] = []
        let after: ReturnType<typeof searchAfterValues> | null = null
        for (;;) {
          const top = topFieldDocs(matches(values.length), fields, source(values), after, page, null)
          if (top.length === 0) break
          seen.push(...top.map((d) => d.docId))
          after = top[top.length - 1]!.sortValues
        }
        expect(seen).toEqual(all.map((d) => d.docId))
      }),
    )
  })
})
