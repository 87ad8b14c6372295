/**
 * The exceptions of ES 8's snapshots package as the REST layer renders them; each names its snapshot as
 * `[<repository>:<snapshot>]` (SnapshotException, with `/<uuid>` once the snapshot's uuid is known):
 * - SnapshotMissingException, 404: `[repo:snap] is missing`;
 * - InvalidSnapshotNameException, 400: `[repo:snap] Invalid snapshot name [snap], <why>`;
 * - SnapshotRestoreException, 500: `[repo:snap/uuid] <why>`.
 */
import { EsException } from '../errors/index.ts'

export function snapshotMissingException(repository: string, snapshot: string): EsException {
  return new EsException({
    type: 'snapshot_missing_exception',
    reason: `[${repository}:${snapshot}] is missing`,
    status: 404,
  })
}

export function invalidSnapshotNameException(repository: string, snapshot: string, why: string): EsException {
  return new EsException({
    type: 'invalid_snapshot_name_exception',
    reason: `[${repository}:${snapshot}] Invalid snapshot name [${snapshot}], ${why}`,
    status: 400,
  })
}

export function snapshotRestoreException(
  repository: string,
  snapshot: string,
  uuid: string,
  why: string,
): EsException {
  return new EsException({
    type: 'snapshot_restore_exception',
    reason: `[${repository}:${snapshot}/${uuid}] ${why}`,
    status: 500,
  })
}
