/**
 * SearcherDocs: what a shard copy's Lucene doc ids stand for. Global doc id d (segment docBase + local id) holds
 * the stored document indexed there, or nothing once deleted; every doc id below maxDoc keeps the byte size of what
 * was indexed there (the `_id` and `_source` in UTF-8) until a merge drops it, which is what a segment weighs.
 * Invariants: doc ids are dense, handed out at maxDoc in order; an `_id` maps to at most one live doc id; after a
 * merge or a dropped segment, remap(docMap) renumbers everything exactly as the inverted index did.
 */
import type { StoredDocument } from './index-shard.ts'
import type { StoredSlot } from './stored-fields.ts'
import { utf8Length } from '../../xcontent/jackson-chars.ts'

export class SearcherDocs {
  private docs: Array<StoredDocument | null> = []
  private bytes: number[] = []
  private readonly byId = new Map<string, number>()

  get maxDoc(): number {
    return this.docs.length
  }

  /** Adds a document at the next doc id, which it returns. */
  add(doc: StoredDocument): number {
    const docId = this.docs.length
    this.docs.push(doc)
    this.bytes.push(utf8Length(doc.id, 0, doc.id.length) + utf8Length(doc.source, 0, doc.source.length))
    this.byId.set(doc.id, docId)
    return docId
  }

  /** The slots of doc ids [docBase, docBase + maxDoc): what a segment's stored fields hold (stored-fields.ts). */
  slots(docBase: number, maxDoc: number): StoredSlot[] {
    const slots: StoredSlot[] = []
    for (let d = docBase; d < docBase + maxDoc; d++)
      slots.push({ doc: this.docs[d] ?? null, bytes: this.bytes[d] ?? 0 })
    return slots
  }

  /** Appends a stored segment's slots at the next doc ids (a copy recovering from its last commit). */
  addSlots(slots: readonly StoredSlot[]): void {
    for (const { doc, bytes } of slots) {
      if (doc) this.byId.set(doc.id, this.docs.length)
      this.docs.push(doc)
      this.bytes.push(bytes)
    }
  }

  /** Marks the live document with this `_id` deleted; its doc id, or undefined when it had none. */
  delete(id: string): number | undefined {
    const docId = this.byId.get(id)
    if (docId === undefined) return undefined
    this.byId.delete(id)
    this.docs[docId] = null
    return docId
  }

  get(docId: number): StoredDocument | undefined {
    return this.docs[docId] ?? undefined
  }

  /** The bytes indexed at doc ids [docBase, docBase + maxDoc), deleted documents included. */
  sizeInBytes(docBase: number, maxDoc: number): number {
    let size = 0
    for (let d = docBase; d < docBase + maxDoc; d++) size += this.bytes[d] ?? 0
    return size
  }

  /** Follows a rewrite of the index: docMap[old doc id] is the new one, -1 for a dropped document. */
  remap(docMap: Int32Array): void {
    const docs: Array<StoredDocument | null> = []
    const bytes: number[] = []
    for (let old = 0; old < docMap.length; old++) {
      const to = docMap[old]!
      if (to < 0) continue
      docs[to] = this.docs[old] ?? null
      bytes[to] = this.bytes[old] ?? 0
    }
    this.docs = docs
    this.bytes = bytes
    this.byId.clear()
    docs.forEach((doc, docId) => {
      if (doc) this.byId.set(doc.id, docId)
    })
  }
}
