// PathTrie's matching modes (ES's PathTrie and PathTrieTests: testPreferNonWildcardExecution and the
// root/leaf wildcard cases).
import { describe, expect, it } from 'vitest'
import { PathTrie, type TrieMatchingMode } from '../../../../workers/es/rest/path-trie.ts'

function trie(patterns: string[]): PathTrie<string> {
  const built = new PathTrie<string>()
  for (const pattern of patterns) built.valueAt(pattern.split('/').filter(Boolean), () => pattern)
  return built
}

const at = (t: PathTrie<string>, path: string, mode: TrieMatchingMode = 'WILDCARD_NODES_ALLOWED') =>
  t.retrieve(path.split('/').filter(Boolean), mode)

describe('PathTrie', () => {
  const routes = trie([
    '{test}',
    'b',
    '{test}/a',
    'b/a',
    '{test}/{testB}',
    '{test}/x/{testC}',
    '{test}/{testB}/{testC}',
  ])

  it('prefers literal nodes over wildcards at every level', () => {
    expect(at(routes, '/b')).toBe('b')
    expect(at(routes, '/c')).toBe('{test}')
    expect(at(routes, '/b/a')).toBe('b/a')
    expect(at(routes, '/c/a')).toBe('{test}/a')
    expect(at(routes, '/b/c')).toBe('{test}/{testB}')
    expect(at(routes, '/a/x/c')).toBe('{test}/x/{testC}')
    expect(at(routes, '/b/y/c')).toBe('{test}/{testB}/{testC}')
  })

  it('explicit mode matches literal segments only; root and leaf modes open one end to the wildcard', () => {
    expect(at(routes, '/c', 'EXPLICIT_NODES_ONLY')).toBeNull()
    expect(at(routes, '/b', 'EXPLICIT_NODES_ONLY')).toBe('b')
    expect(at(routes, '/c/a', 'WILDCARD_ROOT_NODES_ALLOWED')).toBe('{test}/a')
    expect(at(routes, '/b/c', 'WILDCARD_ROOT_NODES_ALLOWED')).toBeNull()
    expect(at(routes, '/b/c', 'WILDCARD_LEAF_NODES_ALLOWED')).toBe('{test}/{testB}')
    expect(at(routes, '/c/a', 'WILDCARD_LEAF_NODES_ALLOWED')).toBeNull()
  })

  it('a last-segment literal with a value is the answer in every mode, so it shadows the wildcard', () => {
    const rest = trie(['_query', '{index}', '_cat/indices'])
    expect(rest.retrieveAll(['_query'])).toEqual(['_query', '_query', '_query', '_query'])
    // a literal node holding no value gives way to the wildcard where the mode allows it
    expect(rest.retrieveAll(['_cat'])).toEqual([null, '{index}', '{index}', '{index}'])
    expect(rest.retrieve([], 'EXPLICIT_NODES_ONLY')).toBeNull()
  })
})
