/**
 * IndexService: one index on this node: its metadata and its shards. Routes each document operation to
 * its shard (OperationRouting), parses and analyses documents against the mapping, and returns the
 * storage operations that persist each write (one translog record per operation, keyed by seq_no).
 * A write that fails to parse changes nothing: the mapping update is applied only after success.
 */
import type { StorageOp } from '../../storage/storage.ts'
import { sealEnvelope } from '../../storage/envelope.ts'
import type { XContentObject } from '../xcontent/index.ts'
import { shardId } from '../cluster/routing/operation-routing.ts'
import { INDEX_METADATA_VERSION, metadataKey, translogPrefix, type IndexMetadata } from './index-metadata.ts'
import type { IndexShard, ShardOperation, StoredDocument, WriteResult } from './shard/index-shard.ts'
import { parseDocument } from './mapper/document-parser.ts'
import { toAnalyzedDocument } from './mapper/field-indexer.ts'
import { numericDocValues } from './mapper/doc-values.ts'
import { IndexAnalysis } from './index-analysis.ts'

export const TRANSLOG_VERSION = 1

export interface ShardWrite {
  shard: number
  write: WriteResult
  ops: StorageOp[]
}

export class IndexService {
  constructor(
    public metadata: IndexMetadata,
    readonly shards: IndexShard[],
    /** The index's analyzers: built-ins plus those its settings define. */
    readonly analysis: IndexAnalysis = new IndexAnalysis(metadata.analysis),
  ) {}

  shardFor(id: string, routing: string | null): IndexShard {
    const n = shardId(id, routing, this.metadata.numberOfShards, this.metadata.routingNumShards)
    return this.shards[n]!
  }

  get(id: string, routing: string | null): StoredDocument | null {
    return this.shardFor(id, routing).get(id)
  }

  /** Indexes a document; throws EsException (and changes nothing) when the source does not fit the mapping. */
  index(id: string, source: string, parsed: XContentObject, routing: string | null, now: number): ShardWrite {
    const document = parseDocument(parsed, this.metadata.mapping)
    const numeric = numericDocValues(document, id)
    const shard = this.shardFor(id, routing)
    const ops: StorageOp[] = []
    if (document.mappingUpdate) {
      this.metadata = { ...this.metadata, mapping: document.mappingUpdate }
      ops.push(this.metadataOp())
    }
    const { write, operation } = shard.indexDocument(
      id,
      source,
      routing,
      (docId) => toAnalyzedDocument(docId, id, document, this.analysis.analyze, numeric),
      now,
    )
    ops.push(this.translogOp(shard.shardId, operation))
    return { shard: shard.shardId, write, ops }
  }

  delete(id: string, routing: string | null, now: number): ShardWrite {
    const shard = this.shardFor(id, routing)
    const { write, operation } = shard.deleteDocument(id, now)
    return { shard: shard.shardId, write, ops: [this.translogOp(shard.shardId, operation)] }
  }

  /** Re-applies a persisted operation at start-up. */
  replay(
    shard: number,
    operation: ShardOperation,
    parse: (source: string) => XContentObject,
    now: number,
  ): void {
    const target = this.shards[shard]!
    if (operation.op === 'delete') {
      target.apply(operation, null, now)
      return
    }
    const document = parseDocument(parse(operation.doc.source), this.metadata.mapping)
    const { id } = operation.doc
    const numeric = numericDocValues(document, id)
    target.apply(
      operation,
      (docId) => toAnalyzedDocument(docId, id, document, this.analysis.analyze, numeric),
      now,
    )
  }

  refresh(now: number): void {
    for (const shard of this.shards) shard.refresh(now)
  }

  scheduledRefresh(now: number): void {
    for (const shard of this.shards) shard.maybeScheduledRefresh(now, this.metadata.refreshIntervalMs)
  }

  metadataOp(): StorageOp {
    return {
      store: 'es',
      key: metadataKey(this.metadata.uuid),
      value: sealEnvelope(INDEX_METADATA_VERSION, this.metadata),
    }
  }

  private translogOp(shard: number, operation: ShardOperation): StorageOp {
    const seqNo = operation.op === 'index' ? operation.doc.seqNo : operation.seqNo
    return {
      store: 'es',
      key: translogPrefix(this.metadata.uuid, shard) + String(seqNo).padStart(20, '0'),
      value: sealEnvelope(TRANSLOG_VERSION, operation),
    }
  }

  close(): void {
    for (const shard of this.shards) shard.close()
  }
}
