// rare_terms as ES 8.17 collects, reduces and prints it (search.aggregation/280_rare_terms.yml): terms in at most
// max_doc_count documents, by doc count then key, a shard's over-threshold terms filtered out of the reduce.
import { describe, expect, it } from 'vitest'
import { aggregate, type Doc } from './fixture.ts'
import { parseAggregations } from '../../../../workers/es/search/aggregations/index.ts'
import { parseJson } from '../../../../workers/es/xcontent/index.ts'
import { failureBody } from '../es-failure.ts'

const types = { str: 'keyword', boolean: 'boolean', integer: 'long', v: 'long', d: 'double' } as const

describe('rare_terms', () => {
  it('keeps the terms in at most max_doc_count documents (280_rare_terms basic, boolean, integer)', () => {
    const docs: Doc[] = [
      { str: 'abc', boolean: true, integer: 1234 },
      { str: 'abc', boolean: false, integer: 5678 },
    ]
    const shards = [{ docs }, { docs: [{ str: 'bcd', boolean: true, integer: 1234 }] }]
    expect(aggregate(shards, types, '{"r":{"rare_terms":{"field":"str","max_doc_count":1}}}')).toBe(
      '{"r":{"buckets":[{"key":"bcd","doc_count":1}]}}',
    )
    expect(aggregate(shards, types, '{"r":{"rare_terms":{"field":"boolean"}}}')).toBe(
      '{"r":{"buckets":[{"key":0,"key_as_string":"false","doc_count":1}]}}',
    )
    expect(aggregate(shards, types, '{"r":{"rare_terms":{"field":"integer"}}}')).toBe(
      '{"r":{"buckets":[{"key":5678,"doc_count":1}]}}',
    )
    expect(aggregate(shards, types, '{"r":{"rare_terms":{"field":"nope"}}}')).toBe('{"r":{"buckets":[]}}')
  })

  it('sorts by doc count then key, runs sub-aggregations, and feeds avg_bucket (280_rare_terms avg_bucket)', () => {
    const docs: Doc[] = [
      { str: 'foo', v: 1 },
      { str: 'foo', v: 2 },
      { str: 'foo', v: 3 },
      { str: 'bar', v: 4 },
      { str: 'bar', v: 5 },
      { str: 'baz', v: 6 },
    ]
    expect(
      aggregate(
        [{ docs: docs.slice(0, 4) }, { docs: docs.slice(4) }],
        types,
        '{"r":{"rare_terms":{"field":"str","max_doc_count":2},"aggs":{"v":{"sum":{"field":"v"}}}},"avg":{"avg_bucket":{"buckets_path":"r.v"}}}',
      ),
    ).toBe(
      '{"r":{"buckets":[{"key":"baz","doc_count":1,"v":{"value":6.0}},{"key":"bar","doc_count":2,"v":{"value":9.0}}]},"avg":{"value":7.5}}',
    )
  })

  it('drops a term one shard saw too often, even when the merged count would fit', () => {
    // shard 0 filters `a` (2 > 1); shard 1 returns it with 1: ES's reduce still leaves it out
    expect(
      aggregate(
        [{ docs: [{ str: 'a' }, { str: 'a' }] }, { docs: [{ str: 'a' }, { str: 'b' }] }],
        types,
        '{"r":{"rare_terms":{"field":"str"}}}',
      ),
    ).toBe('{"r":{"buckets":[{"key":"b","doc_count":1}]}}')
  })

  it('applies include and exclude', () => {
    const docs: Doc[] = [{ str: 'abc' }, { str: 'abd' }, { str: 'xyz' }]
    expect(
      aggregate([{ docs }], types, '{"r":{"rare_terms":{"field":"str","include":"ab.*","exclude":["abd"]}}}'),
    ).toBe('{"r":{"buckets":[{"key":"abc","doc_count":1}]}}')
  })

  it("refuses bad requests with ES's errors", () => {
    const parse = (aggs: string) => () => parseAggregations(parseJson(aggs))
    expect(failureBody(parse('{"r":{"rare_terms":{"field":"str","max_doc_count":0}}}'))).toContain(
      '"caused_by":{"type":"illegal_argument_exception","reason":"[max_doc_count] must be greater than 0. Found [0] in [r]"}',
    )
    expect(failureBody(parse('{"r":{"rare_terms":{"field":"str","max_doc_count":101}}}'))).toContain(
      '"reason":"[max_doc_count] must be smallerthan 100in [r]"',
    )
    expect(
      failureBody(() => aggregate([{ docs: [{ d: 1.5 }] }], types, '{"r":{"rare_terms":{"field":"d"}}}')),
    ).toContain('"reason":"RareTerms aggregation does not support floating point fields."')
    expect(
      failureBody(() =>
        aggregate(
          [{ docs: [{ integer: 1 }] }],
          types,
          '{"r":{"rare_terms":{"field":"integer","exclude":"1.*"}}}',
        ),
      ),
    ).toContain(
      '"reason":"Aggregation [r] cannot support regular expression style include/exclude settings as they can only be applied to string fields. Use an array of numeric values for include/exclude clauses used to filter numeric fields"',
    )
  })
})
