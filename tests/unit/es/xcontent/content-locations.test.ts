// Token locations parseJson records for a request body (`locations: true`): each key's name, the value after it and
// the object's closing brace, as Jackson's getTokenLocation gives them (1-based lines, columns in UTF-8 bytes).
import { describe, expect, it } from 'vitest'
import {
  endLocationOf,
  locationOf,
  parseJson,
  type XContentObject,
} from '../../../../workers/es/xcontent/index.ts'

describe('content locations', () => {
  it('locates keys, values and closing braces, counting columns in UTF-8 bytes', () => {
    const text = '{\n  "é": 1,\n  "o": { "k" : [1, {"x": true}] },\r\n  "s":"v"\n}'
    const root = parseJson(text, { locations: true }) as XContentObject
    expect(locationOf(root, 'é', 'key')).toEqual({ line: 2, col: 3 })
    expect(locationOf(root, 'é', 'value')).toEqual({ line: 2, col: 9 })
    expect(locationOf(root, 'o', 'value')).toEqual({ line: 3, col: 8 })
    const o = root.get('o') as XContentObject
    expect(locationOf(o, 'k', 'key')).toEqual({ line: 3, col: 10 })
    expect(locationOf(o, 'k', 'value')).toEqual({ line: 3, col: 16 })
    expect(endLocationOf(o)).toEqual({ line: 3, col: 33 })
    const inArray = (o.get('k') as unknown[])[1] as XContentObject
    expect(locationOf(inArray, 'x', 'value')).toEqual({ line: 3, col: 26 })
    expect(locationOf(root, 's', 'value')).toEqual({ line: 4, col: 7 })
    expect(endLocationOf(root)).toEqual({ line: 5, col: 1 })
  })

  it('records nothing unless asked', () => {
    const root = parseJson('{"a":1}') as XContentObject
    expect(locationOf(root, 'a', 'key')).toBeNull()
    expect(endLocationOf(root)).toBeNull()
  })
})
