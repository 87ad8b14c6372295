/**
 * The in-memory index a percolate query runs its candidates' stored queries against (PercolateQueryBuilder.doToQuery:
 * Lucene's MemoryIndex for one document, an index of several documents otherwise; one index model serves both, as
 * both score with the same statistics of the documents they hold). Each document is parsed with the index's mapping
 * (SearchExecutionContext.parseDocument, `_temp_id` its id) and inverted with its analyzers into a new index of the
 * shard's WASM module, its blocks in the documents' order, so that document `slot` is the slot-th root. It scores
 * with Lucene's BM25Similarity, which MemoryIndex and a plain IndexSearcher keep, not the shard's
 * LegacyBM25Similarity: a term's score lacks the shard's (1 + k1) factor.
 *
 * A stored query matches when it matches a root document (nested documents excluded when any document has some, as
 * PercolateQuery's nonNestedDocsFilter does); its score is its best document's (PercolateQuery's scorer: the top hit
 * of a search for one) and its slots those of every root it matches, ascending (PercolatorMatchedSlotSubFetchPhase's
 * search sorted by doc id, mapped through rootDocsBySlot).
 *
 * Ownership: the index lives in WASM memory until `free`, which its builder calls once the query is built.
 */
import type { IndexQuery, InvertedIndex } from '../../../../engine-wasm/src/index/index.ts'
import type { IndexService } from '../../index/index-service.ts'
import { mapperSettings } from '../../index/index-metadata.ts'
import { numericDocValues } from '../../index/mapper/doc-values.ts'
import { locateDocumentFailure } from '../../index/mapper/document-failure.ts'
import { parseDocument, type ParsedDocument } from '../../index/mapper/document-parser.ts'
import { indexDocument } from '../../index/mapper/field-indexer.ts'
import { toJson, type XContentObject } from '../../xcontent/index.ts'
import { rootDocumentsOnly } from '../queries/nested-scope.ts'

/** SourceToParse's id for a percolated document. */
const TEMP_ID = '_temp_id'

/** What a stored query matched in the percolated documents. */
export interface PercolatorMatch {
  /** Its best document's score (PercolateQuery's score). */
  score: number
  /** The slots of the documents it matched, ascending. */
  slots: number[]
  /** The stored query as built. */
  query: IndexQuery
  /** Per matched slot with any, the names of the stored query's named clauses that match its document. */
  named: Array<[number, string[]]>
}

/**
 * A percolated document parsed with `index`'s mapping (SearchExecutionContext.parseDocument) under `id` (`_temp_id`;
 * the Painless execute API's is `_id`); throws its failure.
 */
export function parsePercolatedDocument(
  index: IndexService,
  document: XContentObject,
  id: string = TEMP_ID,
): ParsedDocument {
  try {
    return parseDocument(document, index.metadata.mapping, id, true, {}, mapperSettings(index.metadata))
  } catch (error) {
    // the document as PercolateQueryBuilder copied it: compact JSON, where the failure is located
    throw locateDocumentFailure(error, toJson(document))
  }
}

export class PercolatorMemoryIndex {
  private constructor(
    private readonly memory: InvertedIndex,
    /** Each slot's root doc id, ascending. */
    private readonly roots: readonly number[],
    /** Whether any document has nested documents (the roots are then not every doc id). */
    private readonly nested: boolean,
  ) {}

  /** The documents parsed and inverted as `index` would, in a new index beside `shard`'s; throws a parse failure. */
  static build(
    index: IndexService,
    shard: InvertedIndex,
    documents: readonly XContentObject[],
  ): PercolatorMemoryIndex {
    const memory = shard.luceneBm25Sibling()
    try {
      const flush = memory.newFlush()
      const roots: number[] = []
      let docId = 0
      for (const document of documents) {
        const parsed = parsePercolatedDocument(index, document)
        const numeric = {
          root: numericDocValues(parsed, TEMP_ID),
          nested: parsed.nested.map((doc) => numericDocValues(doc, TEMP_ID)),
        }
        const { analysis } = index
        const { ignoreAbove } = mapperSettings(index.metadata)
        docId += indexDocument(
          flush,
          docId,
          { id: TEMP_ID, routing: null },
          parsed,
          analysis,
          numeric,
          ignoreAbove,
        )
        roots.push(docId - 1)
      }
      memory.addFlush(flush)
      return new PercolatorMemoryIndex(memory, roots, docId !== roots.length)
    } catch (error) {
      memory.free()
      throw error
    }
  }

  /**
   * What `query` matches among the documents, its clauses named in `named` (in the order their names came) checked
   * against each document it matches; null when it matches none of them.
   */
  match(query: IndexQuery, named: ReadonlyMap<string, IndexQuery>): PercolatorMatch | null {
    const roots = this.nested ? rootDocumentsOnly(query) : query
    const { scoreDocs } = this.memory.search(roots, this.roots.at(-1)! + 1)
    if (scoreDocs.length === 0) return null
    const docIds = scoreDocs.map((doc) => doc.docId).sort((a, b) => a - b)
    const slots = this.nested ? docIds.map((docId) => this.roots.indexOf(docId)) : docIds
    const matched = slots.map((slot): [number, string[]] => [
      slot,
      [...named].filter(([, clause]) => this.matchesSlot(clause, slot)).map(([name]) => name),
    ])
    return {
      score: scoreDocs[0]!.score,
      slots,
      query,
      named: matched.filter(([, names]) => names.length > 0),
    }
  }

  /** Whether `query` matches the document in `slot` (its root). */
  matchesSlot(query: IndexQuery, slot: number): boolean {
    return this.memory.explain(query, this.roots[slot]!).matched
  }

  free(): void {
    this.memory.free()
  }
}
