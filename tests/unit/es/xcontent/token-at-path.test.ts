// tokenAtPath: a value's token offsets in a document's text (and its field name's), found by its keys and array indices.
import { describe, expect, it } from 'vitest'
import { tokenAtPath } from '../../../../workers/es/xcontent/token-at-path.ts'

const TEXT = '{"a": {"b": [1, {"c": true}, [2, 3]]}, "d": "x", "e": {}}'

describe('tokenAtPath', () => {
  it('finds a scalar, its end, the position after it and its field name', () => {
    expect(tokenAtPath(TEXT, ['a', 'b', 0])).toEqual({ start: 13, end: 13, after: 14, name: 13 })
    expect(tokenAtPath(TEXT, ['a', 'b', 1, 'c'])).toEqual({ start: 22, end: 22, after: 26, name: 17 })
    expect(tokenAtPath(TEXT, ['d'])).toEqual({ start: 44, end: 44, after: 44, name: 39 })
  })

  it('finds a container and its closing bracket', () => {
    expect(tokenAtPath(TEXT, ['a', 'b', 2])).toEqual({ start: 29, end: 34, after: 29, name: 29 })
    expect(tokenAtPath(TEXT, ['e'])).toEqual({ start: 54, end: 55, after: 54, name: 49 })
    expect(tokenAtPath(TEXT, [])).toEqual({ start: 0, end: 56, after: 0, name: 0 })
  })

  it('skips containers off the path, indices counting them', () => {
    expect(tokenAtPath(TEXT, ['a', 'b', 2, 1])).toEqual({ start: 33, end: 33, after: 34, name: 33 })
  })

  it('is null for a path the text does not hold', () => {
    expect(tokenAtPath(TEXT, ['z'])).toBeNull()
    expect(tokenAtPath(TEXT, ['a', 'b', 3])).toBeNull()
    expect(tokenAtPath(TEXT, ['d', 'x'])).toBeNull()
    expect(tokenAtPath('[1]', [0])).toBeNull()
  })
})
