// A shard over an array of plain documents for the aggregation tests: doc values as the search layer will
// provide them (sorted, keywords deduplicated, booleans as 1/0), a tiny `term` / `range` / `match_all`
// filter, top hits ordered by one numeric field, and significant_text's view of a field (the standard analyzer).
// Also helpers to run a request end to end.
import type {
  FieldValue,
  ShardContext,
  ShardTopHits,
  SizedBucket,
  TextFieldSource,
  ValuesType,
} from '../../../../workers/es/search/aggregations/index.ts'
import {
  aggregationsResponse,
  collectAggregations,
  parseAggregations,
  reduceShardAggregations,
} from '../../../../workers/es/search/aggregations/index.ts'
import { XNumber, parseJson, toJson, type XContentValue } from '../../../../workers/es/xcontent/index.ts'
import { buildSortField, topFieldDocs } from '../../../../workers/es/search/sort/index.ts'
import type { FieldMapping, FieldType } from '../../../../workers/es/index/mapper/mapping.ts'
import { failureBody } from '../es-failure.ts'
import { IndexAnalysis } from '../../../../workers/es/index/index-analysis.ts'

export type Doc = Record<string, FieldValue | boolean | Array<FieldValue | boolean>>
export type Types = Record<string, ValuesType>

function docValues(doc: Doc, field: string, type: ValuesType): FieldValue[] {
  const raw = doc[field]
  if (raw === undefined) return []
  const list = (Array.isArray(raw) ? raw : [raw]).map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v))
  if (type === 'keyword') return [...new Set(list.map(String))].sort()
  return list.map(Number).sort((a, b) => a - b)
}

function matches(doc: Doc, query: XContentValue): boolean {
  if (!(query instanceof Map)) return false
  const [kind, body] = [...query][0] ?? ['match_all', null]
  if (kind === 'match_all') return true
  if (!(body instanceof Map)) return false
  const [field, spec] = [...body][0]!
  const values = (Array.isArray(doc[field]) ? (doc[field] as unknown[]) : [doc[field]]).filter(
    (v) => v !== undefined,
  )
  if (kind === 'term') {
    const wanted = spec instanceof XNumber ? spec.value : spec
    return values.some((v) => v === wanted)
  }
  if (kind === 'range' && spec instanceof Map) {
    const gte = spec.get('gte')
    const lt = spec.get('lt')
    return values.some(
      (v) =>
        typeof v === 'number' &&
        (!(gte instanceof XNumber) || v >= gte.value) &&
        (!(lt instanceof XNumber) || v < lt.value),
    )
  }
  throw new Error(`fixture cannot run ${kind}`)
}

export function shard(
  docs: readonly Doc[],
  types: Types,
  sortField = 'rank',
  sizedBucket: SizedBucket | null = null,
): ShardContext {
  const context: ShardContext = {
    index: 'test',
    now: 0,
    source: {
      field: (name) => {
        const type = types[name]
        return type === undefined ? null : { type, format: null }
      },
      values: (field, doc) => docValues(docs[doc]!, field, types[field] ?? 'keyword'),
      concreteName: (name) => name,
    },
    allDocs: docs.map((_, i) => i),
    filter: (query) => new Set(docs.flatMap((doc, i) => (matches(doc, query) ? [i] : []))),
    topHits: (ids, request): ShardTopHits => {
      const ranked = [...ids].sort((a, b) => Number(docs[a]![sortField]) - Number(docs[b]![sortField]))
      return {
        totalHits: ids.length,
        maxScore: ids.length === 0 ? null : 1,
        order: [{ type: 'long', descending: false, missingFirst: false }],
        hits: ranked.slice(0, request.from + request.size).map((id) => ({
          sortKey: [Number(docs[id]![sortField])],
          hit: { _id: String(docs[id]!['id'] ?? id), _score: 1 },
        })),
      }
    },
    bucketedSort: (ids, sort, size) => {
      const fields = new Map(
        Object.entries(types).map(([n, type]): [string, FieldMapping] => [n, { type: type as FieldType }]),
      )
      const field = buildSortField(sort, { name: 'test', uuid: 'test-uuid', fields })
      const matches = ids.map((docId) => ({ docId, score: 1 }))
      return { field, top: topFieldDocs(matches, [field], context.source, null, size, null) }
    },
    // the fixture's index has no join field
    joiner: null,
    // the fixture's documents have no nested objects
    nestedPaths: new Map(),
    nestedScope: null,
    withNestedScope: () => context,
    nestedDocs: () => [],
    reverseNestedDocs: () => [],
    sizedBucket,
    withSizedBucket: (bucket) => shard(docs, types, sortField, bucket),
    randomSeed: 0,
    segments: [{ docBase: 0, maxDoc: docs.length }],
    textField: (name) => textField(docs, types, name),
  }
  return context
}

/** The index's default analysis: a `text` field analyzed by the standard analyzer, a keyword by the keyword analyzer. */
const ANALYSIS = new IndexAnalysis(undefined)

function textField(docs: readonly Doc[], types: Types, name: string): TextFieldSource | null {
  const type = types[name]
  if (type === undefined) return null
  const analyze = (text: string): readonly string[] =>
    type === 'keyword' ? [text] : ANALYSIS.terms('standard', text)
  const sourceValues = (path: string, doc: number): string[] => {
    const raw = docs[doc]![path]
    return raw === undefined ? [] : (Array.isArray(raw) ? raw : [raw]).map(String)
  }
  return {
    name,
    analysis:
      type === 'text' || type === 'keyword' ? 'analyzed' : type === 'boolean' ? 'unregistered' : 'none',
    analyze,
    sourceValues,
    termDocs: (term) =>
      new Set(
        docs.flatMap((_, i) =>
          sourceValues(name, i).some((value) => analyze(value).includes(term)) ? [i] : [],
        ),
      ),
  }
}

/** Runs `aggs` (JSON text) over shards of documents and returns the rendered `aggregations` JSON. */
export function aggregate(
  shards: ReadonlyArray<{ docs: readonly Doc[]; query?: (doc: Doc) => boolean }>,
  types: Types,
  aggs: string,
  maxBuckets?: number,
): string {
  const builders = parseAggregations(parseJson(aggs))
  const perShard = shards.map(({ docs, query }) => {
    const context = shard(docs, types)
    const matching = docs.flatMap((doc, i) => (query === undefined || query(doc) ? [i] : []))
    return collectAggregations(builders, context, matching)
  })
  return toJson(aggregationsResponse(reduceShardAggregations(perShard, maxBuckets, builders)))
}

/** The same, parsed back for property checks. */
export function aggregateObject(
  shards: ReadonlyArray<{ docs: readonly Doc[] }>,
  types: Types,
  aggs: string,
): Record<string, unknown> {
  return JSON.parse(aggregate(shards, types, aggs)) as Record<string, unknown>
}

/** The error body ES sends for a request whose `aggs` fail to parse (with token locations when asked). */
export function parseFailure(aggs: string, options: { locations?: boolean } = {}): string {
  return failureBody(() => parseAggregations(parseJson(aggs, options)))
}
