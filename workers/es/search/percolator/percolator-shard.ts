/**
 * What a percolate query reads of the shard it runs on (PercolateQuery's QueryStore and candidate matching): every live
 * root document with a query in the percolator field is a candidate, its query read again from its `_source` (where
 * percolator-field.ts keeps it) and built as PercolatorFieldMapper.configureContext builds it (percolatorQueryContext:
 * the search's context without the shard, whose reader a stored query never sees: ES gives it the in-memory index's),
 * then run against the in-memory index of the percolated documents (percolator-memory-index.ts).
 *
 * ES narrows the candidates first by the terms it extracted from each query (`query.extracted_terms`); that only
 * spares it verifications, so running every candidate gives the same hits.
 */
import type { IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import type { IndexService } from '../../index/index-service.ts'
import type { ShardSearcher } from '../../index/shard/shard-searcher.ts'
import { parseJson, type XContentObject, type XContentValue } from '../../xcontent/index.ts'
import { percolatorQueryContext } from '../queries/percolator-query-check.ts'
import type { PercolatorShard } from '../queries/percolate-query.ts'
import type { QueryContext } from '../queries/query-parsing.ts'
import { parseInnerQuery } from '../query-builder.ts'
import {
  parsePercolatedDocument,
  PercolatorMemoryIndex,
  type PercolatorMatch,
} from './percolator-memory-index.ts'

export function percolatorShard(index: IndexService, shard: ShardSearcher | undefined): PercolatorShard {
  return {
    parseDocuments(documents) {
      for (const document of documents) parsePercolatedDocument(index, document)
    },
    percolate:
      shard &&
      ((field, documents, context) => {
        const memory = PercolatorMemoryIndex.build(index, shard.searcherIndex, documents)
        try {
          const stored = percolatorQueryContext(index, storedQueryContext(context))
          const matches = new Map<number, PercolatorMatch>()
          for (const [docId, query] of storedQueries(shard, field)) {
            // its named clauses, for PercolatorMatchedSlotSubFetchPhase (not the search's matched_queries)
            const named = new Map<string, IndexQuery>()
            const match = memory.match(parseInnerQuery(query, { ...stored, namedQueries: named }), named)
            if (match !== null) matches.set(docId, match)
          }
          return matches
        } finally {
          memory.free()
        }
      }),
  }
}

/** The search's context as a stored query is built in: no shard, no named or percolate queries of the search's. */
function storedQueryContext(context: QueryContext): QueryContext {
  const stored: QueryContext = {
    ...context,
    shard: undefined,
    namedQueries: undefined,
    percolator: undefined,
    percolated: undefined,
  }
  return stored.nested === undefined
    ? stored
    : { ...stored, nested: { ...stored.nested, innerHits: undefined } }
}

/** Each live root document's query in the percolator field `field` (a dotted path), by doc id. */
function storedQueries(shard: ShardSearcher, field: string): Array<[number, XContentValue]> {
  const out: Array<[number, XContentValue]> = []
  for (const { docBase, maxDoc } of shard.searcherIndex.segments()) {
    for (let docId = docBase; docId < docBase + maxDoc; docId++) {
      if (shard.blockRoot(docId) !== docId) continue
      const stored = shard.searchedDocument(docId)
      if (stored === undefined) continue
      const value = valueAt(parseJson(stored.source) as XContentObject, field.split('.'))
      // an array holds the field's one query (percolator-field.ts refuses a second)
      const query = Array.isArray(value) ? value[0] : value
      if (query !== undefined && query !== null) out.push([docId, query])
    }
  }
  return out
}

/** The value at a dotted path in `_source`, its steps given as objects or as dotted keys (`{"a.b": ...}`). */
function valueAt(object: XContentObject, steps: readonly string[]): XContentValue | undefined {
  for (let i = steps.length; i >= 1; i--) {
    const value = object.get(steps.slice(0, i).join('.'))
    if (value === undefined) continue
    if (i === steps.length) return value
    if (value instanceof Map) {
      const found = valueAt(value, steps.slice(i))
      if (found !== undefined) return found
    }
  }
  return undefined
}
