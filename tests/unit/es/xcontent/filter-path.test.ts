// filter_path: the ES reference examples (common options, "Response Filtering") through EsNode, and the
// filter against a naive oracle on random trees for plain dotted include paths.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { filterPath } from '../../../../workers/es/xcontent/filter-path.ts'
import { parseJson, toJson, type XContentObject } from '../../../../workers/es/xcontent/index.ts'
import { startNode } from '../node/es-node-fixture.ts'

const filter = (json: string, paths: string): string =>
  toJson(filterPath(parseJson(json) as XContentObject, paths))

describe('filter_path', () => {
  const search =
    '{"took":3,"hits":{"total":{"value":2,"relation":"eq"},"hits":[{"_id":"1","_score":1.0,"_source":{"title":"a","n":1}},{"_id":"2","_score":0.5,"_source":{"n":2}}]}}'

  it('keeps matched fields, whole, through arrays, and drops what is left empty', () => {
    expect(filter(search, 'took,hits.hits._id,hits.hits._score')).toBe(
      '{"took":3,"hits":{"hits":[{"_id":"1","_score":1.0},{"_id":"2","_score":0.5}]}}',
    )
    expect(filter(search, 'hits.hits._source.title')).toBe('{"hits":{"hits":[{"_source":{"title":"a"}}]}}')
    expect(filter(search, 'hits.total')).toBe('{"hits":{"total":{"value":2,"relation":"eq"}}}')
    expect(filter(search, 'nothing.here')).toBe('{}')
  })

  it('matches * inside names and ** across levels, and excludes with -', () => {
    expect(filter(search, 'hits.hits.*id')).toBe('{"hits":{"hits":[{"_id":"1"},{"_id":"2"}]}}')
    expect(filter(search, '**.value')).toBe('{"hits":{"total":{"value":2}}}')
    expect(filter(search, '-hits.hits,-took')).toBe('{"hits":{"total":{"value":2,"relation":"eq"}}}')
    expect(filter(search, 'hits.hits,-hits.hits._source')).toBe(
      '{"hits":{"hits":[{"_id":"1","_score":1.0},{"_id":"2","_score":0.5}]}}',
    )
  })

  it('applies to any JSON answer, before ?pretty', async () => {
    const node = await startNode()
    await node.send('PUT', '/idx/_doc/1?refresh=true', { a: 1 })
    expect((await node.send('GET', '/idx/_search?filter_path=hits.hits._source')).body).toBe(
      '{"hits":{"hits":[{"_source":{"a":1}}]}}',
    )
    expect((await node.send('GET', '/idx/_doc/1?filter_path=_version&pretty')).body).toBe(
      '{\n  "_version" : 1\n}\n',
    )
  })

  it('keeps exactly the fields a plain dotted path names (property against a naive walk)', () => {
    const names = fc.constantFrom('a', 'b', 'c')
    const tree: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, fc.integer(), fc.dictionary(names, tie('node'), { maxKeys: 3 })),
    })).node
    fc.assert(
      fc.property(
        fc.dictionary(names, tree, { maxKeys: 3 }),
        fc.array(names, { minLength: 1, maxLength: 3 }),
        (value, path) => {
          const naive = (node: unknown, rest: string[]): unknown => {
            if (rest.length === 0) return node
            if (typeof node !== 'object' || node === null) return undefined
            const [head, ...tail] = rest
            const child = (node as Record<string, unknown>)[head!]
            const kept = child === undefined ? undefined : naive(child, tail)
            return kept === undefined ||
              (typeof kept === 'object' && kept !== null && Object.keys(kept).length === 0 && tail.length > 0)
              ? undefined
              : { [head!]: kept }
          }
          const json = JSON.stringify(value)
          expect(JSON.parse(filter(json, path.join('.')))).toEqual(naive(value, path) ?? {})
        },
      ),
      { numRuns: 300 },
    )
  })
})
