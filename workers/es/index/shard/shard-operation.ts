/**
 * What a shard copy applies and stores: a document as stored (its `_source` text exactly as sent, with routing,
 * version, seq_no and primary term), the index and delete operations the translog and replication carry, and the
 * result a write answers with. idOf and seqNoOf read the id and sequence number of either operation. An id's current
 * version and the version a primary's write gives it (VersionPlan) are what InternalEngine's plan for a primary
 * operation decides (index/version-type.ts).
 */

export interface StoredDocument {
  id: string
  /** The _source exactly as it was sent. */
  source: string
  routing: string | null
  version: number
  seqNo: number
  primaryTerm: number
  /**
   * The values of the fields mapped with `store: true` (mapper/stored-field-values.ts): a JSON object of each field's
   * values as ES prints them, in the order the document gave them; absent when the document has none. The translog and
   * replication carry no such values: every copy parses them from the source again, as ES's translog holds the source
   * only.
   */
  storedFields?: string
}

export type ShardOperation =
  | { op: 'index'; doc: StoredDocument }
  | { op: 'delete'; id: string; version: number; seqNo: number; primaryTerm: number }

/** An id's current version: NOT_FOUND (-1) with `deleted` when it has neither a document nor a young tombstone. */
export interface CurrentVersion {
  version: number
  /** No live document (InternalEngine's currentNotFoundOrDeleted). */
  deleted: boolean
}

/** The version a primary's index or delete gives its document, and whether a live document existed. */
export interface VersionPlan {
  version: number
  existed: boolean
}

export interface WriteResult {
  result: 'created' | 'updated' | 'deleted' | 'not_found'
  version: number
  seqNo: number
  primaryTerm: number
}

/** The document id an operation writes. */
export function idOf(operation: ShardOperation): string {
  return operation.op === 'index' ? operation.doc.id : operation.id
}

/** The sequence number of an operation. */
export function seqNoOf(operation: ShardOperation): number {
  return operation.op === 'index' ? operation.doc.seqNo : operation.seqNo
}
