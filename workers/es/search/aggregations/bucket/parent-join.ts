/**
 * The `children` and `parent` single-bucket aggregations of the parent-join module (ChildrenAggregationBuilder with
 * ParentToChildrenAggregator, ParentAggregationBuilder with ChildrenToParentAggregator), both given `type`, a child
 * relation of the index's join field (index/mapper/joiner.ts):
 * - `children`: the bucket's documents of the relation's parent relation give their ids (their `<join>#<parent>`
 *   values); the bucket holds every live document of the shard of relation `type` whose parent is one of them (the
 *   child documents need not match the query), each once;
 * - `parent`: the bucket's documents of relation `type` give their parents' ids; the bucket holds every live
 *   document of the parent relation with one of those ids, each once.
 * The join is within the shard (a child is routed to its parent's shard), as ParentJoinAggregator's ordinals are.
 * Without a join field, or with a `type` that is not one of its child relations, the aggregation is unmapped: a
 * bucket of doc_count 0 (its sub-aggregations empty). The body is read by the builders' parse loop: `type` a
 * string, "Unknown key for a VALUE_STRING in [name]: [key].", "Unexpected token <TOKEN> in [name].", "Missing
 * [child_type] field for children aggregation [name]" (or "parent aggregation"), parsing_exception.
 * Rendered as every single bucket is (single-bucket.ts): {"doc_count": N, <sub-aggregations>}.
 */
import { parsingException } from '../../../errors/index.ts'
import { valueToken } from '../../../action/value-token.ts'
import { endLocationOf, tokenLocation, type XContentObject } from '../../../xcontent/index.ts'
import type { AggregationParser } from '../aggregation-builder.ts'
import type { ShardContext } from '../aggregation-context.ts'
import { singleBucket } from './single-bucket.ts'

type JoinAggregation = 'children' | 'parent'

export const childrenParser: AggregationParser = (name, body, meta, subs) => {
  const type = childType('children', name, body)
  return singleBucket('children', (shard, docs) => joined(shard, docs, type, 'children'), name, meta, subs)
}

export const parentParser: AggregationParser = (name, body, meta, subs) => {
  const type = childType('parent', name, body)
  return singleBucket('parent', (shard, docs) => joined(shard, docs, type, 'parent'), name, meta, subs)
}

/** The builders' parse loop: the `type` string. */
function childType(aggregation: JoinAggregation, name: string, body: XContentObject): string {
  let type: string | null = null
  for (const [key, value] of body) {
    const [line, col] = tokenLocation(body, key, 'value')
    if (typeof value !== 'string')
      throw parsingException(line, col, `Unexpected token ${valueToken(value)} in [${name}].`)
    if (key !== 'type')
      throw parsingException(line, col, `Unknown key for a VALUE_STRING in [${name}]: [${key}].`)
    type = value
  }
  if (type !== null) return type
  const end = endLocationOf(body) ?? { line: 1, col: 1 }
  throw parsingException(
    end.line,
    end.col,
    `Missing [child_type] field for ${aggregation} aggregation [${name}]`,
  )
}

/** The documents the bucket of `docs` joins to, ascending; none when unmapped. */
function joined(
  shard: ShardContext,
  docs: readonly number[],
  childType: string,
  aggregation: JoinAggregation,
): readonly number[] {
  const { joiner, source } = shard
  const parentType = joiner?.parentOf(childType)
  if (joiner == null || parentType === undefined) return []
  const relation = (doc: number) => source.values(joiner.joinField, doc)[0]
  const parentId = (doc: number) => source.values(joiner.childJoinField(parentType), doc)[0]
  const [from, to] = aggregation === 'children' ? [parentType, childType] : [childType, parentType]
  const ids = new Set(docs.filter((doc) => relation(doc) === from).map(parentId))
  return shard.allDocs.filter((doc) => relation(doc) === to && ids.has(parentId(doc)))
}
