/**
 * The primary's side of a document write (TransportShardBulkAction.executeBulkItemRequest on one
 * node): index, create, delete and update of one document, with optimistic concurrency control
 * (`if_seq_no` + `if_primary_term`) and the version conflicts InternalEngine raises, and each
 * result's response fields (DocWriteResponse.innerToXContent).
 *
 * Every operation is applied at once to its shard (a failing one changes nothing: conflicts and
 * mapping errors are raised before the shard is touched) and its storage operations are collected
 * in a WriteBatch, which the REST action persists once, then refreshes the touched shards as
 * `refresh=true|wait_for` asks. Indices missing for index, create and update are created with the
 * defaults (action.auto_create_index); a delete never creates one.
 */
import type { StorageOp } from '../../storage/storage.ts'
import {
  EsException,
  illegalArgumentException,
  indexNotFoundException,
  versionConflictDocumentExists,
  versionConflictSeqNo,
  type ShardRef,
} from '../errors/index.ts'
import { parseJson, type JsonOut, type XContentObject } from '../xcontent/index.ts'
import type { IndexService, ShardWrite } from '../index/index-service.ts'
import type { StoredDocument } from '../index/shard/index-shard.ts'
import type { RestContext } from '../rest/rest-context.ts'
import { prepareUpdate, type UpdateRequest } from './update-helper.ts'
import type { CasParams } from './write-validation.ts'
import { DEFAULT_INDEX_SETTINGS } from '../index/index-metadata.ts'

export type RefreshPolicy = 'none' | 'immediate' | 'wait_for'

/** WriteRequest.RefreshPolicy.parse of the `refresh` parameter. */
export function refreshPolicy(value: string | undefined): RefreshPolicy {
  if (value === undefined || value === 'false') return 'none'
  if (value === '' || value === 'true') return 'immediate'
  if (value === 'wait_for') return 'wait_for'
  throw illegalArgumentException(`Unknown value for refresh: [${value}].`)
}

export interface DocWriteRequest extends CasParams {
  index: string
  id: string
  routing: string | null
}

export interface DocWriteResult {
  index: IndexService
  id: string
  result: 'created' | 'updated' | 'deleted' | 'not_found' | 'noop'
  version: number
  seqNo: number
  primaryTerm: number
  /** The shard copies written: none for a noop. */
  copies: number
  /** For an update: the source after it, to answer `_source` with. */
  source?: XContentObject
}

/** The HTTP status of a result, as DocWriteResponse.status() gives it. */
export function resultStatus(result: DocWriteResult['result']): number {
  return result === 'created' ? 201 : result === 'not_found' ? 404 : 200
}

export class WriteBatch {
  readonly ops: StorageOp[] = []
  private readonly touched = new Map<IndexService, Set<number>>()

  constructor(private readonly context: RestContext) {}

  /** The index a write goes to, created with the defaults when missing. */
  indexForWrite(name: string): IndexService {
    const existing = this.context.indices.get(name)
    if (existing) return existing
    const { index, op } = this.context.indices.create({
      name,
      ...DEFAULT_INDEX_SETTINGS,
      mapping: { properties: {} },
    })
    this.ops.push(op)
    return index
  }

  record(index: IndexService, write: ShardWrite): void {
    this.ops.push(...write.ops)
    const shards = this.touched.get(index) ?? new Set<number>()
    shards.add(write.shard)
    this.touched.set(index, shards)
  }

  /** Persists the batch in one storage write, then refreshes as asked; true when a refresh was forced. */
  async commit(policy: RefreshPolicy): Promise<boolean> {
    if (this.ops.length > 0) await this.context.storage.write(this.ops)
    if (policy === 'none') return false
    const now = this.context.clock.now()
    for (const [index, shards] of this.touched) for (const shard of shards) index.shards[shard]!.refresh(now)
    return policy === 'immediate' && this.touched.size > 0
  }
}

function shardRef(index: IndexService, id: string, routing: string | null): ShardRef {
  const { name, uuid } = index.metadata
  return { index: name, uuid, shard: index.shardFor(id, routing).shardId }
}

function checkCas(
  index: IndexService,
  request: DocWriteRequest,
  id: string,
  current: StoredDocument | null,
): void {
  const { ifSeqNo, ifPrimaryTerm } = request
  if (ifSeqNo === null || ifPrimaryTerm === null) return
  if (current !== null && current.seqNo === ifSeqNo && current.primaryTerm === ifPrimaryTerm) return
  throw versionConflictSeqNo(
    shardRef(index, id, request.routing),
    id,
    { seqNo: ifSeqNo, primaryTerm: ifPrimaryTerm },
    current === null ? null : { seqNo: current.seqNo, primaryTerm: current.primaryTerm },
  )
}

function written(
  batch: WriteBatch,
  index: IndexService,
  id: string,
  write: ShardWrite,
  source?: XContentObject,
): DocWriteResult {
  batch.record(index, write)
  const { result, version, seqNo, primaryTerm } = write.write
  return { index, id, result, version, seqNo, primaryTerm, copies: 1, ...(source ? { source } : {}) }
}

export interface IndexRequest extends DocWriteRequest {
  create: boolean
  text: string
  source: XContentObject
}

export function executeIndex(batch: WriteBatch, request: IndexRequest, now: number): DocWriteResult {
  const index = batch.indexForWrite(request.index)
  const { id, routing } = request
  const current = index.get(id, routing)
  if (request.create && current)
    throw versionConflictDocumentExists(shardRef(index, id, routing), id, current.version)
  checkCas(index, request, id, current)
  return written(batch, index, id, index.index(id, request.text, request.source, routing, now))
}

export function executeDelete(
  batch: WriteBatch,
  context: RestContext,
  request: DocWriteRequest,
  now: number,
): DocWriteResult {
  const index = context.indices.get(request.index)
  if (!index) throw indexNotFoundException(request.index)
  checkCas(index, request, request.id, index.get(request.id, request.routing))
  return written(batch, index, request.id, index.delete(request.id, request.routing, now))
}

export function documentMissing(index: IndexService, id: string, routing: string | null): EsException {
  const ref = shardRef(index, id, routing)
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

export function executeUpdate(
  batch: WriteBatch,
  request: DocWriteRequest,
  update: UpdateRequest,
  now: number,
): DocWriteResult {
  const index = batch.indexForWrite(request.index)
  const { id, routing } = request
  const current = index.get(id, routing)
  if (current !== null) checkCas(index, request, id, current)
  const plan = prepareUpdate(
    update,
    current,
    (text) => parseJson(text) as XContentObject,
    () => documentMissing(index, id, routing),
  )
  if (plan.kind === 'delete') return written(batch, index, id, index.delete(id, routing, now))
  if (plan.kind === 'noop') {
    const { version, seqNo, primaryTerm } = current!
    return { index, id, result: 'noop', version, seqNo, primaryTerm, copies: 0, source: plan.source }
  }
  return written(batch, index, id, index.index(id, plan.text, plan.source, routing, now), plan.source)
}

/** DocWriteResponse.innerToXContent: `_index` … `_primary_term`. */
export function docWriteFields(
  context: RestContext,
  result: DocWriteResult,
  forcedRefresh: boolean,
): Map<string, JsonOut> {
  const { metadata } = result.index
  const total = result.copies === 0 ? 0 : metadata.numberOfReplicas + 1
  const fields = new Map<string, JsonOut>([
    ['_index', metadata.name],
    ['_id', result.id],
    ['_version', result.version],
    ['result', result.result],
  ])
  if (forcedRefresh && result.copies > 0) fields.set('forced_refresh', true)
  fields.set('_shards', {
    total,
    successful: result.copies === 0 ? 0 : context.activeCopies(metadata.numberOfReplicas),
    failed: 0,
  })
  fields.set('_seq_no', result.seqNo)
  fields.set('_primary_term', result.primaryTerm)
  return fields
}

/** Runs one write in its own batch: persisted (auto-created index included) even when the write fails. */
export async function runWrite(
  context: RestContext,
  refresh: RefreshPolicy,
  run: (batch: WriteBatch) => DocWriteResult,
): Promise<{ result: DocWriteResult; forced: boolean }> {
  const batch = new WriteBatch(context)
  let result: DocWriteResult
  try {
    result = run(batch)
  } catch (error) {
    await batch.commit('none')
    throw error
  }
  return { result, forced: await batch.commit(refresh) }
}
