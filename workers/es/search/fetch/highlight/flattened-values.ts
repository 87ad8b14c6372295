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
import type { XContentObject } from '../../../xcontent/index.ts'
import { sourceFetcherValues } from '../../../xcontent/extract-value.ts'

const sourceOrder = (map: XContentObject): string[] => [...map.keys()]

/**
 * SourceValueFetcher.fetchValues of an identity fetcher: the value at `path`, nested arrays unwrapped breadth first
 * (its queue), nulls left out, each value's toString.
 */
export function flattenedHighlightValues(source: XContentObject, path: string): string[] {
  return sourceFetcherValues(source, path).map((value) => javaToString(value, sourceOrder))
}
