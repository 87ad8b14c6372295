/**
 * The primary's side of a document write (TransportShardBulkAction.executeBulkItemRequest): index,
 * create, delete and update of one document on the primary copy of its shard, with optimistic
 * concurrency control (`if_seq_no` + `if_primary_term`, and `version` with a version type) and the version
 * conflicts InternalEngine's plan for a primary operation raises; and each result's response fields
 * (DocWriteResponse.innerToXContent). The plan (planWrite) reads the id's current version once: a create is
 * internal versioning expecting no live document (MATCH_DELETED), and the version it answers is the one the
 * operation carries to the replicas and the translog.
 *
 * An item is plain data (ShardWriteItem: sources as text), since it crosses from the coordinating node
 * to the primary's node. Executing one applies it to the shard at once or changes nothing (conflicts,
 * mapping errors and a needed mapping update are raised before the shard is touched).
 */
import { NO_STORED_SCRIPTS, type StoredScriptLookup } from '../cluster/metadata/script-metadata.ts'
import {
  EsException,
  illegalArgumentException,
  versionConflictEngineException,
  versionConflictSeqNo,
  type ShardRef,
} from '../errors/index.ts'
import { parseJson, type JsonOut, type XContentObject } from '../xcontent/index.ts'
import type { IndexService, ShardWrite } from '../index/index-service.ts'
import type { IndexShard, StoredDocument, VersionPlan } from '../index/shard/index-shard.ts'
import {
  INTERNAL_MATCH_ANY,
  MATCH_DELETED,
  versionTypeRules,
  type Versioning,
} from '../index/version-type.ts'
import { isBlank, parseDocumentBody, parseRequestBody } from '../rest/request-body.ts'
import { parseUpdateRequest, prepareUpdate, type UpdatePlan } from './update-helper.ts'
import type { WriteConditions } from './write-validation.ts'
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
export type ShardWriteItem = WriteConditions & {
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
    /**
     * `text`: the update request's body; `upsertText`: the source its upsert IndexRequest (the `doc` with
     * `doc_as_upsert`) has after the coordinating node's pipelines, which the update uses in its place.
     */
    | { op: 'update'; text: string; upsertText?: string }
  )

/**
 * A write as the coordinating node receives it: an index or create item may come without an `_id`, which it
 * gets only after its pipelines ran, when it is routed (IndexRouting.process), so `ctx._id` is null in them.
 */
export type RequestedWriteItem =
  ShardWriteItem | (Omit<Extract<ShardWriteItem, { op: 'index' }>, 'id'> & { id: null })

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

function shardRef(index: IndexService, shard: IndexShard | number): ShardRef {
  const { name, uuid } = index.metadata
  return { index: name, uuid, shard: typeof shard === 'number' ? shard : shard.shardId }
}

/** True when the item is conditional on a seq_no and primary term (`if_seq_no` with `if_primary_term`). */
function hasCas(item: ShardWriteItem): boolean {
  return item.ifSeqNo !== null && item.ifPrimaryTerm !== null
}

function checkCas(
  index: IndexService,
  shard: IndexShard | number,
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

export function documentMissing(index: IndexService, shard: IndexShard | number, id: string): EsException {
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
function updatableDocument(
  index: IndexService,
  shard: IndexShard | number,
  current: StoredDocument,
): StoredDocument {
  const source = storedSource(index.metadata.mapping, current.source)
  if (source === null) {
    const { name, uuid } = index.metadata
    throw documentSourceMissing(name, uuid, shardRef(index, shard).shard, current.id)
  }
  return source === current.source ? current : { ...current, source }
}

/** A missing document's version, seq_no and primary term (Versions.NOT_FOUND, UNASSIGNED_SEQ_NO, 0). */
export const MISSING_DOCUMENT = { version: -1, seqNo: -2, primaryTerm: 0 } as const

/** A create expects no live document: internal versioning with MATCH_DELETED (IndexRequest.resolveVersionDefaults). */
const CREATE: Versioning = { version: MATCH_DELETED, versionType: 'internal' }

/**
 * InternalEngine's plan for a primary operation, past the compare-and-set check: the id's current version against the
 * request's version type (a 409 with VersionType's explanation on a conflict), and the version the operation gives it.
 */
function planWrite(
  index: IndexService,
  shard: IndexShard,
  id: string,
  { version, versionType }: Versioning,
  now: number,
): VersionPlan {
  const current = shard.currentVersion(id, now)
  const rules = versionTypeRules(versionType)
  if (rules.isVersionConflictForWrites(current.version, version, current.deleted)) {
    const explanation = rules.explainConflictForWrites(current.version, version)
    throw versionConflictEngineException(shardRef(index, shard), id, explanation)
  }
  return { version: rules.updateVersion(current.version, version), existed: !current.deleted }
}

/** Executes one item on the primary copy; `write` is null for a noop. */
export function executeOnPrimary(
  index: IndexService,
  shard: IndexShard,
  item: ShardWriteItem,
  now: number,
  scripts: StoredScriptLookup = NO_STORED_SCRIPTS,
): { result: ShardItemResult; write: ShardWrite | null } {
  // Only an update and a conditional write read the current document (planWrite finds the current version of the
  // others): no realtime GET for them.
  const current = item.op === 'update' || hasCas(item) ? shard.get(item.id) : null
  const versioning = item.versioning ?? INTERNAL_MATCH_ANY
  switch (item.op) {
    case 'index': {
      checkCas(index, shard, item, current)
      const plan = planWrite(index, shard, item.id, item.create ? CREATE : versioning, now)
      const { text, source } = parseDocumentBody(item.text)
      const { routing, dynamicTemplates } = item
      return done(index.index(shard, item.id, text, source, routing, now, plan, dynamicTemplates))
    }
    case 'delete': {
      checkCas(index, shard, item, current)
      return done(index.delete(shard, item.id, now, planWrite(index, shard, item.id, versioning, now)))
    }
    case 'update': {
      const plan = prepareShardUpdate(index, shard, item, current, now, scripts)
      if (plan.kind === 'noop') return { result: updateNoop(current), write: null }
      const next = planWrite(index, shard, item.id, INTERNAL_MATCH_ANY, now)
      if (plan.kind === 'delete') return done(index.delete(shard, item.id, now, next))
      return done(index.index(shard, item.id, plan.text, plan.source, item.routing, now, next), plan.text)
    }
  }
}

/** An update that writes nothing: the current document's version (a missing one's, for a scripted upsert's noop). */
export function updateNoop(current: StoredDocument | null): ShardItemResult {
  if (current === null) return { result: 'noop', ...MISSING_DOCUMENT }
  const { version, seqNo, primaryTerm } = current
  return { result: 'noop', version, seqNo, primaryTerm, sourceText: current.source }
}

/**
 * UpdateHelper.prepare on the copy that read `current`: the update's compare-and-set check, then what it becomes
 * (the ingested upsert, `upsertText`, in place of the request's).
 */
export function prepareShardUpdate(
  index: IndexService,
  shard: IndexShard | number,
  item: Extract<ShardWriteItem, { op: 'update' }>,
  current: StoredDocument | null,
  now: number,
  scripts: StoredScriptLookup,
): UpdatePlan {
  if (current !== null) checkCas(index, shard, item, current)
  const body = isBlank(item.text) ? (new Map() as XContentObject) : parseRequestBody(item.text)
  const request = parseUpdateRequest(body, item.text)
  if (item.upsertText !== undefined) {
    const ingested = parseJson(item.upsertText) as XContentObject
    if (request.docAsUpsert) request.doc = ingested
    else request.upsert = ingested
  }
  return prepareUpdate(
    request,
    current && updatableDocument(index, shard, current),
    (text) => parseJson(text) as XContentObject,
    () => documentMissing(index, shard, item.id),
    scripts,
    { index: index.metadata.name, id: item.id, now },
  )
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
