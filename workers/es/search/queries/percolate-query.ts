/**
 * ES's PercolateQueryBuilder (`percolate`, modules/percolator, 8.x): `{"field": f, "document": {...}}`,
 * `{"field": f, "documents": [{...}, ...]}`, or an indexed document (`index`, `id`, `routing`, `preference`,
 * `version`), with `name`, `boost` and `_name`.
 *
 * Parsing is its ConstructingObjectParser's, key by key in the body's order: an undeclared key `[percolate] unknown
 * field [k]` at its name, a value of a kind the key does not take `[percolate] k doesn't support values of type: T`
 * at the value (`documents` takes one object as a list of one). Then ObjectParser's field-set checks, both
 * IllegalArgumentExceptions that nothing wraps: `The following fields are not allowed together: [...] ` (document,
 * documents and id, in the order given) before `Required one of fields [document, documents, id], but none were
 * specified. `; then the missing constructor argument `Required [field]`; then the constructor's `[index] is a
 * required argument` for an `id` without `index`, as "Failed to build [percolate] after last required field arrived"
 * at the body's end.
 *
 * doToQuery, on the shard: no document (`documents: []`) is IllegalStateException `no document to percolate`; a field
 * the mapping lacks `field [f] does not exist`, one of another type `expected field [f] to be of type [percolator], but
 * is of type [t]` (query_shard_exception). The query then matches each document whose stored query matches the
 * percolated documents (percolator-shard.ts), scoring as that query scores on them (PercolateQuery ignores its boost);
 * what each matched is recorded in the context's `percolated` for PercolatorMatchedSlotSubFetchPhase
 * (fetch/percolator-matched-slots.ts), under `name`, else the field's name.
 *
 * An indexed document is fetched by the request's coordinator before any shard builds the query: the coordinating
 * node's check records it (percolate-indexed-document.ts), and its body is rewritten to the document's `_source`.
 * Built where the query is only checked (a coordinating node, context without an index) it matches nothing; built for
 * an index without its shard (the checks of `_explain`, `_validate/query` and the by-query APIs) its documents are
 * parsed and it is a `percolate` leaf matching nothing; the shard that runs it builds it again (buildQueryOnShard). The
 * context a stored query is built in has no percolator: a percolate query there is refused as not available.
 */
import type { IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import {
  EsException,
  illegalArgumentException,
  numberFormatException,
  xContentParseException,
} from '../../errors/index.ts'
import {
  endLocationOf,
  tokenLocation,
  toJson,
  XNumber,
  type XContentObject,
  type XContentValue,
} from '../../xcontent/index.ts'
import type { PercolatorMatch } from '../percolator/percolator-memory-index.ts'
import { queryShardException } from '../query-string/query-parser-errors.ts'
import { knnScoreDocQuery } from '../vectors/knn-vector-query.ts'
import { recordIndexedDocument, type IndexedDocument } from './percolate-indexed-document.ts'
import type { QueryContext } from './query-parsing.ts'
import { unknownField, unsupportedValue } from './query-parse-failures.ts'

const NAME = 'percolate'
/** The keys PercolateQueryBuilder.PARSER declares, in its order. */
const DECLARED = [
  'field',
  'document',
  'documents',
  'id',
  'index',
  'routing',
  'preference',
  'version',
  'name',
  '_name',
  'boost',
]
const STRING_KEYS: ReadonlySet<string> = new Set([
  'field',
  'id',
  'index',
  'routing',
  'preference',
  'name',
  '_name',
])
/** The exclusive and required field set (declareRequiredFieldSet, declareExclusiveFieldSet). */
const DOCUMENT_SOURCES = ['document', 'documents', 'id']

/** What a percolate query reads of the index and the shard it runs on (search/percolator/percolator-shard.ts). */
export interface PercolatorShard {
  /** Parses the documents with the index's mapping (SearchExecutionContext.parseDocument); throws a failure. */
  parseDocuments(documents: readonly XContentObject[]): void
  /**
   * Null when the query is built for the index without its shard. Else:
   * Every live document with a query in percolator field `field` whose query matches `documents`, by doc id, the
   * stored queries built from `context` (the search's); throws a document's parse failure or a query's.
   */
  percolate:
    | ((
        field: string,
        documents: readonly XContentObject[],
        context: QueryContext,
      ) => Map<number, PercolatorMatch>)
    | undefined
}

/**
 * One percolate query of a search as it ran on the shard: its name, its documents, and for each document it
 * matched the slots its stored query matched, that query as built (for the fetch phase's highlighting) and, per
 * slot, the names of its named clauses that match there (only slots with any).
 */
export interface PercolatedQuery {
  name: string
  documents: readonly XContentObject[]
  slots: ReadonlyMap<number, readonly number[]>
  queries: ReadonlyMap<number, IndexQuery>
  named: ReadonlyMap<number, ReadonlyArray<readonly [number, readonly string[]]>>
}

interface PercolateRequest {
  field: string
  documents: XContentObject[]
  name: string | null
  /** `index`/`id`: a document to fetch, which the coordinating node's rewrite replaces by its source. */
  indexed: IndexedDocument | null
}

export function percolateQuery(body: XContentObject, context: QueryContext): IndexQuery {
  const request = parsePercolate(body)
  if (request.indexed !== null) {
    recordIndexedDocument(body, request.indexed, context)
    return { type: 'matchNone' }
  }
  if (context.index === undefined) return { type: 'matchNone' }
  if (request.documents.length === 0) {
    throw new EsException({
      type: 'illegal_state_exception',
      reason: 'no document to percolate',
      status: 500,
    })
  }
  const mapping = context.fields.get(request.field)
  if (mapping === undefined)
    throw queryShardException(`field [${request.field}] does not exist`, context.index)
  if (mapping.type !== 'percolator') {
    const reason = `expected field [${request.field}] to be of type [percolator], but is of type [${mapping.type}]`
    throw queryShardException(reason, context.index)
  }
  const name = request.name ?? request.field
  if (context.percolator === undefined) {
    throw illegalArgumentException(`[${NAME}] query is not available in the playground inside a stored query`)
  }
  const { percolate } = context.percolator
  if (percolate === undefined) {
    // built for an index without its shard: its documents parsed now, its matches found by the shard that runs it
    context.percolator.parseDocuments(request.documents)
    const documents = request.documents.map((document) => toJson(document))
    return { type: 'percolate', field: request.field, documents, name, boost: 1 }
  }
  return percolateMatches(request.field, request.documents, name, context, percolate)
}

/** PercolateQuery on the shard: the documents whose stored query matches, recorded for the fetch phase. */
function percolateMatches(
  field: string,
  documents: readonly XContentObject[],
  name: string,
  context: QueryContext,
  percolate: NonNullable<PercolatorShard['percolate']>,
): IndexQuery {
  const matches = percolate(field, documents, context)
  const slots = new Map<number, readonly number[]>()
  const queries = new Map<number, IndexQuery>()
  const named = new Map<number, ReadonlyArray<readonly [number, readonly string[]]>>()
  for (const [docId, match] of matches) {
    slots.set(docId, match.slots)
    queries.set(docId, match.query)
    named.set(docId, match.named)
  }
  context.percolated?.push({ name, documents, slots, queries, named })
  const query = knnScoreDocQuery(
    [...matches].map(([docId, match]) => ({ docId, score: match.score })),
    1,
  )
  return query.type === 'knnScoreDoc' ? { ...query, percolate: true } : query
}

/** PercolateQueryBuilder.PARSER over the body, then its constructor. */
function parsePercolate(body: XContentObject): PercolateRequest {
  let field: string | null = null
  let documents: XContentObject[] | null = null
  let name: string | null = null
  const strings = new Map<string, string>()
  let version: number | null = null
  const sources: string[] = []
  for (const [key, value] of body) {
    if (!DECLARED.includes(key)) throw unknownField(NAME, body, key, DECLARED)
    if (STRING_KEYS.has(key) && typeof value !== 'string') throw unsupportedValue(NAME, body, key)
    if (DOCUMENT_SOURCES.includes(key)) sources.push(key)
    if (key === 'field') field = value as string
    else if (key === 'name') name = value as string
    else if (STRING_KEYS.has(key)) strings.set(key, value as string)
    else if (key === 'document') documents = [documentValue(body, key, value)]
    else if (key === 'documents') documents = documentList(body, value)
    else if (key === 'version') version = longValue(body, key, value)
    else if (key === 'boost') numericValue(body, key, value)
  }
  const index = strings.get('index') ?? null
  const id = strings.get('id') ?? null
  if (sources.length > 1)
    throw illegalArgumentException(`The following fields are not allowed together: [${sources.join(', ')}] `)
  if (sources.length === 0) {
    const required = DOCUMENT_SOURCES.join(', ')
    throw illegalArgumentException(`Required one of fields [${required}], but none were specified. `)
  }
  if (field === null) throw illegalArgumentException('Required [field]')
  if (id !== null && index === null) {
    const end = endLocationOf(body) ?? { line: 1, col: 1 }
    throw xContentParseException(
      end.line,
      end.col,
      `Failed to build [${NAME}] after last required field arrived`,
      illegalArgumentException('[index] is a required argument'),
    )
  }
  const indexed =
    id === null
      ? null
      : {
          index: index!,
          id,
          routing: strings.get('routing') ?? null,
          preference: strings.get('preference') ?? null,
          version,
        }
  return { field, documents: documents ?? [], name, indexed }
}

/** declareObject: an object only. */
function documentValue(body: XContentObject, key: string, value: XContentValue): XContentObject {
  if (!(value instanceof Map)) throw unsupportedValue(NAME, body, key)
  return value
}

/** declareObjectArray: an array of objects, or one object as a list of one. */
function documentList(body: XContentObject, value: XContentValue): XContentObject[] {
  if (value instanceof Map) return [value]
  const documents = Array.isArray(value) ? value.filter((element) => element instanceof Map) : []
  if (!Array.isArray(value) || documents.length !== value.length)
    throw unsupportedValue(NAME, body, 'documents')
  return documents
}

/** declareFloat: a number or a string. */
function numericValue(body: XContentObject, key: string, value: XContentValue): void {
  if (!(value instanceof XNumber) && typeof value !== 'string') throw unsupportedValue(NAME, body, key)
}

/**
 * declareLong: a number (its whole part) or a string of digits; another string is Long.parseLong's failure, wrapped
 * by ObjectParser where its value stands.
 */
function longValue(body: XContentObject, key: string, value: XContentValue): number {
  numericValue(body, key, value)
  if (value instanceof XNumber) return Math.trunc(value.value)
  const text = value as string
  if (/^[+-]?\d+$/.test(text)) return Number(text)
  const [line, col] = tokenLocation(body, key, 'value')
  throw xContentParseException(
    line,
    col,
    `[${NAME}] failed to parse field [${key}]`,
    numberFormatException(text),
  )
}
