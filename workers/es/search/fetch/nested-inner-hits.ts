/**
 * The `inner_hits` of a top-level `nested` query (InnerHitsPhase with a NestedInnerHitSubContext): for each hit,
 * the nested documents of its block that the nested query's child query matches, best score first (then doc id, as
 * TopScoreDocCollector), `from` and `size` of them, each printed as ES prints a nested hit: `_index`, `_id` (the
 * root's), `_nested` (`field` and `offset`, a deeper level under `_nested`), with `version` and `seq_no_primary_term`
 * the root's `_version`, `_seq_no` and `_primary_term`, `_score`, and the nested object as its
 * `_source` (a `_source` filter names full paths: it filters the root's, then the object is extracted).
 * The child query runs once per shard over every document (it matches only nested documents of its path); a hit's
 * nested documents are the doc ids of its block before it (IndexShard.blockStart), which are, in order, the nested
 * documents the parse of its `_source` yields (document-parser.ts), so the parse gives each one's identity and
 * object.
 * Wire form (plain data, per hit): each section's name, total, max score and hits with the identity, score and the
 * `_source` as JSON text (null when `_source` is not fetched, or the mapping keeps no `_source`: stored-source.ts).
 */
import type { IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import { filterSource, isFiltering, type FetchSourceContext } from '../../action/fetch-source.ts'
import { sourceToJson } from '../../action/source-map.ts'
import { storedSource } from '../../action/stored-source.ts'
import { parseDocument } from '../../index/mapper/document-parser.ts'
import type { Mapping } from '../../index/mapper/mapping.ts'
import { nestedIdentityJson, type NestedIdentity } from '../../index/mapper/nested-mapping.ts'
import type { ShardSearcher } from '../../index/shard/shard-searcher.ts'
import {
  JavaFloat,
  parseJson,
  RawJson,
  toJson,
  type JsonOut,
  type XContentObject,
  type XContentValue,
} from '../../xcontent/index.ts'

export interface NestedInnerHitsRequest {
  name: string
  path: string
  /** The nested scope the nested query sits in (null: the top level). */
  parentPath: string | null
  /** The child query, filtered to the path's nested documents. */
  query: IndexQuery
  from: number
  size: number
  fetchSource: FetchSourceContext | null
  /** `version` and `seq_no_primary_term`: the root document's, as the fetch phase reads them for a nested hit. */
  version: boolean
  seqNoPrimaryTerm: boolean
}

export interface NestedInnerHitWire {
  identity: NestedIdentity
  score: number
  /** The root's `_version` when the section asks `version`. */
  version?: number
  /** The root's `_seq_no` and `_primary_term` when the section asks `seq_no_primary_term`. */
  seqNo?: { seqNo: number; primaryTerm: number }
  source: string | null
}

export interface NestedInnerHitsWire {
  name: string
  totalHits: number
  maxScore: number | null
  hits: NestedInnerHitWire[]
}

/** A k no shard reaches: every match of the child query. */
const ALL_MATCHES = 0x7fffffff

/** Each root document's inner hits sections, in the order of `docIds`; null when there are no requests. */
export function executeNestedInnerHits(
  shard: ShardSearcher,
  mapping: Mapping,
  requests: readonly NestedInnerHitsRequest[],
  docIds: readonly number[],
): NestedInnerHitsWire[][] | null {
  if (requests.length === 0) return null
  const matches = requests.map(
    (request) =>
      new Map(
        shard.searcherIndex
          .search(request.query, ALL_MATCHES)
          .scoreDocs.map(({ docId, score }) => [docId, score]),
      ),
  )
  return docIds.map((docId) => {
    const root = shard.searchedDocument(docId)
    const start = shard.blockStart(docId)
    const source = root === undefined ? null : (parseJson(root.source) as XContentObject)
    const nested = source === null ? [] : parseDocument(source, mapping).nested
    // what the hits show is the stored `_source` (none when the mapping disables it)
    const stored = root === undefined ? null : storedSource(mapping, root.source)
    const shown = stored === null || stored === root!.source ? source : (parseJson(stored) as XContentObject)
    return requests.map((request, r) => {
      const found: Array<{ offset: number; score: number }> = []
      for (let d = start; d < docId; d++) {
        const score = matches[r]!.get(d)
        if (score !== undefined) found.push({ offset: d - start, score })
      }
      found.sort((a, b) => b.score - a.score || a.offset - b.offset)
      const hits = found.slice(request.from, request.from + request.size).flatMap(({ offset, score }) => {
        const doc = nested[offset]
        if (doc === undefined || source === null) return []
        const hitText = stored === null ? null : hitSource(shown!, doc.identity, request.fetchSource)
        return [
          {
            identity: doc.identity,
            score,
            source: hitText,
            ...(request.version ? { version: root!.version } : {}),
            ...(request.seqNoPrimaryTerm
              ? { seqNo: { seqNo: root!.seqNo, primaryTerm: root!.primaryTerm } }
              : {}),
          },
        ]
      })
      return {
        name: request.name,
        totalHits: found.length,
        maxScore: found.length > 0 ? found[0]!.score : null,
        hits,
      }
    })
  })
}

/**
 * A nested hit's `_source` as FetchSourcePhase makes it: the root's filtered first (its paths are full paths), then
 * the nested object extracted; null when `_source` is not fetched, `{}` when the filter left nothing of the object.
 */
function hitSource(
  root: XContentObject,
  identity: NestedIdentity,
  fetch: FetchSourceContext | null,
): string | null {
  if (fetch !== null && !fetch.fetchSource) return null
  const filtered = isFiltering(fetch) ? filterSource(root, fetch) : root
  return toJson(sourceToJson(nestedObject(filtered, identity) ?? new Map()))
}

/** The nested object an identity names in a root `_source` (FetchPhase's nested source extraction). */
function nestedObject(source: XContentObject, identity: NestedIdentity): XContentObject | null {
  const levels: NestedIdentity[] = []
  for (let level: NestedIdentity | null = identity; level !== null; level = level.parent)
    levels.unshift(level)
  let current: XContentObject = source
  for (const { field, offset } of levels) {
    const found = extractValues(current, field.split('.'))[offset]
    if (!(found instanceof Map)) return null
    current = found
  }
  return current
}

/** XContentMapValues.extractValue: the values under a dotted path, arrays flattened along the way. */
function extractValues(value: XContentValue, keys: readonly string[]): XContentValue[] {
  if (Array.isArray(value)) return value.flatMap((item) => extractValues(item, keys))
  if (keys.length === 0) return [value]
  if (!(value instanceof Map)) return []
  const child = value.get(keys[0]!)
  return child === undefined ? [] : extractValues(child, keys.slice(1))
}

/** The `inner_hits` section of a hit with the root's `_index` and `_id`. */
export function nestedInnerHitsJson(
  sections: readonly NestedInnerHitsWire[],
  index: string,
  id: string,
): Map<string, JsonOut> {
  return new Map(
    sections.map((section) => [
      section.name,
      {
        hits: {
          total: { value: section.totalHits, relation: 'eq' },
          max_score: section.maxScore === null ? null : new JavaFloat(section.maxScore),
          hits: section.hits.map((hit) => ({
            _index: index,
            _id: id,
            _nested: nestedIdentityJson(hit.identity),
            ...(hit.version !== undefined ? { _version: hit.version } : {}),
            ...(hit.seqNo !== undefined
              ? { _seq_no: hit.seqNo.seqNo, _primary_term: hit.seqNo.primaryTerm }
              : {}),
            _score: new JavaFloat(hit.score),
            ...(hit.source !== null ? { _source: new RawJson(hit.source) } : {}),
          })),
        },
      },
    ]),
  )
}
