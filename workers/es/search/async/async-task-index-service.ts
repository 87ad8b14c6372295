/**
 * AsyncTaskIndexService (ES 8.17 x-pack core) for async search: the `.async-search` system index that keeps a search's
 * result until it expires. The index is made on the first store with the descriptor's settings (1 shard,
 * `auto_expand_replicas` 0-1, `index.codec` best_compression, hidden) and strict mapping (`headers`,
 * `response_headers` and `result` disabled objects, `expiration_time` a long, `_meta` version and
 * managed_index_mappings_version 0).
 *
 * A document's id is the AsyncExecutionId's doc id; its source is `{"headers":{},"expiration_time":<millis>,
 * "result":"<base64>"}` when created, then `"response_headers":{}` after the final result. ES's `result` is the
 * base64 of the AsyncSearchResponse's transport bytes; the playground's is the URL-safe base64 of the
 * AsyncSearchResult's JSON (async-search-response.ts), its search response printed both without and with
 * `typed_keys`. Reads are realtime GETs; an unknown document or a missing index is ResourceNotFoundException with the
 * encoded id as its reason.
 */
import { EsException } from '../../errors/index.ts'
import { resourceNotFoundException } from '../../cluster/metadata/metadata-errors.ts'
import { XNumber, parseJson, toJson, type JsonOut, type XContentValue } from '../../xcontent/index.ts'
import type { RestContext } from '../../rest/rest-context.ts'
import { executeSingleWrite } from '../../action/transport-bulk-action.ts'
import { realtimeGet } from '../../action/transport-get-action.ts'
import { ensureSystemIndex } from '../../indices/system-index-creation.ts'
import { base64Url, fromBase64Url } from '../context/stream-bytes.ts'
import type { AsyncExecutionId } from './async-execution-id.ts'
import type { AsyncSearchResult } from './async-search-response.ts'

export const ASYNC_RESULTS_INDEX = '.async-search'

const DISABLED_OBJECT = new Map<string, JsonOut>([
  ['type', 'object'],
  ['enabled', 'false'],
])

function mappings(): Map<string, XContentValue> {
  const body = new Map<string, JsonOut>([
    [
      '_meta',
      new Map<string, JsonOut>([
        ['version', '8.17.0'],
        ['managed_index_mappings_version', 0],
      ]),
    ],
    ['dynamic', 'strict'],
    [
      'properties',
      new Map<string, JsonOut>([
        ['headers', DISABLED_OBJECT],
        ['response_headers', DISABLED_OBJECT],
        ['result', DISABLED_OBJECT],
        ['expiration_time', new Map([['type', 'long']])],
      ]),
    ],
  ])
  return parseJson(toJson(body)) as Map<string, XContentValue>
}

/** The stored result: its fields under their JSON names, the responses as printed (numbers keep their text). */
function encodeResult(result: AsyncSearchResult): string {
  const { response } = result
  const stored = new Map<string, JsonOut>([
    ['is_partial', result.isPartial],
    ['is_running', result.isRunning],
    ['start_time_in_millis', result.startMillis],
    ['status', result.status],
    ['error', result.error],
  ])
  if (response !== null) {
    stored.set('took', response.took)
    stored.set('_shards', response.shards)
    stored.set('response', response.plain)
    stored.set('typed_keys_response', response.typed)
  }
  return base64Url(new TextEncoder().encode(toJson(stored)))
}

/** A number this module stored, read back (NaN for anything else, which it never stores there). */
function storedNumber(value: XContentValue | undefined): number {
  return value instanceof XNumber ? value.value : Number.NaN
}

function decodeResult(encoded: string): AsyncSearchResult {
  const stored = parseJson(new TextDecoder().decode(fromBase64Url(encoded))) as Map<string, XContentValue>
  const number = (key: string): number => storedNumber(stored.get(key))
  const shards = stored.get('_shards') as Map<string, XContentValue> | undefined
  const count = (key: string): number => storedNumber(shards?.get(key))
  return {
    isPartial: stored.get('is_partial') === true,
    isRunning: stored.get('is_running') === true,
    startMillis: number('start_time_in_millis'),
    status: number('status'),
    error: stored.get('error') ?? null,
    response:
      shards === undefined
        ? null
        : {
            plain: stored.get('response')!,
            typed: stored.get('typed_keys_response')!,
            took: number('took'),
            shards: {
              total: count('total'),
              successful: count('successful'),
              skipped: count('skipped'),
              failed: count('failed'),
            },
          },
  }
}

/** createResponse (`final` false) and updateResponse (true): the whole document, written with the index's refresh. */
export async function storeResponse(
  context: RestContext,
  id: AsyncExecutionId,
  result: AsyncSearchResult,
  expirationMillis: number,
  final: boolean,
): Promise<void> {
  await ensureSystemIndex(context, ASYNC_RESULTS_INDEX, [['index.codec', 'best_compression']], mappings())
  const source = new Map<string, JsonOut>([
    ['headers', new Map()],
    ['expiration_time', expirationMillis],
    ['result', encodeResult(result)],
  ])
  if (final) source.set('response_headers', new Map())
  const item = { op: 'index' as const, id: id.docId, routing: null, ifSeqNo: null, ifPrimaryTerm: null }
  await executeSingleWrite(
    context,
    ASYNC_RESULTS_INDEX,
    { ...item, create: !final, text: toJson(source) },
    'none',
  )
}

/** A NOT_FOUND failure (no index, no document) as the id's ResourceNotFoundException; others as they are. */
async function orNotFound<T>(id: AsyncExecutionId, call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    if (error instanceof EsException && error.status === 404) throw resourceNotFoundException(id.encoded)
    throw error
  }
}

/** updateExpirationTime: a partial update of `expiration_time`. */
export function updateExpirationTime(
  context: RestContext,
  id: AsyncExecutionId,
  millis: number,
): Promise<void> {
  return orNotFound(id, async () => {
    const text = toJson(new Map([['doc', new Map([['expiration_time', millis]])]]))
    const item = {
      op: 'update' as const,
      id: id.docId,
      routing: null,
      ifSeqNo: null,
      ifPrimaryTerm: null,
      text,
    }
    await executeSingleWrite(context, ASYNC_RESULTS_INDEX, item, 'none')
  })
}

/** getResponse: the stored result and its expiration time. */
export function getResponse(
  context: RestContext,
  id: AsyncExecutionId,
): Promise<{ result: AsyncSearchResult; expirationMillis: number }> {
  return orNotFound(id, async () => {
    const { doc } = await realtimeGet(context, ASYNC_RESULTS_INDEX, id.docId, null)
    if (doc === null) throw resourceNotFoundException(id.encoded)
    const source = parseJson(doc.source) as Map<string, XContentValue>
    const result = decodeResult(source.get('result') as string)
    return { result, expirationMillis: storedNumber(source.get('expiration_time')) }
  })
}

/** deleteResponse: whether a document was deleted. */
export function deleteResponse(context: RestContext, id: AsyncExecutionId): Promise<boolean> {
  return orNotFound(id, async () => {
    const item = { op: 'delete' as const, id: id.docId, routing: null, ifSeqNo: null, ifPrimaryTerm: null }
    const deleted = await executeSingleWrite(context, ASYNC_RESULTS_INDEX, item, 'none')
    return deleted.result === 'deleted'
  })
}
