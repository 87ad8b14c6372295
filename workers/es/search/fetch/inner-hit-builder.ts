/**
 * InnerHitBuilder as its ObjectParser reads it, for every query or section that takes an `inner_hits` object (the
 * collapse section's, collapse/collapse-builder.ts; has_child's and has_parent's, queries/join-queries.ts): `name`,
 * `ignore_unmapped`, and the options that are a search body's keys (from, size, sort, _source, highlight, ...). The
 * hits of an inner hit are found by a search whose body is those options with InnerHitBuilder's defaults (from 0,
 * size 3) and the query the caller adds. `script_fields` is not among the options here (not built).
 */
import type { XContentObject, XContentValue } from '../../xcontent/index.ts'
import { XNumber } from '../../xcontent/index.ts'

export interface InnerHitBuilder {
  /** The key of the hit's `inner_hits` section. */
  name: string
  /** The options besides `name` and `ignore_unmapped`: the inner search's body keys. */
  options: XContentObject
}

/** InnerHitBuilder's fields besides `name` and `ignore_unmapped`. */
const INNER_HIT_OPTIONS: ReadonlySet<string> = new Set([
  'from',
  'size',
  'explain',
  'version',
  'seq_no_primary_term',
  'track_scores',
  'stored_fields',
  'docvalue_fields',
  'fields',
  '_source',
  'sort',
  'highlight',
  'collapse',
])

/** How the caller's parser reads `name` and refuses an unknown field (its error locations). */
export interface InnerHitFieldReader {
  name(key: string, value: XContentValue): string
  unknownField(key: string): never
}

/** An `inner_hits` object, its name `defaultName` unless it gives one. */
export function readInnerHit(
  section: XContentObject,
  defaultName: string,
  reader: InnerHitFieldReader,
): InnerHitBuilder {
  let name = defaultName
  const options: XContentObject = new Map()
  for (const [key, item] of section) {
    if (key === 'name') name = reader.name(key, item)
    else if (INNER_HIT_OPTIONS.has(key)) options.set(key, item)
    else if (key !== 'ignore_unmapped') reader.unknownField(key)
  }
  return { name, options }
}

/** The body of an inner hit's search: from 0 and size 3 unless its options say, its options, then `rest`. */
export function innerHitSearchBody(
  options: XContentObject,
  rest: ReadonlyArray<[string, XContentValue]>,
): XContentObject {
  return new Map<string, XContentValue>([
    ['from', new XNumber('0')],
    ['size', new XNumber('3')],
    ...options,
    ...rest,
  ])
}
