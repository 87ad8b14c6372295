// IndicesLookup over index metadata: the write index rule of IndexAbstraction.Alias.getWriteIndex, the
// alias index routing checks of Metadata.resolveWriteIndexRouting, and expression resolution checked
// against a naive oracle (every index named directly, through an alias, or by a `*` pattern over index and
// non-hidden alias names).
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  aliasesLookup,
  concreteIndexNames,
  findAliases,
  resolveWriteTarget,
  writeIndexOf,
} from '../../../../workers/es/cluster/metadata/index-abstraction.ts'
import {
  aliasesOf,
  withAliases,
  type AliasMetadata,
} from '../../../../workers/es/cluster/metadata/alias-metadata.ts'
import type { IndexMetadata } from '../../../../workers/es/index/index-metadata.ts'
import { simpleMatch } from '../../../../workers/es/common/simple-match.ts'

function index(name: string, aliases: Record<string, AliasMetadata> = {}): IndexMetadata {
  const metadata: IndexMetadata = {
    name,
    uuid: `${name}-uuid`,
    creationDate: 0,
    numberOfShards: 1,
    numberOfReplicas: 0,
    routingNumShards: 1,
    refreshIntervalMs: 1000,
    mapping: { properties: {} },
  }
  return withAliases(metadata, aliases)
}

describe('write index', () => {
  it('explicit is_write_index wins; a lone index is the write index unless it says false', () => {
    const lookup = (indices: IndexMetadata[]) => writeIndexOf(aliasesLookup(indices).get('a')!)?.index ?? null
    expect(lookup([index('x', { a: {} })])).toBe('x')
    expect(lookup([index('x', { a: { isWriteIndex: false } })])).toBe(null)
    expect(lookup([index('x', { a: {} }), index('y', { a: {} })])).toBe(null)
    expect(lookup([index('x', { a: {} }), index('y', { a: { isWriteIndex: true } })])).toBe('y')
  })

  it('routing: the alias index routing applies, a different request routing is refused', () => {
    const indices = [index('x', { a: { indexRouting: '1' } }), index('y', { b: { indexRouting: '1,2' } })]
    expect(resolveWriteTarget(indices, 'a', null)).toEqual({ index: 'x', routing: '1' })
    expect(resolveWriteTarget(indices, 'a', '1')).toEqual({ index: 'x', routing: '1' })
    expect(resolveWriteTarget(indices, 'x', '5')).toEqual({ index: 'x', routing: '5' })
    expect(resolveWriteTarget(indices, 'nope', null)).toBe(null)
    expect(() => resolveWriteTarget(indices, 'a', '2')).toThrow(
      'Alias [a] has index routing associated with it [1], and was provided with routing value [2], rejecting operation',
    )
    expect(() => resolveWriteTarget(indices, 'b', null)).toThrow(
      'index/alias [b] provided with routing value [1,2] that resolved to several routing values, rejecting operation',
    )
  })
})

describe('findAliases', () => {
  it('names, patterns, _all and exclusions after a pattern; sorted by alias name', () => {
    const indices = [index('i', { b: {}, a: {}, ab: {}, c: {} })]
    const names = (requested: string[]) => findAliases(indices, requested)[0]!.aliases.map(([alias]) => alias)
    expect(names([])).toEqual(['a', 'ab', 'b', 'c'])
    expect(names(['_all'])).toEqual(['a', 'ab', 'b', 'c'])
    expect(names(['a*'])).toEqual(['a', 'ab'])
    expect(names(['*', '-a*'])).toEqual(['b', 'c'])
    expect(names(['-a', 'c'])).toEqual(['c'])
  })
})

const NAMES = ['a', 'b', 'ab', 'ba', 'abc']

const clusterArb = fc
  .uniqueArray(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 4 })
  .chain((indexNames) => {
    const aliasNames = ['x', 'xa', 'y'].filter((n) => !indexNames.includes(n))
    return fc.tuple(
      fc.constant(indexNames),
      fc.array(fc.record({ alias: fc.constantFrom(...aliasNames), hidden: fc.boolean() }), {
        minLength: indexNames.length,
        maxLength: indexNames.length,
      }),
    )
  })
  .map(([indexNames, aliasPerIndex]) =>
    indexNames.map((name, i) => {
      const entry = aliasPerIndex[i]!
      return index(name, i % 2 === 0 ? { [entry.alias]: entry.hidden ? { isHidden: true } : {} } : {})
    }),
  )

describe('concreteIndexNames against a naive oracle', () => {
  it('resolves comma lists of names, aliases and patterns to the sorted concrete indices', () => {
    const partArb = fc.constantFrom('a', 'ab', 'x', 'xa', 'y', 'a*', '*b', 'x*', '*', 'b*a')
    fc.assert(
      fc.property(clusterArb, fc.array(partArb, { minLength: 1, maxLength: 3 }), (indices, parts) => {
        const oracle = new Set<string>()
        let missing: string | null = null
        for (const part of parts) {
          for (const metadata of indices) {
            for (const alias of Object.keys(aliasesOf(metadata))) {
              const hidden = indices.some((m) => aliasesOf(m)[alias]?.isHidden === true)
              if (part.includes('*') ? simpleMatch(part, alias) && !hidden : part === alias)
                oracle.add(metadata.name)
            }
            if (part.includes('*') ? simpleMatch(part, metadata.name) : part === metadata.name) {
              oracle.add(metadata.name)
            }
          }
          const known =
            part.includes('*') ||
            indices.some((m) => m.name === part || Object.keys(aliasesOf(m)).includes(part))
          if (!known && missing === null) missing = part
        }
        const expression = parts.join(',')
        if (missing !== null) {
          expect(() => concreteIndexNames(indices, expression)).toThrow(`no such index [${missing}]`)
        } else {
          expect(concreteIndexNames(indices, expression)).toEqual([...oracle].sort())
        }
      }),
      { numRuns: 300 },
    )
  })
})
