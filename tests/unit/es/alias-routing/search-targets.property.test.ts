// searchTargets against a direct transcription of Elasticsearch 8.17's IndexNameExpressionResolver loops
// (filteringAliases/indexAliases and resolveSearchRouting with its norouting set), run over the resolved
// expressions in a random order, as ES iterates a HashSet: the result must not depend on that order.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { searchTargets } from '../../../../workers/es/cluster/metadata/search-targets.ts'
import { defaultRoutingNumShards, shardId } from '../../../../workers/es/cluster/routing/operation-routing.ts'
import { simpleMatch } from '../../../../workers/es/common/simple-match.ts'
import type { IndexMetadata } from '../../../../workers/es/index/index-metadata.ts'
import type { AliasMetadata } from '../../../../workers/es/cluster/metadata/alias-metadata.ts'

const INDICES = ['i0', 'i1', 'i2']
const ALIASES = ['al0', 'al1', 'al2']
const VALUES = ['a', 'b', 'c', 'd']

const aliasArb: fc.Arbitrary<AliasMetadata> = fc.record(
  {
    filter: fc.constantFrom('{"term":{"k":"x"}}', '{"term":{"k":"y"}}'),
    searchRouting: fc.subarray(VALUES, { minLength: 1 }).map((values) => values.join(',')),
  },
  { requiredKeys: [] },
)

const clusterArb = fc.tuple(
  ...INDICES.map((name) =>
    fc
      .record({
        shards: fc.integer({ min: 1, max: 4 }),
        aliases: fc.dictionary(fc.constantFrom(...ALIASES), aliasArb, { maxKeys: 3 }),
      })
      .map(({ shards, aliases }) => ({
        name,
        numberOfShards: shards,
        routingNumShards: defaultRoutingNumShards(shards),
        aliases,
      })),
  ),
)

function oracle(
  indices: ReadonlyArray<IndexMetadata>,
  parts: readonly string[],
  routing: string | null,
  order: readonly number[],
) {
  const allAliases = new Set(indices.flatMap((m) => Object.keys(m.aliases ?? {})))
  const members = (alias: string) => indices.filter((m) => m.aliases?.[alias] !== undefined)
  // resolveExpressions (aliases preserved) and the names resolveSearchRouting iterates (pattern aliases expanded).
  const preserved = new Set<string>()
  const forRouting = new Set<string>()
  for (const part of parts) {
    if (part.includes('*')) {
      for (const m of indices.filter((index) => simpleMatch(part, index.name))) {
        preserved.add(m.name)
        forRouting.add(m.name)
      }
      for (const alias of allAliases) {
        if (!simpleMatch(part, alias)) continue
        preserved.add(alias)
        members(alias).forEach((m) => forRouting.add(m.name))
      }
    } else {
      preserved.add(part)
      forRouting.add(part)
    }
  }
  const shuffled = (values: Set<string>) => {
    const list = [...values]
    return list.map((_, i) => list[order[i % order.length]! % list.length]!).concat(list)
  }
  const param = routing === null ? null : new Set(routing.split(','))
  const routings = new Map<string, Set<string>>()
  const norouting = new Set<string>()
  const collect = (index: string) => {
    if (norouting.has(index)) return
    norouting.add(index)
    if (param) routings.set(index, new Set(param))
    else routings.delete(index)
  }
  const seen = new Set<string>()
  for (const expression of shuffled(forRouting)) {
    if (seen.has(expression)) continue
    seen.add(expression)
    if (allAliases.has(expression)) {
      for (const m of members(expression)) {
        if (norouting.has(m.name)) continue
        const values = m.aliases![expression]!.searchRouting
        if (values === undefined) {
          collect(m.name)
          continue
        }
        const r = routings.get(m.name) ?? new Set<string>()
        values.split(',').forEach((v) => r.add(v))
        if (param) for (const v of [...r]) if (!param.has(v)) r.delete(v)
        if (r.size === 0) routings.delete(m.name)
        else routings.set(m.name, r)
      }
    } else collect(expression)
  }
  const names = [
    ...new Set([...forRouting].flatMap((n) => (allAliases.has(n) ? members(n).map((m) => m.name) : [n]))),
  ]
  return names.sort().map((name) => {
    const m = indices.find((index) => index.name === name)!
    const values = routings.get(name)
    const all = Array.from({ length: m.numberOfShards }, (_, s) => s)
    const shards = values
      ? [...new Set([...values].map((v) => shardId(v, v, m.numberOfShards, m.routingNumShards)))].sort(
          (a, b) => a - b,
        )
      : all
    let filter: string | null = null
    if (!preserved.has(name)) {
      const candidates = Object.keys(m.aliases ?? {})
        .filter((alias) => preserved.has(alias))
        .sort()
      const filters = candidates.map((alias) => m.aliases![alias]!.filter)
      if (filters.length > 0 && filters.every((f) => f !== undefined)) {
        filter = filters.length === 1 ? filters[0]! : `{"bool":{"should":[${filters.join(',')}]}}`
      }
    }
    return { index: name, shards, filter }
  })
}

describe('searchTargets', () => {
  it('matches the resolver loops, whatever order the resolved names are visited in', () => {
    fc.assert(
      fc.property(
        clusterArb,
        fc.subarray([...INDICES, ...ALIASES, 'i*', 'al*', 'al1*'], { minLength: 1 }),
        fc.option(
          fc.subarray(VALUES, { minLength: 1 }).map((v) => v.join(',')),
          { nil: null },
        ),
        fc.array(fc.nat(20), { minLength: 1, maxLength: 8 }),
        (cluster, parts, routing, order) => {
          const indices = cluster as unknown as IndexMetadata[]
          const existing = parts.filter(
            (part) =>
              part.includes('*') ||
              INDICES.includes(part) ||
              indices.some((m) => m.aliases?.[part] !== undefined),
          )
          fc.pre(existing.length > 0)
          expect(searchTargets(indices, existing.join(','), routing)).toEqual(
            oracle(indices, existing, routing, order),
          )
        },
      ),
      { numRuns: 300 },
    )
  })
})
