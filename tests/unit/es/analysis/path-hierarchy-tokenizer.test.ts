// The path_hierarchy tokenizer against the Elasticsearch 8 reference page's examples and Lucene 9's
// TestPathHierarchyTokenizer / TestReversePathHierarchyTokenizer cases: terms, offsets, and the Lucene 9
// positions (every token at position 0), PathHierarchyTokenizerFactory's setting errors, and the new
// components (path_hierarchy, char_group, the fingerprint analyzer) defined in index settings.
import { describe, expect, it } from 'vitest'
import { IndexAnalyzers } from '../../../../workers/es/analysis/custom/index-analyzers.ts'
import { getTokenizer } from '../../../../workers/es/analysis/tokenizer-registry.ts'
import { chain, rows, terms } from './analysis-chain.ts'

describe('path_hierarchy tokenizer', () => {
  it('reference example: the prefixes of a path, all at position 0', () => {
    expect(rows(chain('path_hierarchy'), '/one/two/three')).toEqual([
      ['/one', 0, 4, 0],
      ['/one/two', 0, 8, 0],
      ['/one/two/three', 0, 14, 0],
    ])
  })

  it('reference example: delimiter, replacement and skip', () => {
    const tokenizer = { type: 'path_hierarchy', delimiter: '-', replacement: '/', skip: 2 }
    expect(rows(chain(tokenizer), 'one-two-three-four-five')).toEqual([
      ['/three', 7, 13, 0],
      ['/three/four', 7, 18, 0],
      ['/three/four/five', 7, 23, 0],
    ])
  })

  it('reference example: reverse', () => {
    const tokenizer = { type: 'path_hierarchy', delimiter: '-', replacement: '/', reverse: true }
    expect(rows(chain(tokenizer), 'one-two-three-four-five')).toEqual([
      ['one/two/three/four/five', 0, 23, 0],
      ['two/three/four/five', 4, 23, 0],
      ['three/four/five', 8, 23, 0],
      ['four/five', 14, 23, 0],
      ['five', 19, 23, 0],
    ])
  })

  it('Lucene cases: trailing, doubled and missing leading delimiters', () => {
    expect(rows(chain('path_hierarchy'), '/a/b/')).toEqual([
      ['/a', 0, 2, 0],
      ['/a/b', 0, 4, 0],
      ['/a/b/', 0, 5, 0],
    ])
    expect(terms(chain('path_hierarchy'), 'a/b')).toEqual(['a', 'a/b'])
    expect(terms(chain('path_hierarchy'), '//a//b')).toEqual(['/', '//a', '//a/', '//a//b'])
    expect(terms(chain('path_hierarchy'), '/')).toEqual(['/'])
    expect(terms(chain('path_hierarchy'), '')).toEqual([])
  })

  it('Lucene cases: skip', () => {
    const skip1 = { type: 'path_hierarchy', skip: 1 }
    expect(rows(chain(skip1), '/a/b/c')).toEqual([
      ['/b', 2, 4, 0],
      ['/b/c', 2, 6, 0],
    ])
    expect(rows(chain(skip1), 'a/')).toEqual([['/', 1, 2, 0]])
    expect(terms(chain(skip1), '/a')).toEqual([])
    expect(terms(chain({ type: 'path_hierarchy', skip: 10 }), '/a/b')).toEqual([])
  })

  it('Lucene cases: reverse with trailing delimiter and skip', () => {
    const reverse = { type: 'path_hierarchy', reverse: true }
    expect(rows(chain(reverse), '/a/b/c')).toEqual([
      ['/a/b/c', 0, 6, 0],
      ['a/b/c', 1, 6, 0],
      ['b/c', 3, 6, 0],
      ['c', 5, 6, 0],
    ])
    expect(terms(chain(reverse), 'a/b/')).toEqual(['a/b/', 'b/'])
    expect(terms(chain(reverse), '')).toEqual([])
    expect(rows(chain({ ...reverse, skip: 1 }), '/a/b/c')).toEqual([
      ['/a/b/', 0, 5, 0],
      ['a/b/', 1, 5, 0],
      ['b/', 3, 5, 0],
    ])
    expect(terms(chain({ ...reverse, skip: 1 }), 'a/b/')).toEqual(['a/'])
  })

  it('is registered under its old name PathHierarchy too', () => {
    expect(terms(chain('PathHierarchy'), 'x/y')).toEqual(['x', 'x/y'])
  })

  it('refuses the settings the factory and Lucene refuse', () => {
    expect(() => getTokenizer('path_hierarchy', { delimiter: '--' })).toThrow(
      'delimiter must be a one char value',
    )
    expect(() => getTokenizer('path_hierarchy', { replacement: '' })).toThrow(
      'replacement must be a one char value',
    )
    expect(() => getTokenizer('path_hierarchy', { skip: -1 })).toThrow('skip cannot be negative')
    expect(() => getTokenizer('path_hierarchy', { buffer_size: -1 })).toThrow('bufferSize cannot be negative')
  })
})

describe('path_hierarchy and char_group in index settings', () => {
  it('reference example: custom_path_tree and a fingerprint analyzer by type', () => {
    const analyzers = new IndexAnalyzers({
      analyzer: {
        custom_path_tree: { tokenizer: 'custom_hierarchy' },
        custom_path_tree_reversed: { tokenizer: 'custom_hierarchy_reversed' },
        csv: { tokenizer: 'commas' },
        prints: { type: 'fingerprint', separator: '_' },
      },
      tokenizer: {
        custom_hierarchy: { type: 'path_hierarchy', delimiter: '/' },
        custom_hierarchy_reversed: { type: 'path_hierarchy', delimiter: '/', reverse: 'true' },
        commas: { type: 'char_group', tokenize_on_chars: [','] },
      },
    })
    const analyze = (name: string, text: string) =>
      (analyzers.analyzer(name)?.analyze(text) ?? []).map((token) => token.token)
    expect(analyze('custom_path_tree', '/User/alice/photos/2017/05/16/my_photo1.jpg')).toEqual([
      '/User',
      '/User/alice',
      '/User/alice/photos',
      '/User/alice/photos/2017',
      '/User/alice/photos/2017/05',
      '/User/alice/photos/2017/05/16',
      '/User/alice/photos/2017/05/16/my_photo1.jpg',
    ])
    expect(analyze('custom_path_tree_reversed', '/User/bob/x.jpg')).toEqual([
      '/User/bob/x.jpg',
      'User/bob/x.jpg',
      'bob/x.jpg',
      'x.jpg',
    ])
    expect(analyze('csv', 'a,b c')).toEqual(['a', 'b c'])
    expect(analyze('prints', 'b a')).toEqual(['a_b'])
  })
})
