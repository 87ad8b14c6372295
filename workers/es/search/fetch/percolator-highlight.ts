/**
 * PercolatorHighlightSubFetchPhase: with a `highlight` section, a hit a percolate query matched gets the highlights
 * of the percolated documents its stored query matched, that query highlighting each document's `_source` as the
 * HighlightPhase highlights a hit (highlight-phase.ts: the search's mapping and highlight options, the document's
 * slot as its doc id, a clause's match checked on the in-memory index of the documents; the runtime fields left
 * out, which ES computes on the documents). Each field's fragments go
 * into the hit's highlight under a name that says where they come from: the field's own name for one percolate
 * query of one document, `<slot>_<field>` when the query percolates several documents, and the percolate query's
 * name (`name`, else its field's) and `_` before either when the search's query holds several percolate queries. A
 * name the hit's own highlight has is replaced; the whole comes out in the order of the java.util.HashMap ES puts
 * them in. The in-memory index is built again for the fetch (one per percolate query and shard, freed after it).
 */
import type { ShardSearcher } from '../../index/shard/shard-searcher.ts'
import { javaHashOrder, javaStringHashCode } from '../../../net/java-hash.ts'
import { toJson } from '../../xcontent/index.ts'
import { PercolatorMemoryIndex } from '../percolator/percolator-memory-index.ts'
import type { PercolatedQuery } from '../queries/percolate-query.ts'
import { highlightHit, type HighlightContext, type HitHighlight } from './highlight/index.ts'

/** The hits' highlights (in `docIds` order) with the percolated documents' added. */
export function withPercolatorHighlights(
  highlights: ReadonlyArray<HitHighlight | null>,
  context: HighlightContext,
  percolated: readonly PercolatedQuery[],
  shard: ShardSearcher,
  docIds: readonly number[],
): Array<HitHighlight | null> {
  const added = docIds.map(() => new Map<string, string[]>())
  const single = percolated.length === 1
  // the documents' runtime fields are not computed: only their mapped fields are highlighted
  const mapped = { ...context, mapping: { ...context.mapping, runtime: {} } }
  for (const percolate of percolated) {
    if (!docIds.some((docId) => percolate.slots.has(docId))) continue
    const memory = PercolatorMemoryIndex.build(context.index, shard.searcherIndex, percolate.documents)
    try {
      docIds.forEach((docId, i) => {
        const query = percolate.queries.get(docId)
        if (query === undefined) return
        for (const slot of percolate.slots.get(docId)!) {
          const document = percolate.documents[slot]!
          const found = highlightHit(
            { ...mapped, query, matchesElsewhere: (clause) => memory.matchesSlot(clause, slot) },
            toJson(document),
            slot,
          )
          for (const [field, fragments] of found ?? [])
            added[i]!.set(fieldName(percolate, single, slot, field), fragments)
        }
      })
    } finally {
      memory.free()
    }
  }
  return highlights.map((own, i) => {
    if (added[i]!.size === 0) return own
    const merged = new Map(own ?? [])
    for (const [field, fragments] of added[i]!) merged.set(field, fragments)
    return javaHashOrder([...merged], ([field]) => javaStringHashCode(field))
  })
}

/** The name a percolated document's highlighted field takes in the hit's highlight. */
function fieldName(percolate: PercolatedQuery, single: boolean, slot: number, field: string): string {
  const inSlot = percolate.documents.length === 1 ? field : `${slot}_${field}`
  return single ? inSlot : `${percolate.name}_${inSlot}`
}
