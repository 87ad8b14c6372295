// XContentMapValues.extractRawValues, as a terms lookup reads its document: the scalars a dotted path reaches through
// objects, arrays and dotted keys, with ES's asymmetry between a scalar under an object and one inside an array.
import { describe, expect, it } from 'vitest'
import { extractRawValues } from '../../../../workers/es/xcontent/extract-raw-values.ts'
import { objectValueSpan } from '../../../../workers/es/xcontent/content-locations.ts'
import { parseJson, type XContentObject } from '../../../../workers/es/xcontent/index.ts'

function values(path: string, json: string): string[] {
  return extractRawValues(path, parseJson(json) as XContentObject).map(String)
}

describe('extractRawValues', () => {
  it('collects the scalars of arrays and of objects inside arrays, in order, skipping nulls', () => {
    expect(values('following', '{"following": [2, 3, null, "4"]}')).toEqual(['2', '3', '4'])
    expect(values('a.b', '{"a": [{"b": 1}, {"b": [2, [3]]}, {"c": 9}, null]}')).toEqual(['1', '2', '3'])
  })

  it('follows the nested spelling of a path first, then keys holding several of its elements joined by dots', () => {
    expect(values('a.b.c', '{"a.b": {"c": 1}, "a": {"b.c": 2, "b": {"c": 3}}}')).toEqual(['3', '2', '1'])
  })

  it('takes a scalar an object holds even where the path goes on, but not one inside an array', () => {
    expect(values('a.b', '{"a": 5}')).toEqual(['5'])
    expect(values('a.b', '{"a": [5]}')).toEqual([])
  })

  it('gives nothing for an object where the path ends, a missing path or a path of dots only', () => {
    expect(values('a', '{"a": {"b": 1}}')).toEqual([])
    expect(values('x', '{"a": 1}')).toEqual([])
    expect(values('..', '{"": 1}')).toEqual([])
  })
})

describe('objectValueSpan', () => {
  it('spans an object value from its opening to past its closing brace, in the text it was parsed from', () => {
    const text = '{ "q": { "user": {"index": "u", "id": "1"} , "boost": 2 } }'
    const root = parseJson(text, { locations: true }) as XContentObject
    const holder = root.get('q') as XContentObject
    const span = objectValueSpan(holder, 'user')!
    expect(span.text).toBe(text)
    expect(text.slice(span.start, span.end)).toBe('{"index": "u", "id": "1"}')
    expect(objectValueSpan(holder, 'boost')).toBeNull()
    expect(objectValueSpan(parseJson(text) as XContentObject, 'q')).toBeNull()
  })
})
