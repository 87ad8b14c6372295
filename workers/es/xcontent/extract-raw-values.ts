/**
 * XContentMapValues.extractRawValues: the scalar values a dotted path reaches in a parsed document, as a terms
 * lookup reads its document's `_source`.
 *
 * The path is split on dots; at each object a key may also be several path elements joined by dots (`a.b` as one
 * key): every spelling that exists is followed, the shortest first (`a` then `a.b`), and an array's items in
 * order. Arrays are walked through at any depth. Nulls are skipped. The
 * walk keeps ES's asymmetry: a scalar an object holds under a path element is taken even when the path goes on
 * past it (`{"a": 1}` at `a.b` gives 1), but a scalar inside an array is taken only where the path ends; an object
 * where the path ends gives nothing.
 */
import type { XContentObject, XContentValue } from './x-content-value.ts'

export type RawValue = Exclude<XContentValue, null | XContentObject | XContentValue[]>

export function extractRawValues(path: string, source: XContentObject): RawValue[] {
  const values: RawValue[] = []
  // Java's String.split drops trailing empty strings; a path of dots only has no elements.
  const elements = path.split('.')
  while (elements.length > 0 && elements[elements.length - 1] === '') elements.pop()
  if (elements.length > 0) fromObject(source, elements, 0, values)
  return values
}

function fromObject(
  object: XContentObject,
  elements: readonly string[],
  index: number,
  out: RawValue[],
): void {
  if (index === elements.length) return
  let key = elements[index]!
  let next = index + 1
  for (;;) {
    const value = object.get(key)
    if (value instanceof Map) fromObject(value, elements, next, out)
    else if (Array.isArray(value)) fromArray(value, elements, next, out)
    else if (value !== undefined && value !== null) out.push(value)
    if (next === elements.length) return
    key += `.${elements[next]!}`
    next++
  }
}

function fromArray(
  list: readonly XContentValue[],
  elements: readonly string[],
  index: number,
  out: RawValue[],
): void {
  for (const value of list) {
    if (value instanceof Map) fromObject(value, elements, index, out)
    else if (Array.isArray(value)) fromArray(value, elements, index, out)
    else if (value !== null && index === elements.length) out.push(value)
  }
}
