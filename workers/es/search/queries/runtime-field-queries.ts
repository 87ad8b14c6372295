/**
 * Queries on runtime fields (ES's AbstractScriptFieldQuery family: StringScriptFieldTermQuery,
 * LongScriptFieldRangeQuery, ...). A query is first built as for a mapped field of the runtime field's type (so the
 * value parsing, date math, exclusive-bound steps and their errors are the mapped type's), then every leaf on a
 * runtime field is replaced by the documents whose runtime values it accepts, each scoring the clause's boost
 * ("boost * runtime_field_score", the score always 1):
 * - numericRange (numbers, dates, and the exact numeric and date terms): a value within the bounds;
 * - exists: any value;
 * - term, prefix, wildcard, regexp, fuzzy and termRange: a value they accept as a term (term-predicate.ts; a
 *   boolean's values as its terms `T` and `F`);
 * - a phrase fails as AbstractScriptFieldType's phraseQuery does ("Can only use phrase queries on text fields - not
 *   on [f] which is a runtime field of type [keyword]"); anything else (geo queries) is refused as not available.
 * The documents are found by running the runtime field over the shard's live documents (script-queries.ts hands
 * the index their `_id`s the same way); without a shard (the coordinating node's check, `_validate/query`; the
 * shards that run the query build it again, `buildQueryOnShard`) the leaves are checked and left as built. Each replacement remembers the leaf it stands for (`runtimeFieldLeaf`): the highlighter reads its
 * terms, as ES's runtime field queries hand theirs to a QueryVisitor.
 */
import type { IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import { illegalArgumentException } from '../../errors/index.ts'
import type { FieldValue } from '../aggregations/index.ts'
import type { QueryContext } from './query-parsing.ts'
import { documentsQuery } from './script-queries.ts'
import { termPredicate } from './term-predicate.ts'
import { hasRuntimeFields } from '../search-fields.ts'
import { indexedTerm } from '../../index/mapper/field-indexer.ts'
import { failedToCreateQuery } from '../query-string/field-queries.ts'
import { rewriteLeaves } from './query-leaves.ts'

type Leaf = Extract<IndexQuery, { field: string }>
type Accepts = (value: FieldValue) => boolean

const replacedLeaves = new WeakMap<IndexQuery, Leaf>()

/** The query with its leaves on runtime fields replaced by the documents they match (on a shard). */
export function runtimeFieldsQuery(query: IndexQuery, context: QueryContext): IndexQuery {
  if (!hasRuntimeFields(context.fields)) return query
  return rewrite(query, context)
}

/** The runtime field leaf a query stands for, when it replaced one. */
export function runtimeFieldLeaf(query: IndexQuery): Leaf | undefined {
  return replacedLeaves.get(query)
}

function rewrite(query: IndexQuery, context: QueryContext): IndexQuery {
  // an inner query built (and replaced) before its parent keeps its replacement
  return rewriteLeaves(
    query,
    (leaf) => {
      if (!('field' in leaf) || context.fields.get(leaf.field)?.runtime === undefined) return leaf
      const accept = accepts(leaf, context)
      return context.shard === undefined ? leaf : matchingDocuments(leaf, accept, context)
    },
    (q) => replacedLeaves.has(q),
  )
}

/** The values a leaf accepts; a query type no runtime field runs fails as ES fails it, or as not available. */
function accepts(leaf: Leaf, context: QueryContext): Accepts {
  if (leaf.type === 'numericRange') {
    return (value) => typeof value === 'number' && value >= leaf.lower && value <= leaf.upper
  }
  if (leaf.type === 'exists') return () => true
  const predicate = termPredicate(leaf)
  if (predicate !== null) {
    // A boolean's values are 1 and 0, its terms `T` and `F` (field-indexer.ts).
    return (value) => predicate(typeof value === 'string' ? value : indexedTerm(value === 1))
  }
  const type = context.fields.get(leaf.field)!.type
  if (leaf.type === 'phrase' || leaf.type === 'phrasePrefix') {
    const kind = leaf.type === 'phrase' ? 'phrase' : 'phrase prefix'
    throw failedToCreateQuery(
      context.index,
      'illegal_argument_exception',
      `Can only use ${kind} queries on text fields - not on [${leaf.field}] which is a runtime field of type [${type}]`,
    )
  }
  throw illegalArgumentException(
    `[${leaf.type}] queries on runtime field [${leaf.field}] are not available in the playground`,
  )
}

function matchingDocuments(leaf: Leaf, accept: Accepts, context: QueryContext): IndexQuery {
  const scripting = context.shard!.scripting()
  const selected: string[] = []
  const others: string[] = []
  for (const { docId, id } of scripting.liveDocs()) {
    if (scripting.docValues.values(leaf.field, docId).some(accept)) selected.push(id)
    else others.push(id)
  }
  const replacement = documentsQuery(selected, others, leaf.boost)
  replacedLeaves.set(replacement, leaf)
  return replacement
}
