/**
 * What every Query DSL builder shares: the QueryContext a query is built in (the index's leaf fields, its
 * analyzers, "now" for date math, the index for shard-level errors), and the parsing steps of ES's
 * QueryBuilder.fromXContent methods with their parsing_exception texts. Each error carries the `[line:col]` of the
 * token ES's parser stands on when it throws (getTokenLocation over the request body's token locations,
 * xcontent/content-locations.ts): fromXContent loops throw at the offending key's value, ObjectParser at the unknown
 * key's name; errors raised after the body is read, and objects not parsed from a request's text, say [1:1].
 */
import type { Normalize } from './keyword-normalizer.ts'
import type { IndexLimits } from '../../index/index-limit-settings.ts'
import type { IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import {
  illegalArgumentException,
  parsingException,
  xContentParseException,
  type EsException,
} from '../../errors/index.ts'
import { suggest } from '../../common/did-you-mean.ts'
import {
  XNumber,
  endLocationOf,
  tokenLocation,
  type XContentObject,
  type XContentValue,
} from '../../xcontent/index.ts'
import type { FieldMapping } from '../../index/mapper/mapping.ts'
import type { TextAnalyzer } from '../../index/mapper/field-indexer.ts'
import type { IndexRef } from '../query-string/query-parser-errors.ts'
import type { DocValuesSource } from '../aggregations/index.ts'
import type { NestedInnerHitsRequest } from '../fetch/nested-inner-hits.ts'
import type { JoinInnerHitsRequest } from '../fetch/join-inner-hits.ts'
import type { TermsLookupSite } from './terms-lookup.ts'
import type { PercolateDocumentSite } from './percolate-indexed-document.ts'
import type { IndexedShapeSite } from './indexed-shape.ts'
import type { MoreLikeThisItemVectors } from './more-like-this.ts'
import type { PercolatedQuery, PercolatorShard } from './percolate-query.ts'

export interface QueryContext {
  fields: ReadonlyMap<string, FieldMapping>
  analyze: TextAnalyzer
  /** The index's keyword normalizers (keyword-normalizer.ts); absent: values are not normalized. */
  normalize?: Normalize
  /** Epoch millis of the request, for `now` in date math (0 when the caller does not say). */
  nowMillis?: number
  /** The index, named in query_shard_exception bodies. */
  index?: IndexRef
  /** The request's `size` (SearchExecutionContext.requestSize: the knn query's default k); absent: none. */
  requestSize?: number
  /** When given, every clause with a `_name` is recorded here by name (fetch/matched-queries-phase.ts). */
  namedQueries?: Map<string, IndexQuery>
  /** When given, the deprecation warnings building the query raises (DeprecationLogger's texts). */
  deprecations?: Set<string>
  /** The shard the query is built for (random_score salts with its number and hashes its documents' values). */
  shard?: ShardFieldValues
  /** The index's nested fields, when it has any (queries/nested-query.ts). */
  nested?: NestedContext
  /** The index's limit settings (index.max_terms_count, index.max_regex_length); absent: ES's defaults. */
  limits?: IndexLimits
  /**
   * Whether the index matches an index expression (QueryRewriteContext.indexMatches: its name, an alias of it, a
   * pattern over them), what `_index` queries ask; absent: the expression is matched against the index name only.
   */
  indexMatches?: (pattern: string) => boolean
  /**
   * On the coordinating node's check of a request whose coordinator fetches terms lookups, every `terms` lookup
   * (terms-lookup.ts) and percolate indexed document (percolate-indexed-document.ts) met is recorded here; absent:
   * one met is refused.
   */
  termsLookups?: RewriteSite[]
  /**
   * The term vectors of the more_like_this items the request's coordinator fetched (action/more-like-this-items.ts);
   * absent: a query with items is refused as not available.
   */
  moreLikeThisItems?: MoreLikeThisItemVectors
  /**
   * Told every query name, with its body, as the parser meets it, before the query is read (parseTopLevelQuery's
   * queryNameConsumer: a percolator field's query refuses some); absent: none is refused.
   */
  queryNames?: (name: string, body: XContentObject) => void
  /** On a shard: what a percolate query reads of it (search/percolator/percolator-shard.ts); absent: not run. */
  percolator?: PercolatorShard
  /** A search's own query: each percolate query in it records what it matched here, for the fetch phase. */
  percolated?: PercolatedQuery[]
  /** A search's own query on a shard: the `inner_hits` of its has_child and has_parent queries are collected here. */
  joinInnerHits?: JoinInnerHitsRequest[]
}

/**
 * What a query's rewrite on the coordinating node fetches: a `terms` lookup, a percolate indexed document or a shape
 * query's indexed shape.
 */
export type RewriteSite = TermsLookupSite | PercolateDocumentSite | IndexedShapeSite

/**
 * A rewrite's fetch met while building a query: recorded once (`same` finds it when the check builds the query
 * again) when the context collects them (the coordinating node's check, which builds nothing it keeps), else refused
 * with `refusal`, since the request's coordinator did not rewrite it.
 */
export function recordRewriteSite(
  context: QueryContext,
  site: RewriteSite,
  same: (other: RewriteSite) => boolean,
  refusal: string,
): void {
  if (context.termsLookups === undefined) throw illegalArgumentException(refusal)
  if (!context.termsLookups.some(same)) context.termsLookups.push(site)
}

/** NestedScope and the index's NestedLookup, as the `nested` query reads them. */
export interface NestedContext {
  /** Every nested path with the nested path it sits in (null: the root). */
  paths: ReadonlyMap<string, string | null>
  /** The nested path a query is built inside, null at the top level. */
  scope: string | null
  /** When given, the `inner_hits` sections of the nested queries are collected here. */
  innerHits?: NestedInnerHitsRequest[]
}

export interface ShardFieldValues {
  /** The shard number. */
  id: number
  /**
   * Each live document's first value of `field` as its bytes doc values give it (docId → text; a document
   * without one is absent), or null when the field is not mapped. `_id` and `_seq_no` are always mapped.
   */
  bytesValues(field: string): ReadonlyMap<number, string> | null
  /** What scripts read: the shard's doc values, live documents and matches (queries/script-queries.ts). */
  scripting(): ShardScripting
  /**
   * The shard's live document count (IndexReader.numDocs) and each term's docFreq in its field (IndexReader.docFreq:
   * deleted documents count until a merge drops them; 0 for a term it has not), read in one pass.
   */
  termStatistics(terms: ReadonlyArray<{ field: string; term: string }>): {
    numDocs: number
    docFreqs: number[]
  }
  /**
   * The vectors of a dense_vector field of `dims` elements (its doc values read once, search/vectors/): the live
   * documents that have one, ascending, and their elements as Java floats, `dims` per document, in that order.
   */
  denseVectors(field: string, dims: number): { docIds: Int32Array; vectors: Float32Array }
}

export interface ShardScripting {
  readonly docValues: DocValuesSource
  /** The live documents by doc id, with their `_id` and their doc id inside their segment. */
  liveDocs(): ReadonlyArray<{ docId: number; id: string; segmentDocId: number }>
  /** Every live document `query` matches, with its score (doc id → score). */
  matches(query: IndexQuery): ReadonlyMap<number, number>
}

/** ES's ParsingException where no token position is known (an error raised after the body was read): [1:1]. */
export function parsingError(reason: string, causedBy?: EsException): EsException {
  return parsingException(1, 1, reason, causedBy)
}

/** ES's ParsingException at `key`'s name or at the value after it in `object` (parser.getTokenLocation()). */
export function parsingErrorAt(
  object: XContentObject,
  key: string,
  token: 'key' | 'value',
  reason: string,
  causedBy?: EsException,
): EsException {
  return parsingException(...tokenLocation(object, key, token), reason, causedBy)
}

/** RestActions.getQueryContent's refusal of a body key other than `query`, at the key's name (_count, _explain, _validate). */
export function requestDoesNotSupport(body: XContentObject, key: string): EsException {
  return parsingErrorAt(body, key, 'key', `request does not support [${key}]`)
}

/** ES's ParsingException after a fromXContent loop, where the parser stands on `object`'s closing brace. */
export function parsingErrorAtEnd(object: XContentObject, reason: string): EsException {
  const end = endLocationOf(object) ?? { line: 1, col: 1 }
  return parsingException(end.line, end.col, reason)
}

/**
 * `{ "<query>": { "<field>": value-or-options } }`: the field and its options (a bare value is `query`). A second
 * field fails at its value, naming the first two (throwParsingExceptionOnMultipleFields).
 */
export function fieldAndOptions(
  name: string,
  body: XContentObject,
  valueKey = 'query',
): { field: string; options: XContentObject } {
  if (body.size !== 1) {
    const keys = [...body.keys()]
    const found = keys.slice(0, 2).join('] and [')
    throw parsingErrorAt(
      body,
      keys[1] ?? '',
      'value',
      `[${name}] query doesn't support multiple fields, found [${found}]`,
    )
  }
  const [field, value] = [...body][0]!
  if (value instanceof Map) return { field, options: value }
  return { field, options: new Map([[valueKey, value]]) }
}

/**
 * Rejects options outside `allowed` (plus boost and _name) with ES's "[name] query does not support [key]", at the
 * key's value where the fromXContent loop stands when it finds no branch for it.
 */
export function checkOptions(name: string, options: XContentObject, allowed: readonly string[]): void {
  for (const key of options.keys()) {
    if (key !== 'boost' && key !== '_name' && !allowed.includes(key)) {
      throw parsingErrorAt(options, key, 'value', `[${name}] query does not support [${key}]`)
    }
  }
}

/**
 * The keys of a query ES parses with an ObjectParser (bool, ids): an undeclared one is XContentParseException
 * `[name] unknown field [key]` at the key's name, with SuggestingErrorOnUnknown's hint over the declared fields
 * (`declared` plus declareStandardFields' boost and _name).
 */
export function checkDeclaredFields(
  name: string,
  options: XContentObject,
  declared: readonly string[],
): void {
  const fields = [...declared, 'boost', '_name']
  for (const key of options.keys()) {
    if (!fields.includes(key)) {
      const [line, col] = tokenLocation(options, key, 'key')
      throw xContentParseException(line, col, `[${name}] unknown field [${key}]${suggest(key, fields)}`)
    }
  }
}

export function scalarText(value: XContentValue | undefined): string | null {
  if (value === undefined || value === null) return null
  if (value instanceof XNumber) return value.text
  if (typeof value === 'string' || typeof value === 'boolean') return String(value)
  return null
}

/** A numeric option given as a number or a numeric string (Jackson's coercion), else the fallback. */
export function numberOption(options: XContentObject, key: string, fallback: number): number {
  const value = options.get(key)
  if (value instanceof XNumber) return value.value
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value)
  return fallback
}

export function boostOf(body: XContentValue): number {
  return body instanceof Map ? Math.fround(numberOption(body, 'boost', 1)) : 1
}

/** BoostQuery(query, boost): a one-clause bool carrying the boost, which scores as the clause times it. */
export function boosted(query: IndexQuery, boost: number): IndexQuery {
  if (boost === 1 || query.type === 'matchNone') return query
  return { type: 'bool', must: [query], should: [], mustNot: [], filter: [], minimumShouldMatch: 0, boost }
}
