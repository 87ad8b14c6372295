/**
 * ShardSearcher: what a search reads of a shard copy (ES's Engine.Searcher): the inverted index, the stored document
 * of a doc id and the nested blocks. IndexShard is one (its current view, which every refresh changes);
 * `AcquiredSearcher` is one that stays as it was when acquired (the searcher a ReaderContext holds for a scroll or a
 * point in time).
 *
 * Copy on write: an acquired searcher reads the shard's own view until the shard is about to change it (a refresh
 * with changes, a merge); then `SearcherPins.beforeChange` copies the view once (InvertedIndex.copy, SearcherDocs
 * .snapshot) and every searcher still open on it moves to that copy, so nothing is copied while the shard does not
 * change, and several contexts of one view share one copy. The copy is freed when its last searcher closes; every
 * searcher closes with its shard (a closed or deleted index frees its contexts).
 * Invariant: a doc id an acquired searcher answered keeps answering the same document until it closes.
 */
import type { InvertedIndex } from '../../../../engine-wasm/src/index/index.ts'
import type { StoredDocument } from './shard-operation.ts'
import type { SearcherDocs } from './searcher-docs.ts'

export interface ShardSearcher {
  readonly shardId: number
  readonly searcherIndex: InvertedIndex
  searchedDocument(docId: number): StoredDocument | undefined
  /** The root document of the block a searched doc id is in (itself for a root), if live. */
  blockRoot(docId: number): number | undefined
  /** The first doc id of the block a searched root document ends. */
  blockStart(docId: number): number
}

/** A copy of a shard's view, shared by the searchers that were open on it, freed with the last of them. */
class FrozenView implements ShardSearcher {
  private users = 0

  constructor(
    readonly shardId: number,
    readonly searcherIndex: InvertedIndex,
    private readonly docs: SearcherDocs,
  ) {}

  searchedDocument(docId: number): StoredDocument | undefined {
    return this.docs.get(docId)
  }

  blockRoot(docId: number): number | undefined {
    return this.docs.blockRoot(docId)
  }

  blockStart(docId: number): number {
    return this.docs.blockStart(docId)
  }

  use(): FrozenView {
    this.users++
    return this
  }

  release(): void {
    if (--this.users === 0) this.searcherIndex.free()
  }
}

export class AcquiredSearcher implements ShardSearcher {
  private frozen: FrozenView | null = null
  private closed = false

  constructor(
    private readonly live: ShardSearcher,
    private readonly pins: SearcherPins,
  ) {}

  get shardId(): number {
    return this.live.shardId
  }

  get searcherIndex(): InvertedIndex {
    return this.view().searcherIndex
  }

  searchedDocument(docId: number): StoredDocument | undefined {
    return this.view().searchedDocument(docId)
  }

  blockRoot(docId: number): number | undefined {
    return this.view().blockRoot(docId)
  }

  blockStart(docId: number): number {
    return this.view().blockStart(docId)
  }

  /** False once closed, by its context or with its shard. */
  get isOpen(): boolean {
    return !this.closed
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    this.pins.unpin(this)
    this.frozen?.release()
    this.frozen = null
  }

  /** The shard is about to change its view: from now on this searcher reads `view`. */
  freeze(view: FrozenView): void {
    this.frozen = view.use()
  }

  get isFrozen(): boolean {
    return this.frozen !== null
  }

  private view(): ShardSearcher {
    if (this.closed) throw new Error('searcher used after close')
    return this.frozen ?? this.live
  }
}

/** The searchers acquired on one shard copy (IndexShard owns one). */
export class SearcherPins {
  private readonly open = new Set<AcquiredSearcher>()

  constructor(
    private readonly live: ShardSearcher,
    /** A copy of the shard's current view (its index and doc ids). */
    private readonly copyView: () => { index: InvertedIndex; docs: SearcherDocs },
  ) {}

  acquire(): AcquiredSearcher {
    const searcher = new AcquiredSearcher(this.live, this)
    this.open.add(searcher)
    return searcher
  }

  unpin(searcher: AcquiredSearcher): void {
    this.open.delete(searcher)
  }

  /** Call before the shard changes its view: the searchers still reading it get one shared copy of it. */
  beforeChange(): void {
    const reading = [...this.open].filter((searcher) => !searcher.isFrozen)
    if (reading.length === 0) return
    const { index, docs } = this.copyView()
    const view = new FrozenView(this.live.shardId, index, docs)
    for (const searcher of reading) searcher.freeze(view)
  }

  /** The shard closes: every searcher on it closes. */
  closeAll(): void {
    for (const searcher of [...this.open]) searcher.close()
  }
}
