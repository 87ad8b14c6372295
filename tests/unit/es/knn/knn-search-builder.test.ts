// The `knn` section as KnnSearchBuilder's parser and Builder.build read it: defaults from the body's size, and the
// errors ES gives (ObjectParser's located x_content_parse_exception, the constructor's illegal_argument_exception).
import { describe, expect, it } from 'vitest'
import { parseRequestBody } from '../../../../workers/es/rest/request-body.ts'
import { parseKnnSection } from '../../../../workers/es/search/vectors/knn-search-builder.ts'
import { failure } from '../es-failure.ts'

function parse(text: string, size?: number) {
  const body = parseRequestBody(text)
  return parseKnnSection(body, body.get('knn')!, size)
}

describe('parseKnnSection', () => {
  it('defaults k to the size and num_candidates to round(min(10000, 1.5 k))', () => {
    const [search] = parse('{"knn":{"field":"v","query_vector":[1,2.5]}}')
    expect(search).toMatchObject({ field: 'v', queryVector: [1, 2.5], k: 10, numCandidates: 15, boost: 1 })
    expect(parse('{"knn":{"field":"v","query_vector":[1]}}', 3)[0]).toMatchObject({ k: 3, numCandidates: 5 })
    expect(parse('{"knn":{"field":"v","query_vector":[1],"k":9000}}')[0]!.numCandidates).toBe(10000)
  })

  it('reads an array of searches, filters as one query or several', () => {
    const searches = parse(
      '{"knn":[{"field":"a","query_vector":[1],"filter":{"term":{"x":1}}},' +
        '{"field":"b","query_vector":[2],"filter":[{"term":{"x":1}},{"term":{"y":2}}],"_name":"n","boost":0.5}]}',
    )
    expect(searches.map((s) => [s.field, s.filter.length, s.queryName, s.boost])).toEqual([
      ['a', 1, null, 1],
      ['b', 2, 'n', 0.5],
    ])
  })

  it("refuses with ES's texts", () => {
    expect(failure(() => parse('{"knn":{"field":"v","query_vector":[1],"foo":1}}'))).toEqual({
      type: 'x_content_parse_exception',
      reason: '[1:40] [knn] unknown field [foo]',
    })
    expect(failure(() => parse('{"knn":[1]}'))).toEqual({
      type: 'x_content_parse_exception',
      reason:
        '[1:8] malformed knn format, within the knn search array only objects are allowed; found VALUE_NUMBER',
    })
    const refused = (knn: string) => failure(() => parse(`{"knn":${knn}}`)).reason
    expect(refused('{"field":"v","query_vector":[1],"k":0}')).toBe('[k] must be greater than 0')
    expect(refused('{"field":"v","query_vector":[1],"k":5,"num_candidates":4}')).toBe(
      '[num_candidates] cannot be less than [k]',
    )
    expect(refused('{"field":"v","query_vector":[1],"num_candidates":10001}')).toBe(
      '[num_candidates] cannot exceed [10000]',
    )
    expect(refused('{"field":"v","k":1}')).toBe(
      'either [query_vector_builder] or [query_vector] must be provided',
    )
    expect(refused('{"query_vector":[1]}')).toBe('Required [field]')
    expect(refused('{"field":"v","query_vector":[1],"k":true}')).toBe(
      "[1:40] [knn] k doesn't support values of type: VALUE_BOOLEAN",
    )
  })
})
