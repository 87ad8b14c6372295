/**
 * The `inner_hits` of a `has_child` or `has_parent` query (ParentChildInnerHitContextBuilder's
 * JoinFieldInnerHitSubContext): for each hit of the shard, the documents of the same shard that the join query's
 * inner query matches among
 * - has_child (`fetchChildInnerHits`): the hit's children of relation `typeName` (parent-id `<join>#<parent>` = the
 *   hit's `_id`, relation = typeName), none when the hit has no join value;
 * - has_parent: the document whose `_id` is the hit's value of `<join>#<typeName>` (a child's parent, or a parent
 *   of that relation itself), none when the hit has no such value;
 * scored by the inner query alone, `from`/`size` of them by score or `sort`, with the inner hit's fetch options.
 * Each hit's section is a search of the shard (the caller's `search`, which runs the shard's query and fetch phases
 * over the same reader): its body is the inner hit's options with the inner query as `query`, the join as
 * `post_filter` (it restricts without scoring, as the intersection with the join's weight does) and totals counted
 * exactly. A nested or join query with `inner_hits` inside the inner query gives the inner hits their own.
 * Wire form (plain data, per hit): each section's name, the body searched (the coordinating node reads its fetch
 * options again) and the shard's result.
 */
import { toJson, type XContentObject, type XContentValue } from '../../xcontent/index.ts'
import type { Joiner } from '../../index/mapper/joiner.ts'
import { innerHitSearchBody } from './inner-hit-builder.ts'

export interface JoinInnerHitsRequest {
  name: string
  /** has_child: the child relation; has_parent: the parent relation. */
  typeName: string
  /** has_child's (each hit's children) rather than has_parent's (each hit's parent). */
  fetchChildInnerHits: boolean
  /** The join query's inner query. */
  query: XContentValue
  /** InnerHitBuilder's options (fetch/inner-hit-builder.ts). */
  options: XContentObject
  from: number
  size: number
}

export interface JoinInnerHitsWire<Result> {
  name: string
  /** The body of the section's search (JSON). */
  body: string
  result: Result
}

/** A hit of the shard: its doc id and `_id`. */
export interface JoinInnerHitsDoc {
  docId: number
  id: string
}

const MATCH_NONE: XContentValue = new Map([['match_none', new Map()]])

/**
 * Each hit's sections, in the order of `docs`; null when there are no requests. `bytesValues` reads a field's values
 * on the shard (docId → text), `search` runs a body on the shard.
 */
export function executeJoinInnerHits<Result>(
  requests: readonly JoinInnerHitsRequest[],
  joiner: Joiner | null,
  docs: readonly JoinInnerHitsDoc[],
  bytesValues: (field: string) => ReadonlyMap<number, string> | null,
  search: (body: string) => Result,
): Array<Array<JoinInnerHitsWire<Result>>> | null {
  if (requests.length === 0 || joiner === null) return null
  const relations = bytesValues(joiner.joinField)
  const joinValues = requests.map((request) =>
    request.fetchChildInnerHits ? relations : bytesValues(joiner.childJoinField(request.typeName)),
  )
  return docs.map(({ docId, id }) =>
    requests.map((request, r) => {
      const value = joinValues[r]?.get(docId)
      const filter =
        value === undefined
          ? MATCH_NONE
          : request.fetchChildInnerHits
            ? childrenOf(joiner, request.typeName, id)
            : new Map([['ids', new Map([['values', [value]]])]])
      const body = toJson(
        innerHitSearchBody(request.options, [
          ['query', request.query],
          ['post_filter', filter],
          ['track_total_hits', true],
        ]),
      )
      return { name: request.name, body, result: search(body) }
    }),
  )
}

/** The documents of child relation `childType` whose parent is `parentId`. */
function childrenOf(joiner: Joiner, childType: string, parentId: string): XContentValue {
  const term = (field: string, value: string) => new Map([['term', new Map([[field, value]])]])
  const filter = [term(joiner.parentJoinField(childType), parentId), term(joiner.joinField, childType)]
  return new Map([['bool', new Map([['filter', filter]])]])
}
