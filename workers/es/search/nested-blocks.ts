/**
 * The joins of the nested aggregations over a shard's blocks (a document's nested documents right before it, each
 * nested document's own nested documents right before that one): NestedAggregator walks back from each parent to
 * the previous document of the parent level, collecting the nested documents of the path on the way;
 * ReverseNestedAggregator walks forward from each nested document to the next document of the level it joins to.
 * The levels are document sets from the shard's inverted index: the root documents (Queries.newNonNestedFilter) and
 * the nested documents of a path (`_nested_path:<path>`), each computed once per aggregation context.
 */
import type { IndexQuery } from '../../../engine-wasm/src/index/index.ts'
import type { ShardSearcher } from '../index/shard/shard-searcher.ts'
import { NESTED_PATH_FIELD } from '../index/mapper/nested-mapping.ts'

/** A k no shard reaches: every match. */
const ALL_MATCHES = 0x7fffffff

export class NestedBlocks {
  private readonly levels = new Map<string | null, ReadonlySet<number>>()

  constructor(private readonly shard: ShardSearcher) {}

  /** The nested documents of `path` whose parent (a document of level `scope`) is one of `docs`, ascending. */
  children(path: string, scope: string | null, docs: readonly number[]): number[] {
    const roots = this.level(null)
    const parents = this.level(scope)
    const ofPath = this.level(path)
    const out: number[] = []
    for (const parent of docs)
      for (let d = parent - 1; d >= 0 && !parents.has(d) && !roots.has(d); d--) if (ofPath.has(d)) out.push(d)
    return out.sort((a, b) => a - b)
  }

  /** The documents of level `path` (null: the roots) the nested `docs` belong to, distinct, ascending. */
  parents(path: string | null, docs: readonly number[]): number[] {
    const parents = this.level(path)
    const roots = this.level(null)
    // every live nested document has its live root after it: no walk passes the last root
    let lastRoot = -1
    for (const root of roots) lastRoot = Math.max(lastRoot, root)
    const out = new Set<number>()
    for (const child of docs) {
      let d = child + 1
      while (d < lastRoot && !parents.has(d) && !roots.has(d)) d++
      if (parents.has(d)) out.add(d)
    }
    return [...out].sort((a, b) => a - b)
  }

  private level(path: string | null): ReadonlySet<number> {
    let docs = this.levels.get(path)
    if (docs === undefined) {
      const query: IndexQuery =
        path === null
          ? { type: 'nonNested', boost: 1 }
          : { type: 'term', field: NESTED_PATH_FIELD, term: path, boost: 1 }
      docs = new Set(this.shard.searcherIndex.search(query, ALL_MATCHES).scoreDocs.map((doc) => doc.docId))
      this.levels.set(path, docs)
    }
    return docs
  }
}
