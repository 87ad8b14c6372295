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
 * Built where the query is only checked (a coordinating node, context without an index) it matches nothing; an
 * indexed document is refused as not available in the playground (docs/DEVIATIONS.md).
 */
import type { IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import { EsException, illegalArgumentException, xContentParseException } from '../../errors/index.ts'
import { endLocationOf, XNumber, type XContentObject, type XContentValue } from '../../xcontent/index.ts'
import type { PercolatorMatch } from '../percolator/percolator-memory-index.ts'
import { queryShardException } from '../query-string/query-parser-errors.ts'
import { knnScoreDocQuery } from '../vectors/knn-vector-query.ts'
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

/** What a percolate query reads of the shard it runs on (search/percolator/percolator-shard.ts). */
export interface PercolatorShard {
  /**
   * Every live document with a query in percolator field `field` whose query matches `documents`, by doc id, the
   * stored queries built from `context` (the search's); throws a document's parse failure or a query's.
   */
  percolate(
    field: string,
    documents: readonly XContentObject[],
    context: QueryContext,
  ): Map<number, PercolatorMatch>
}

/** One percolate query of a search as it ran on the shard: its name and what each matched document matched. */
export interface PercolatedQuery {
  name: string
  slots: ReadonlyMap<number, readonly number[]>
}

interface PercolateRequest {
  field: string
  documents: XContentObject[]
  name: string | null
  /** `index`/`id`: a document to fetch (not available here). */
  indexed: { index: string; id: string } | null
}

export function percolateQuery(body: XContentObject, context: QueryContext): IndexQuery {
  const request = parsePercolate(body)
  if (request.indexed !== null) {
    const { index, id } = request.indexed
    throw illegalArgumentException(
      `[${NAME}] query indexed document [${index}/${id}] is not available in the playground: ` +
        'give the document itself as [document]',
    )
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
  if (context.percolator === undefined) {
    throw illegalArgumentException(
      `[${NAME}] query is not available in the playground outside a search: it runs in _search, _msearch and _count`,
    )
  }
  const matches = context.percolator.percolate(request.field, request.documents, context)
  const slots = new Map<number, readonly number[]>()
  for (const [docId, match] of matches) slots.set(docId, match.slots)
  context.percolated?.push({ name: request.name ?? request.field, slots })
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
  let index: string | null = null
  let id: string | null = null
  const sources: string[] = []
  for (const [key, value] of body) {
    if (!DECLARED.includes(key)) throw unknownField(NAME, body, key, DECLARED)
    if (STRING_KEYS.has(key) && typeof value !== 'string') throw unsupportedValue(NAME, body, key)
    if (DOCUMENT_SOURCES.includes(key)) sources.push(key)
    if (key === 'field') field = value as string
    else if (key === 'name') name = value as string
    else if (key === 'index') index = value as string
    else if (key === 'id') id = value as string
    else if (key === 'document') documents = [documentValue(body, key, value)]
    else if (key === 'documents') documents = documentList(body, value)
    else if (key === 'version' || key === 'boost') numericValue(body, key, value)
  }
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
  return { field, documents: documents ?? [], name, indexed: id !== null ? { index: index!, id } : null }
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

/** declareLong and declareFloat: a number or a string. */
function numericValue(body: XContentObject, key: string, value: XContentValue): void {
  if (!(value instanceof XNumber) && typeof value !== 'string') throw unsupportedValue(NAME, body, key)
}
