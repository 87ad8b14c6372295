/**
 * SearchAsYouTypeFieldMapper's side of a mapping: the root field and the subfields it derives.
 *
 * Mapping: the parameters in the order ES's Builder lists them (`type`, `index`, `store`, `doc_values`,
 * `max_shingle_size`, `analyzer`, `search_analyzer`, `search_quote_analyzer`, `similarity`, `index_options`,
 * `norms`, `term_vector`, `meta`), then `fields`; `doc_values` (always false) and `max_shingle_size` (3 unless
 * given, 2 to 4) are always written, the others when given and not their default. Any other parameter is
 * refused as ES refuses it.
 *
 * Subfields (derivedSubfields): `<path>._2gram` … `<path>._<max>gram`, the root's analyzers wrapped with shingles
 * of that size, with the root's norms and index_options (their FieldType copies the root's), and
 * `<path>._index_prefix`, the index analyzer wrapped with shingles of the max size and edge n-grams, with the root's
 * index_options and no norms, searched with the search analyzer wrapped with those shingles only
 * (analysis/search-as-you-type-analyzer.ts). They are indexed from the root's values and queried by name; they
 * never appear in a mapping's JSON.
 */
import { perObjectMemo } from '../../common/per-object-memo.ts'
import { failedToParseMapping } from '../../errors/index.ts'
import { DEFAULT_ANALYZER } from '../../analysis/index.ts'
import { wrappedAnalyzerName } from '../../analysis/search-as-you-type-analyzer.ts'
import type { FieldMapping } from './mapping.ts'
import { checkRestricted, TERM_VECTOR_OPTIONS, TEXT_INDEX_OPTIONS } from './field-parameters.ts'
import { copiedFieldType } from './text-subfields.ts'

const TYPE = 'search_as_you_type'
const DEFAULT_MAX_SHINGLE_SIZE = 3
export const PREFIX_SUFFIX = '._index_prefix'

/** Each parameter with its default (null: none; written whenever given). */
const PARAMETERS: ReadonlyMap<string, boolean | string | null> = new Map<string, boolean | string | null>([
  ['index', true],
  ['store', false],
  ['doc_values', false],
  ['max_shingle_size', null],
  ['analyzer', null],
  ['search_analyzer', null],
  ['search_quote_analyzer', null],
  ['similarity', null],
  ['index_options', 'positions'],
  ['norms', true],
  ['term_vector', 'no'],
  ['meta', null],
])

/** Parameter.restrictedStringParam's values. */
const RESTRICTED: ReadonlyMap<string, readonly string[]> = new Map([
  ['index_options', TEXT_INDEX_OPTIONS],
  ['term_vector', TERM_VECTOR_OPTIONS],
])

/** A search_as_you_type field's mapping as parsed from `definition` (its own keys), defaults filled in. */
export function searchAsYouTypeMapping(name: string, definition: Record<string, unknown>): FieldMapping {
  for (const key of Object.keys(definition)) {
    if (key !== 'type' && key !== 'fields' && key !== 'copy_to' && !PARAMETERS.has(key))
      throw failedToParseMapping(`unknown parameter [${key}] on mapper [${name}] of type [${TYPE}]`)
  }
  const maxShingleSize = Number(definition.max_shingle_size ?? DEFAULT_MAX_SHINGLE_SIZE)
  if (!(maxShingleSize >= 2 && maxShingleSize <= 4))
    throw failedToParseMapping(
      `[max_shingle_size] must be at least [2] and at most [4], got [${String(definition.max_shingle_size)}]`,
    )
  if (booleanValue(definition.doc_values) === true)
    throw failedToParseMapping(`Cannot set [doc_values] on field of type [${TYPE}]`)
  const out: Record<string, unknown> = { type: TYPE }
  for (const [key, fallback] of PARAMETERS) {
    if (key === 'doc_values') out.doc_values = false
    else if (key === 'max_shingle_size') out.max_shingle_size = Math.trunc(maxShingleSize)
    else if (definition[key] !== undefined) {
      const value = typeof fallback === 'boolean' ? booleanValue(definition[key]) : definition[key]
      const allowed = RESTRICTED.get(key)
      if (allowed !== undefined) checkRestricted(key, value, allowed)
      if (value !== fallback) out[key] = value instanceof Map ? Object.fromEntries(value) : value
    }
  }
  if (definition.fields !== undefined) out.fields = definition.fields
  return out as unknown as FieldMapping
}

function booleanValue(value: unknown): unknown {
  return value === 'true' ? true : value === 'false' ? false : value
}

/** The subfields of search_as_you_type field `path` (see the header), by full path. */
export function derivedSubfields(path: string, root: FieldMapping): [string, FieldMapping][] {
  return subfieldsOf(root).map(([suffix, mapping]) => [path + suffix, mapping])
}

/** The subfields of a root mapping by their suffix, built once per mapping object (mappings are never changed). */
export const subfieldsOf: (root: FieldMapping) => readonly (readonly [string, FieldMapping])[] =
  perObjectMemo(buildSubfields)

function buildSubfields(root: FieldMapping): [string, FieldMapping][] {
  const max = root.max_shingle_size ?? DEFAULT_MAX_SHINGLE_SIZE
  const indexAnalyzer = root.analyzer ?? DEFAULT_ANALYZER
  const searchAnalyzer = root.search_analyzer ?? indexAnalyzer
  const out: [string, FieldMapping][] = []
  for (let size = 2; size <= max; size++) {
    const search = wrappedAnalyzerName(searchAnalyzer, size, false)
    out.push([
      `._${size}gram`,
      {
        type: TYPE,
        analyzer: wrappedAnalyzerName(indexAnalyzer, size, false),
        search_analyzer: search,
        search_quote_analyzer: search,
        ...copiedFieldType(root, false),
        derived: { shingleSize: size, prefix: false },
      },
    ])
  }
  out.push([
    PREFIX_SUFFIX,
    {
      type: TYPE,
      analyzer: wrappedAnalyzerName(indexAnalyzer, max, true),
      search_analyzer: wrappedAnalyzerName(searchAnalyzer, max, false),
      search_quote_analyzer: searchAnalyzer,
      ...copiedFieldType(root, true),
      derived: { shingleSize: max, prefix: true },
    },
  ])
  return out
}
