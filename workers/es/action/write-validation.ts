/**
 * The checks a write request passes before it runs (ActionRequest.validate), on its optimistic concurrency
 * parameters: the compare-and-set pair `if_seq_no` + `if_primary_term` and `version` + `version_type`
 * (DocWriteRequest.validateSeqNoBasedCASParams: ES 8 takes a version only with external versioning), and what
 * IndexRequest.validate adds for a create, for a request without an id and for an id longer than 512 UTF-8 bytes
 * (DocWriteRequest.validateDocIdLength). Each function answers the
 * validation errors in ES's order; `validationFailed` collects them into one action_request_validation_exception.
 */
import { actionRequestValidationException } from '../errors/index.ts'
import { utf8Length } from '../xcontent/jackson-chars.ts'
import type { RequestedWriteItem } from './doc-write.ts'
import {
  INTERNAL_MATCH_ANY,
  MATCH_ANY,
  MATCH_DELETED,
  illegalVersionValue,
  versionTypeRules,
  type Versioning,
} from '../index/version-type.ts'

export interface CasParams {
  ifSeqNo: number | null
  ifPrimaryTerm: number | null
}

/** A write's conditions: the compare-and-set pair, and `version` / `version_type` (absent: none given). */
export interface WriteConditions extends CasParams {
  versioning?: Versioning
}

/** ES 8's refusal of a version under internal versioning (and of any versioning on the update API). */
export const INTERNAL_VERSIONING_REFUSED =
  'internal versioning can not be used for optimistic concurrency control. Please use `if_seq_no` and `if_primary_term` instead'

/** DocWriteRequest.MAX_DOCUMENT_ID_LENGTH_IN_BYTES. */
const MAX_DOCUMENT_ID_LENGTH_IN_BYTES = 512

/** DocWriteRequest.validateDocIdLength: an id's length is counted in UTF-8 bytes. */
function docIdLengthErrors(id: string | null): string[] {
  if (id === null) return []
  const bytes = utf8Length(id, 0, id.length)
  if (bytes <= MAX_DOCUMENT_ID_LENGTH_IN_BYTES) return []
  return [
    `id [${id}] is too long, must be no longer than ${MAX_DOCUMENT_ID_LENGTH_IN_BYTES} bytes but was: ${bytes}`,
  ]
}

/** DocWriteRequest.validateSeqNoBasedCASParams, with the version the request type resolved. */
function seqNoBasedCasErrors(request: CasParams, versioning: Versioning): string[] {
  const { version, versionType } = versioning
  const errors: string[] = []
  if (!versionTypeRules(versionType).validateVersionForWrites(version))
    errors.push(illegalVersionValue(versioning))
  if (versionType === 'internal' && version !== MATCH_ANY && version !== MATCH_DELETED)
    errors.push(INTERNAL_VERSIONING_REFUSED)
  const { ifSeqNo } = request
  // An `if_primary_term` of 0 is UNASSIGNED_PRIMARY_TERM, as none.
  const ifPrimaryTerm = request.ifPrimaryTerm ?? 0
  if (ifSeqNo !== null && (versionType !== 'internal' || version !== MATCH_ANY))
    errors.push('compare and write operations can not use versioning')
  if (ifPrimaryTerm === 0 && ifSeqNo !== null) errors.push('ifSeqNo is set, but primary term is [0]')
  if (ifPrimaryTerm !== 0 && ifSeqNo === null)
    errors.push(`ifSeqNo is unassigned, but primary term is [${ifPrimaryTerm}]`)
  return errors
}

/** The checks of a delete (DeleteRequest.validate) and of an update, whose versioning is always internal. */
export function casValidationErrors(request: WriteConditions): string[] {
  return seqNoBasedCasErrors(request, request.versioning ?? INTERNAL_MATCH_ANY)
}

/**
 * IndexRequest.validate's checks of an index or create: a create takes internal versioning and no version of its
 * own (it is MATCH_DELETED) nor compare-and-set, each refused alone; a request without an id (null) takes no
 * versioning.
 */
export function indexValidationErrors(
  request: WriteConditions,
  create: boolean,
  id: string | null,
): string[] {
  const { versionType, version } = request.versioning ?? INTERNAL_MATCH_ANY
  // IndexRequest.resolveVersionDefaults: a create without a version expects none to exist.
  const resolved = create && version === MATCH_ANY ? MATCH_DELETED : version
  if (create) {
    if (versionType !== 'internal')
      return ['create operations only support internal versioning. use index instead']
    if (resolved !== MATCH_DELETED)
      return ['create operations do not support explicit versions. use index instead']
    if (request.ifSeqNo !== null || (request.ifPrimaryTerm ?? 0) !== 0)
      return ['create operations do not support compare and set. use index instead']
  }
  const errors: string[] = []
  if (id === null && (versionType !== 'internal' || (resolved !== MATCH_DELETED && resolved !== MATCH_ANY)))
    errors.push('an id must be provided if version type or value are set')
  errors.push(...seqNoBasedCasErrors(request, { version: resolved, versionType }))
  errors.push(...docIdLengthErrors(id))
  return errors
}

/** Throws the action_request_validation_exception of `errors`, if any. */
export function validationFailed(errors: string[]): void {
  if (errors.length > 0) throw actionRequestValidationException(errors)
}

/** A write's own checks as BulkRequest.validate runs them: an index's or create's, a delete's (no update here). */
export function writeItemValidationErrors(item: RequestedWriteItem): string[] {
  if (item.op === 'index') return indexValidationErrors(item, item.create, item.id)
  return casValidationErrors(item)
}
