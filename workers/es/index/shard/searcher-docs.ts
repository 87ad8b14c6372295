/**
 * SearcherDocs: what a shard copy's Lucene doc ids stand for. Every refresh's documents (and every segment a
 * commit restores) are one block of stored fields bytes (stored-fields.ts); doc id d is entry `entry[d]` of block
 * `block[d]`, live unless `deleted[d]`, and is decoded only when read. Every doc id below maxDoc keeps the byte
 * size of what was indexed there (the `_id` and `_source` in UTF-8) until a merge drops it, which is what a
 * segment weighs.
 * An `_id` is looked up as Lucene does, in the inverted index's `_id` terms (`findLive`), until the lookups have
 * cost about what decoding every `_id` once costs: then an `_id` -> live doc id map (searcher-id-table.ts: typed
 * arrays, the `_id`s stay in the stored fields) is built and kept up to date; a lookup in an empty searcher needs no
 * term lookup and is not counted. So opening a stored commit reads nothing per document, a GET after it costs one
 * term lookup, a new copy loaded by a bulk keeps no map until lookups start to cost, and a copy taking many writes
 * on its searched documents pays for the map once. A decoded document is remembered weakly, so that a reader holding it (the doc
 * values cache) sees the same object again.
 * A nested document (of a document with nested objects, placed right before it: a block) has an empty stored record
 * and no `_id`; it is never answered by `get`, and is deleted with its root document (`delete`: the block is the run
 * of live documents without an `_id` right before the root).
 * Invariants: doc ids are dense, handed out at maxDoc in order; an `_id` maps to at most one live doc id; after a
 * merge or a dropped segment, remap(docMap) renumbers everything exactly as the inverted index did; a block no doc
 * id refers to any more is dropped.
 */
import type { StoredFieldsCompressor } from '../../../../engine-wasm/src/index/index.ts'
import type { StoredDocument } from './index-shard.ts'
import { IdTable } from './searcher-id-table.ts'
import { openStoredFields, StoredFieldsWriter, type StoredFieldsReader } from './stored-fields.ts'

/** The map is built once lookups x this exceed maxDoc (a term lookup costs about this many `_id` decodes). */
const LOOKUPS_PER_ID_MAP = 32

export class SearcherDocs {
  private blocks: Array<StoredFieldsReader | null> = []
  private block = new Int32Array(16)
  private entry = new Int32Array(16)
  private deleted = new Uint8Array(16)
  private count = 0
  private byId: IdTable | null = null
  private lookups = 0
  private decoded: Array<WeakRef<StoredDocument> | undefined> = []

  /**
   * `findLive`: the live doc id of an `_id` in the inverted index (a term query on `_id`), if any; `compressor`:
   * what the stored fields blocks are compressed with (the index engine's).
   */
  constructor(
    private readonly findLive: (id: string) => number | undefined,
    private readonly compressor: StoredFieldsCompressor,
  ) {}

  get maxDoc(): number {
    return this.count
  }

  /**
   * Adds documents at the next doc ids, as one block of stored fields, the `deleted` local ids (ascending) not
   * live (documents replaced before they were ever searched); returns the first doc id.
   */
  addDocuments(docs: ReadonlyArray<StoredDocument | null>, deleted: readonly number[] = []): number {
    // A record is a routing varint (one byte without routing), the routing and the source.
    let idChars = 0
    let sourceChars = 0
    for (const doc of docs) {
      if (!doc) continue
      idChars += doc.id.length
      sourceChars += 1 + (doc.routing?.length ?? 0) + doc.source.length
    }
    const writer = new StoredFieldsWriter(this.compressor, { idChars, sourceChars })
    for (const doc of docs) {
      if (doc) writer.addDocument(doc)
      else writer.addDeleted(0)
    }
    const docBase = this.appendBlock(openStoredFields(writer.finish()), deleted)
    if (this.byId) {
      for (let d = docBase; d < this.count; d++) {
        const doc = docs[d - docBase]
        if (doc && !this.deleted[d]) this.byId.set(doc.id, d)
      }
    }
    return docBase
  }

  /**
   * Appends a stored segment's stored fields at the next doc ids, the `deleted` local ids (ascending) not live (a
   * copy recovering from its last commit); returns the first doc id.
   */
  addSegment(reader: StoredFieldsReader, deleted: readonly number[]): number {
    const docBase = this.appendBlock(reader, deleted)
    if (this.byId) for (let d = docBase; d < this.count; d++) this.indexId(d)
    return docBase
  }

  private appendBlock(reader: StoredFieldsReader, deleted: readonly number[]): number {
    const docBase = this.count
    this.grow(docBase + reader.maxDoc)
    const blockId = this.blocks.push(reader) - 1
    this.block.fill(blockId, docBase, docBase + reader.maxDoc)
    for (let local = 0; local < reader.maxDoc; local++) this.entry[docBase + local] = local
    for (const local of deleted) this.deleted[docBase + local] = 1
    this.count += reader.maxDoc
    return docBase
  }

  /** The live doc id of an `_id`, if any. */
  docId(id: string): number | undefined {
    // An empty searcher answers without a term lookup: such lookups (a new copy's first writes) cost nothing to repay.
    if (this.count === 0) return undefined
    if (!this.byId && ++this.lookups * LOOKUPS_PER_ID_MAP > this.count) this.buildIdMap()
    if (this.byId) return this.byId.get(id)
    const docId = this.findLive(id)
    return docId === undefined || this.deleted[docId] ? undefined : docId
  }

  /**
   * Marks the live document with this `_id` deleted, with its nested documents; its block's doc ids (`end` is its
   * own), or undefined when it had none.
   */
  delete(id: string): { start: number; end: number } | undefined {
    const docId = this.docId(id)
    if (docId === undefined) return undefined
    this.byId?.delete(id)
    const start = this.blockStart(docId)
    this.deleted.fill(1, start, docId + 1)
    this.decoded[docId] = undefined
    return { start, end: docId }
  }

  /** The live root document of the block a live nested document (or root) is in, if any. */
  blockRoot(docId: number): number | undefined {
    let d = docId
    while (d < this.count && !this.deleted[d] && this.reader(d).id(this.entry[d]!) === null) d++
    return d < this.count && !this.deleted[d] ? d : undefined
  }

  /** The first doc id of the block a live root document ends: its nested documents come right before it. */
  blockStart(docId: number): number {
    let start = docId
    while (
      start > 0 &&
      !this.deleted[start - 1] &&
      this.reader(start - 1).id(this.entry[start - 1]!) === null
    )
      start--
    return start
  }

  get(docId: number): StoredDocument | undefined {
    if (docId >= this.count || this.deleted[docId]) return undefined
    const known = this.decoded[docId]?.deref()
    if (known) return known
    const doc = this.reader(docId).document(this.entry[docId]!) ?? undefined
    if (doc) this.decoded[docId] = new WeakRef(doc)
    return doc
  }

  version(docId: number): number {
    return this.reader(docId).version(this.entry[docId]!)
  }

  seqNo(docId: number): number {
    return this.reader(docId).seqNo(this.entry[docId]!)
  }

  /** How many doc ids are live. */
  get liveCount(): number {
    let live = 0
    for (let d = 0; d < this.count; d++) live += 1 - this.deleted[d]!
    return live
  }

  /** The live doc ids, ascending. */
  *liveDocIds(): Generator<number> {
    for (let d = 0; d < this.count; d++) if (!this.deleted[d]) yield d
  }

  /** The local ids deleted among doc ids [docBase, docBase + maxDoc), ascending. */
  deletedIn(docBase: number, maxDoc: number): number[] {
    const out: number[] = []
    for (let d = docBase; d < docBase + maxDoc; d++) if (this.deleted[d]) out.push(d - docBase)
    return out
  }

  /**
   * The stored fields of doc ids [docBase, docBase + maxDoc), what a commit stores for that segment: the block's
   * bytes as they are when the segment is one whole block, else its documents copied record by record (deleted
   * documents as empty records).
   */
  storedFields(docBase: number, maxDoc: number): Uint8Array {
    const first = this.reader(docBase)
    let whole = first.maxDoc === maxDoc
    for (let d = docBase; whole && d < docBase + maxDoc; d++)
      whole = this.block[d] === this.block[docBase] && this.entry[d] === d - docBase
    if (whole) return first.bytes
    const writer = new StoredFieldsWriter(this.compressor)
    for (let d = docBase; d < docBase + maxDoc; d++)
      writer.addCopy(this.reader(d), this.entry[d]!, this.deleted[d] === 1)
    return writer.finish()
  }

  /** The bytes indexed at doc ids [docBase, docBase + maxDoc), deleted documents included. */
  sizeInBytes(docBase: number, maxDoc: number): number {
    let size = 0
    for (let d = docBase; d < docBase + maxDoc; d++) size += this.reader(d).size(this.entry[d]!)
    return size
  }

  /**
   * A copy of this view as it is now (a point-in-time reader's), looking `_id`s up with `findLive`: the stored fields
   * blocks are shared (they never change), the doc id tables copied.
   */
  snapshot(findLive: (id: string) => number | undefined): SearcherDocs {
    const copy = new SearcherDocs(findLive, this.compressor)
    copy.blocks = [...this.blocks]
    copy.block = this.block.slice()
    copy.entry = this.entry.slice()
    copy.deleted = this.deleted.slice()
    copy.count = this.count
    return copy
  }

  /** Follows a rewrite of the index: docMap[old doc id] is the new one, -1 for a dropped document. */
  remap(docMap: Int32Array): void {
    const block = new Int32Array(this.block.length)
    const entry = new Int32Array(this.entry.length)
    const deleted = new Uint8Array(this.deleted.length)
    let count = 0
    for (let old = 0; old < docMap.length; old++) {
      const to = docMap[old]!
      if (to < 0) continue
      block[to] = this.block[old]!
      entry[to] = this.entry[old]!
      deleted[to] = this.deleted[old]!
      count = Math.max(count, to + 1)
    }
    this.block = block
    this.entry = entry
    this.deleted = deleted
    this.count = count
    this.decoded = []
    const used = new Set(block.subarray(0, count))
    this.blocks = this.blocks.map((reader, blockId) => (used.has(blockId) ? reader : null))
    this.byId?.remap(docMap)
  }

  private reader(docId: number): StoredFieldsReader {
    const reader = this.blocks[this.block[docId]!]
    if (!reader || docId >= this.count) throw new RangeError(`doc id ${docId} holds no stored fields`)
    return reader
  }

  private buildIdMap(): void {
    this.byId = new IdTable((docId) => this.reader(docId).id(this.entry[docId]!))
    for (let d = 0; d < this.count; d++) this.indexId(d)
  }

  private indexId(docId: number): void {
    if (this.deleted[docId]) return
    const id = this.reader(docId).id(this.entry[docId]!)
    if (id !== null) this.byId?.set(id, docId)
  }

  private grow(size: number): void {
    if (size <= this.block.length) return
    const capacity = Math.max(size, this.block.length * 2)
    const grown = <T extends Int32Array | Uint8Array>(from: T, to: T): T => {
      to.set(from)
      return to
    }
    this.block = grown(this.block, new Int32Array(capacity))
    this.entry = grown(this.entry, new Int32Array(capacity))
    this.deleted = grown(this.deleted, new Uint8Array(capacity))
  }
}
