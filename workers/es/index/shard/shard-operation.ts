/**
 * What a shard copy applies and stores: a document as stored (its `_source` text exactly as sent, with routing,
 * version, seq_no and primary term), the index and delete operations the translog and replication carry, and the
 * result a write answers with. idOf and seqNoOf read the id and sequence number of either operation.
 */

export interface StoredDocument {
  id: string
  /** The _source exactly as it was sent. */
  source: string
  routing: string | null
  version: number
  seqNo: number
  primaryTerm: number
}

export type ShardOperation =
  | { op: 'index'; doc: StoredDocument }
  | { op: 'delete'; id: string; version: number; seqNo: number; primaryTerm: number }

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
