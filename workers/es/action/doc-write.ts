/**
 * The primary's side of a document write (TransportShardBulkAction.executeBulkItemRequest): index,
 * create, delete and update of one document on the primary copy of its shard, with optimistic
 * concurrency control (`if_seq_no` + `if_primary_term`) and the version conflicts InternalEngine
 * raises; and each result's response fields (DocWriteResponse.innerToXContent).
 *
 * An item is plain data (ShardWriteItem: sources as text), since it crosses from the coordinating node
 * to the primary's node. Executing one applies it to the shard at once or changes nothing (conflicts,
 * mapping errors and a needed mapping update are raised before the shard is touched).
 */
import { NO_STORED_SCRIPTS, type StoredScriptLookup } from '../cluster/metadata/script-metadata.ts'
import {
  EsException,
  illegalArgumentException,
  versionConflictDocumentExists,
  versionConflictSeqNo,
  type ShardRef,
} from '../errors/index.ts'
import { parseJson, type JsonOut, type XContentObject } from '../xcontent/index.ts'
import type { IndexService, ShardWrite } from '../index/index-service.ts'
import type { IndexShard, StoredDocument } from '../index/shard/index-shard.ts'
import { isBlank, parseDocumentBody, parseRequestBody } from '../rest/request-body.ts'
import { parseUpdateRequest, prepareUpdate } from './update-helper.ts'
import type { CasParams } from './write-validation.ts'
import { documentSourceMissing, storedSource } from './stored-source.ts'

export type RefreshPolicy = 'none' | 'immediate' | 'wait_for'

/** WriteRequest.RefreshPolicy.parse of the `refresh` parameter. */
export function refreshPolicy(value: string | undefined): RefreshPolicy {
  if (value === undefined || value === 'false') return 'none'
  if (value === '' || value === 'true') return 'immediate'
  if (value === 'wait_for') return 'wait_for'
  throw illegalArgumentException(`Unknown value for refresh: [${value}].`)
}

/** One write as the primary receives it. */
export type ShardWriteItem = CasParams & {
  id: string
  routing: string | null
} & (
    | {
        op: 'index'
        create: boolean
        text: string
        /** A bulk item's `dynamic_templates`: the template to map each new field's path with. */
        dynamicTemplates?: Record<string, string>
      }
    | { op: 'delete' }
    /** `text`: the update request's body. */
    | { op: 'update'; text: string }
  )

export type WriteResultName = 'created' | 'updated' | 'deleted' | 'not_found' | 'noop'

/** What the primary answers for one item. */
export interface ShardItemResult {
  result: WriteResultName
  version: number
  seqNo: number
  primaryTerm: number
  /** For an update: the source after it, as JSON text, to answer `get` with. */
  sourceText?: string
}

/** ReplicationResponse.ShardInfo: the copies the write went to. */
export interface ShardInfo {
  total: number
  successful: number
  failed: number
}

export interface DocWriteResult extends ShardItemResult {
  index: string
  id: string
  shards: ShardInfo
  forcedRefresh: boolean
}

/** The HTTP status of a result, as DocWriteResponse.status() gives it. */
export function resultStatus(result: WriteResultName): number {
  return result === 'created' ? 201 : result === 'not_found' ? 404 : 200
}

function shardRef(index: IndexService, shard: IndexShard): ShardRef {
  const { name, uuid } = index.metadata
  return { index: name, uuid, shard: shard.shardId }
}

/** True when the item is conditional on a seq_no and primary term (`if_seq_no` with `if_primary_term`). */
function hasCas(item: ShardWriteItem): boolean {
  return item.ifSeqNo !== null && item.ifPrimaryTerm !== null
}

function checkCas(
  index: IndexService,
  shard: IndexShard,
  item: ShardWriteItem,
  current: StoredDocument | null,
): void {
  const { ifSeqNo, ifPrimaryTerm } = item
  if (ifSeqNo === null || ifPrimaryTerm === null) return
  if (current !== null && current.seqNo === ifSeqNo && current.primaryTerm === ifPrimaryTerm) return
  throw versionConflictSeqNo(
    shardRef(index, shard),
    item.id,
    { seqNo: ifSeqNo, primaryTerm: ifPrimaryTerm },
    current === null ? null : { seqNo: current.seqNo, primaryTerm: current.primaryTerm },
  )
}

export function documentMissing(index: IndexService, shard: IndexShard, id: string): EsException {
  const ref = shardRef(index, shard)
  return new EsException({
    type: 'document_missing_exception',
    reason: `[${id}]: document missing`,
    status: 404,
    metadata: [
      ['index_uuid', ref.uuid],
      ['shard', String(ref.shard)],
      ['index', ref.index],
    ],
  })
}

/** An applied write's result (with the source after it, for an update). */
function done(write: ShardWrite, sourceText?: string): { result: ShardItemResult; write: ShardWrite } {
  return { result: sourceText === undefined ? { ...write.write } : { ...write.write, sourceText }, write }
}

/** UpdateHelper.prepare: an update reads the source the mapping stored, and fails when it stored none. */
function updatableDocument(index: IndexService, shard: IndexShard, current: StoredDocument): StoredDocument {
  const source = storedSource(index.metadata.mapping, current.source)
  if (source === null) {
    const { name, uuid } = index.metadata
    throw documentSourceMissing(name, uuid, shard.shardId, current.id)
  }
  return source === current.source ? current : { ...current, source }
}

/** A missing document's version, seq_no and primary term (Versions.NOT_FOUND, UNASSIGNED_SEQ_NO, 0). */
export const MISSING_DOCUMENT = { version: -1, seqNo: -2, primaryTerm: 0 } as const

/** Executes one item on the primary copy; `write` is null for a noop. */
export function executeOnPrimary(
  index: IndexService,
  shard: IndexShard,
  item: ShardWriteItem,
  now: number,
  scripts: StoredScriptLookup = NO_STORED_SCRIPTS,
): { result: ShardItemResult; write: ShardWrite | null } {
  // Only an update, a create and a conditional write read the current document (the shard finds the version a
  // plain index or delete replaces): no realtime GET for the others.
  const readsCurrent = item.op === 'update' || (item.op === 'index' && item.create) || hasCas(item)
  const current = readsCurrent ? shard.get(item.id) : null
  switch (item.op) {
    case 'index': {
      if (item.create && current)
        throw versionConflictDocumentExists(shardRef(index, shard), item.id, current.version)
      checkCas(index, shard, item, current)
      const { text, source } = parseDocumentBody(item.text)
      return done(index.index(shard, item.id, text, source, item.routing, now, item.dynamicTemplates))
    }
    case 'delete':
      checkCas(index, shard, item, current)
      return done(index.delete(shard, item.id, now))
    case 'update': {
      if (current !== null) checkCas(index, shard, item, current)
      const body = isBlank(item.text) ? (new Map() as XContentObject) : parseRequestBody(item.text)
      const request = parseUpdateRequest(body, item.text)
      const plan = prepareUpdate(
        request,
        current && updatableDocument(index, shard, current),
        (text) => parseJson(text) as XContentObject,
        () => documentMissing(index, shard, item.id),
        scripts,
        { index: index.metadata.name, id: item.id, now },
      )
      if (plan.kind === 'delete') return done(index.delete(shard, item.id, now))
      if (plan.kind === 'noop') {
        // A scripted upsert that did nothing answers the missing document's GetResult.
        if (current === null) return { result: { result: 'noop', ...MISSING_DOCUMENT }, write: null }
        const { version, seqNo, primaryTerm } = current
        return {
          result: { result: 'noop', version, seqNo, primaryTerm, sourceText: current.source },
          write: null,
        }
      }
      return done(index.index(shard, item.id, plan.text, plan.source, item.routing, now), plan.text)
    }
  }
}

/** DocWriteResponse.innerToXContent: `_index` … `_primary_term`. */
export function docWriteFields(result: DocWriteResult): Map<string, JsonOut> {
  const fields = new Map<string, JsonOut>([
    ['_index', result.index],
    ['_id', result.id],
    ['_version', result.version],
    ['result', result.result],
  ])
  if (result.forcedRefresh) fields.set('forced_refresh', true)
  fields.set('_shards', { ...result.shards })
  // An unassigned seq_no (a document an ingest pipeline dropped) is left out.
  if (result.seqNo >= 0) {
    fields.set('_seq_no', result.seqNo)
    fields.set('_primary_term', result.primaryTerm)
  }
  return fields
}
