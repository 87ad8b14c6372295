// Parsing `sort`, the URI `sort` parameter and `search_after` as ES 8's SortBuilder.fromXContent,
// FieldSortBuilder's ObjectParser (`field_sort`), RestSearchAction.parseSearchSource and
// SearchAfterBuilder.fromXContent do (messages from those classes, elasticsearch 8.x sources).
import { describe, expect, it } from 'vitest'
import { errorResponseBody, EsException } from '../../../../workers/es/errors/index.ts'
import { parseJson, type XContentValue } from '../../../../workers/es/xcontent/index.ts'
import { parseSearchAfter, parseSort, parseUriSort } from '../../../../workers/es/search/sort/index.ts'

function sortOf(body: string) {
  const parsed = parseJson(body) as Map<string, XContentValue>
  return parseSort(parsed.get('sort')!, body, () => {})
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

const field = (name: string, order: 'asc' | 'desc' = 'asc') => ({
  kind: 'field',
  field: name,
  order,
  missing: null,
  unmappedType: null,
  mode: null,
  format: null,
  nested: null,
})

describe('sort forms', () => {
  it('a string, an object of several keys, an array, _score defaulting to desc and fields to asc', () => {
    expect(sortOf('{"sort":"age"}')).toEqual([field('age')])
    expect(sortOf('{"sort":"_score"}')).toEqual([{ kind: 'score', order: 'desc' }])
    expect(sortOf('{"sort":{"name.keyword":"asc","age":"DESC"}}')).toEqual([
      field('name.keyword'),
      field('age', 'desc'),
    ])
    expect(sortOf('{"sort":["_score",{"date":{"order":"asc"}},"_doc",{"_score":"asc"}]}')).toEqual([
      { kind: 'score', order: 'desc' },
      field('date'),
      field('_doc'),
      { kind: 'score', order: 'asc' },
    ])
  })

  it('field options: missing, unmapped_type, mode, format', () => {
    const [parsed] = sortOf(
      '{"sort":[{"price":{"order":"desc","missing":"_first","unmapped_type":"long","mode":"AVG","format":"yyyy"}}]}',
    )
    expect(parsed).toEqual({
      kind: 'field',
      field: 'price',
      order: 'desc',
      missing: '_first',
      unmappedType: 'long',
      mode: 'avg',
      format: 'yyyy',
      nested: null,
    })
    expect(sortOf('{"sort":[{"_score":{"order":"asc"}}]}')).toEqual([{ kind: 'score', order: 'asc' }])
  })

  it('a bad short-form order is Enum.valueOf failing (illegal_argument_exception)', () => {
    expect(errorOf(() => sortOf('{"sort":[{"age":"up"}]}'))).toBe(
      '{"error":{"root_cause":[{"type":"illegal_argument_exception","reason":"No enum constant ' +
        'org.elasticsearch.search.sort.SortOrder.UP"}],"type":"illegal_argument_exception","reason":"No enum ' +
        'constant org.elasticsearch.search.sort.SortOrder.UP"},"status":400}',
    )
  })

  it('ObjectParser errors: unknown field with a suggestion, failed to parse field [order], value types', () => {
    expect(errorOf(() => sortOf('{"sort":[{"age":{"ordr":"asc"}}]}'))).toBe(
      '{"error":{"root_cause":[{"type":"x_content_parse_exception","reason":"[1:18] [field_sort] unknown field ' +
        '[ordr] did you mean [order]?"}],"type":"x_content_parse_exception","reason":"[1:18] [field_sort] unknown ' +
        'field [ordr] did you mean [order]?"},"status":400}',
    )
    expect(errorOf(() => sortOf('{"sort":[{"age":{"order":"up"}}]}'))).toBe(
      '{"error":{"root_cause":[{"type":"x_content_parse_exception","reason":"[1:26] [field_sort] failed to parse ' +
        'field [order]"}],"type":"x_content_parse_exception","reason":"[1:26] [field_sort] failed to parse field ' +
        '[order]","caused_by":{"type":"illegal_argument_exception","reason":"No enum constant ' +
        'org.elasticsearch.search.sort.SortOrder.UP"}},"status":400}',
    )
    expect(errorOf(() => sortOf('{"sort":{"age":{"mode":"mean"}}}'))).toContain(
      '"reason":"[1:24] [field_sort] failed to parse field [mode]","caused_by":{"type":"illegal_argument_exception",' +
        '"reason":"Unknown SortMode [mean]"}',
    )
    expect(errorOf(() => sortOf('{"sort":{"age":{"order":1}}}'))).toContain(
      '"reason":"[1:25] [field_sort] order doesn\'t support values of type: VALUE_NUMBER"',
    )
    expect(errorOf(() => sortOf('{"sort":{"_score":{"mode":"max"}}}'))).toContain(
      '"reason":"[1:20] [_score] unknown field [mode]"',
    )
    expect(errorOf(() => sortOf('{"sort":{"age":5}}'))).toContain(
      '[field_sort] Expected START_OBJECT but was: END_OBJECT"',
    )
  })

  it('malformed sort formats', () => {
    expect(errorOf(() => sortOf('{"sort":[1]}'))).toContain(
      '"reason":"malformed sort format, within the sort array, an object, or an actual string are allowed"',
    )
    expect(errorOf(() => sortOf('{"sort":null}'))).toContain(
      '"reason":"malformed sort format, either start with array, object, or an actual string"',
    )
  })

  it('URI sort: field:asc / field:desc, bare names, _score; an unknown suffix adds nothing', () => {
    expect(parseUriSort('age:desc,name.keyword,_score,date:asc,x:up')).toEqual([
      field('age', 'desc'),
      field('name.keyword'),
      { kind: 'score', order: 'desc' },
      field('date'),
    ])
    expect(parseUriSort('_score:asc')).toEqual([{ kind: 'score', order: 'asc' }])
  })
})

describe('search_after parsing', () => {
  it('keeps strings, numbers, booleans and nulls; refuses objects and empty arrays', () => {
    const body = '{"search_after":[1463538857,"tweet#1",true,null]}'
    const values = (parseJson(body) as Map<string, XContentValue>).get('search_after') as XContentValue[]
    expect(parseSearchAfter(values, body).map(String)).toEqual(['1463538857', 'tweet#1', 'true', 'null'])
    expect(errorOf(() => parseSearchAfter([new Map()], '{"search_after":[{}]}'))).toContain(
      '"type":"parsing_exception","reason":"Expected [VALUE_STRING] or [VALUE_NUMBER] or [VALUE_BOOLEAN] or ' +
        '[VALUE_NULL] but found [START_OBJECT] inside search_after.","line":1,"col":17',
    )
    expect(errorOf(() => parseSearchAfter([], '{}'))).toContain(
      '"type":"illegal_argument_exception","reason":"Values must contains at least one value."',
    )
  })
})
