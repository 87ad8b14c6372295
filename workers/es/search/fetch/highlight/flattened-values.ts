/**
 * What ES 8.17's DefaultHighlighter loads for a `flattened` field: both field types fetch with
 * SourceValueFetcher.identity, the root field (RootFlattenedFieldType) at its own path, a key (`flat.a`,
 * KeyedFlattenedFieldType) at `<root>.<key>`; each value is then Object.toString'ed (DefaultHighlighter.
 * convertFieldValue), so the root's object prints as `{a=red, b={c=red}}`. The source is the map
 * XContentHelper.convertToMap(bytes, ordered: true) makes (Source.fromBytes): LinkedHashMaps, iterated in the
 * document's order. The field's index analyzer is the keyword analyzer (FlattenedFieldMapper.indexAnalyzers; a key's
 * index field `<root>._keyed` has none and takes the unmapped-field keyword analyzer), so each value is one token,
 * which no query term on the field equals: a flattened field yields no highlight but a no_match_size fragment.
 */
import { javaToString } from '../../../ingest/java-values.ts'
import type { XContentObject, XContentValue } from '../../../xcontent/index.ts'

const sourceOrder = (map: XContentObject): string[] => [...map.keys()]

/**
 * XContentMapValues.extractValue: the value a dotted path reaches, objects and arrays included; at each object a key
 * may also be several path elements joined by dots (every spelling found is taken, the shortest first; several make a
 * list); an array yields the list of what each item yields; null where nothing is found.
 */
function extractValue(elements: readonly string[], index: number, current: XContentValue): XContentValue {
  if (Array.isArray(current)) {
    return current.map((item) => extractValue(elements, index, item)).filter((v) => v !== null)
  }
  if (index === elements.length) return current
  if (!(current instanceof Map)) return null
  const found: XContentValue[] = []
  let key = elements[index]!
  for (let next = index + 1; ; next++) {
    const value = current.get(key)
    if (value !== undefined && value !== null) {
      const extracted = extractValue(elements, next, value)
      if (extracted !== null) found.push(extracted)
    }
    if (next === elements.length) return found.length === 0 ? null : found.length === 1 ? found[0]! : found
    key += `.${elements[next]!}`
  }
}

/**
 * SourceValueFetcher.fetchValues of an identity fetcher: the value at `path`, nested arrays unwrapped breadth first
 * (its queue), nulls left out, each value's toString.
 */
export function flattenedHighlightValues(source: XContentObject, path: string): string[] {
  const elements = path.split('.')
  const queue: XContentValue[] = [extractValue(elements, 0, source)]
  const values: string[] = []
  for (let value = queue.shift(); value !== undefined; value = queue.shift()) {
    if (Array.isArray(value)) queue.push(...value)
    else if (value !== null) values.push(javaToString(value, sourceOrder))
  }
  return values
}
