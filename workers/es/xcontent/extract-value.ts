/**
 * XContentMapValues.extractValue and what SourceValueFetcher makes of it: the value a dotted path reaches in a
 * parsed `_source`, objects and arrays included.
 *
 * The path is split on dots; at each object a key may also be several path elements joined by dots (`ml.tokens`
 * as one key): every spelling that exists is followed, the shortest first, and several found make a list; an array
 * yields the list of what each of its items yields, at any depth; a key whose value is null yields nothing. The
 * result is null where nothing is found.
 */
import type { XContentObject, XContentValue } from './x-content-value.ts'

export function extractValue(path: string, source: XContentObject): XContentValue {
  return extract(path.split('.'), 0, source)
}

function extract(elements: readonly string[], index: number, current: XContentValue): XContentValue {
  if (Array.isArray(current)) {
    return current.map((item) => extract(elements, index, item)).filter((v) => v !== null)
  }
  if (index === elements.length) return current
  if (!(current instanceof Map)) return null
  const found: XContentValue[] = []
  let key = elements[index]!
  for (let next = index + 1; ; next++) {
    const value = current.get(key)
    if (value !== undefined && value !== null) {
      const extracted = extract(elements, next, value)
      if (extracted !== null) found.push(extracted)
    }
    if (next === elements.length) return found.length === 0 ? null : found.length === 1 ? found[0]! : found
    key += `.${elements[next]!}`
  }
}

/**
 * SourceValueFetcher.fetchValues before parseSourceValue: the value at `path` (extractValue), nested arrays unwrapped
 * breadth first (its queue), nulls left out.
 */
export function sourceFetcherValues(source: XContentObject, path: string): XContentValue[] {
  const queue: XContentValue[] = [extractValue(path, source)]
  const values: XContentValue[] = []
  for (let value = queue.shift(); value !== undefined; value = queue.shift()) {
    if (Array.isArray(value)) queue.push(...value)
    else if (value !== null) values.push(value)
  }
  return values
}
