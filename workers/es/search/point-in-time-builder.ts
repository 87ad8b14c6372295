/**
 * A search's `pit` section (PointInTimeBuilder, ES 8.17) and what it changes in the request:
 * - `{"id": "...", "keep_alive": "1m"}`: `id` the encoded point in time (search/context/search-context-id.ts),
 *   `keep_alive` optional (each context's keep alive is renewed to it when given). Another field is ObjectParser's
 *   x_content_parse_exception `[line:col] [pit] unknown field [x]`; no id is `point in time id is not provided`.
 * - SearchRequest.rewrite's implicit tiebreaker: a point-in-time search with an explicit `sort` whose last entry is
 *   not `_shard_doc` sorts by `_shard_doc` (asc, unmapped_type long) last, unless `search_after` gives as many
 *   values as the sort has (the client left the tiebreaker out).
 * - SearchRequest.validate: `_shard_doc` without a point in time is refused.
 */
import { illegalArgumentException, xContentParseException } from '../errors/index.ts'
import { parseTimeValue, timeValueMillis } from '../common/time/index.ts'
import { bodyLocation } from '../xcontent/body-location.ts'
import type { XContentObject } from '../xcontent/index.ts'
import type { SortBuilder } from './sort/sort-builder.ts'

export const SHARD_DOC_FIELD = '_shard_doc'

export interface PointInTimeBuilder {
  id: string
  /** ms, or null to keep each context's keep alive */
  keepAlive: number | null
}

/** The `pit` object (SearchSourceBuilder reads `pit` only as an object; another token is an unknown key). */
export function parsePointInTime(value: XContentObject, body: string): PointInTimeBuilder {
  let id: string | null = null
  let keepAlive: number | null = null
  for (const [key, entry] of value) {
    if (key === 'id' && typeof entry === 'string') id = entry
    else if (key === 'keep_alive' && typeof entry === 'string')
      keepAlive = timeValueMillis(parseTimeValue(entry, 'keep_alive'))
    else {
      const { line, col } = bodyLocation(body, key, 'key')
      throw xContentParseException(line, col, `[pit] unknown field [${key}]`)
    }
  }
  if (id === null) throw illegalArgumentException('point in time id is not provided')
  return { id, keepAlive }
}

/** SearchRequest.rewrite: the sort with the point in time's implicit `_shard_doc` tiebreaker. */
export function withPitTiebreaker(
  sort: SortBuilder[],
  searchAfter: readonly unknown[] | null,
): SortBuilder[] {
  const last = sort[sort.length - 1]
  if (last === undefined || (last.kind === 'field' && last.field === SHARD_DOC_FIELD)) return sort
  if (searchAfter !== null && searchAfter.length !== sort.length + 1) return sort
  return [...sort, shardDocSort()]
}

function shardDocSort(): SortBuilder {
  return {
    kind: 'field',
    field: SHARD_DOC_FIELD,
    order: 'asc',
    missing: null,
    unmappedType: 'long',
    mode: null,
    format: null,
    nested: null,
  }
}

/** SearchRequest.validate's `_shard_doc` check, for a search without a point in time. */
export function shardDocWithoutPit(sort: readonly SortBuilder[]): string[] {
  return sort.some((s) => s.kind === 'field' && s.field === SHARD_DOC_FIELD)
    ? [`[${SHARD_DOC_FIELD}] sort field cannot be used without [point in time]`]
    : []
}
