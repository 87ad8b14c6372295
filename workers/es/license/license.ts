/**
 * The cluster's license (x-pack License and LicensesMetadata) and the self-generated basic license the elected
 * master installs when the cluster state holds none (StartupSelfGeneratedLicenseTask, task source
 * `maybe generate license for cluster`).
 *
 * Format: `LicensesMetadata` rides in the cluster state's metadata as plain data, so it is published, persisted
 * and restored with the rest of the metadata; once there it never changes by itself, so its uid and issue date
 * are stable across calls, master changes and restarts.
 * Invariants: a self-generated basic license has max_nodes 1000, no max_resource_units, issuer `elasticsearch`,
 * issued_to the cluster name, no start date (-1) and never expires (`expiryDateMillis` null stands for ES's
 * BASIC_SELF_GENERATED_LICENSE_EXPIRATION_MILLIS, Long.MAX_VALUE minus 365 days, which it never prints).
 *
 * The uid is a version-4 UUID as UUID.randomUUID() prints it. ES draws it from a SecureRandom; here its bytes come
 * from a Random seeded by the cluster uuid and the issue time, so that drawing it does not shift the node's own
 * seeded sequence (index uuids, allocation ids) — see docs/DEVIATIONS.md.
 */
import { Random } from '../../net/random.ts'
import { javaStringHashCode } from '../../net/java-hash.ts'
import type { ClusterState } from '../cluster/state/cluster-state.ts'
import type { JsonOut } from '../xcontent/index.ts'

export type LicenseType = 'basic' | 'trial'

export interface License {
  readonly uid: string
  readonly type: LicenseType
  readonly issueDateMillis: number
  /** Null: the basic license that never expires. */
  readonly expiryDateMillis: number | null
  readonly maxNodes: number
  readonly issuedTo: string
  readonly issuer: string
}

export interface LicensesMetadata {
  readonly license: License
}

export const SELF_GENERATED_LICENSE_TASK_SOURCE = 'maybe generate license for cluster'

const SELF_GENERATED_MAX_NODES = 1000

/** StartupSelfGeneratedLicenseTask.execute: the state with a basic license added, or unchanged when it has one. */
export function withSelfGeneratedLicense(state: ClusterState, now: number): ClusterState {
  if (state.metadata.license !== undefined) return state
  const license: License = {
    uid: licenseUid(state.clusterUuid, now),
    type: 'basic',
    issueDateMillis: now,
    expiryDateMillis: null,
    maxNodes: SELF_GENERATED_MAX_NODES,
    issuedTo: state.clusterName,
    issuer: 'elasticsearch',
  }
  return { ...state, metadata: { ...state.metadata, license: { license } } }
}

/** License.status(): `invalid` before the issue date, `expired` after the expiry date, else `active`. */
export function licenseStatus(license: License, now: number): 'active' | 'invalid' | 'expired' {
  if (license.issueDateMillis > now) return 'invalid'
  if (license.expiryDateMillis !== null && license.expiryDateMillis < now) return 'expired'
  return 'active'
}

/**
 * License.toInnerXContent in the REST view (RestGetLicenseAction): status first, the issue date written
 * human-readable before its millis, no signature, max_nodes and max_resource_units (null when unset), then
 * start_date_in_millis, whose readable form appears only under `?human`.
 */
export function licenseRestView(license: License, now: number, human: boolean): Map<string, JsonOut> {
  const out = new Map<string, JsonOut>([
    ['status', licenseStatus(license, now)],
    ['uid', license.uid],
    ['type', license.type],
    ['issue_date', isoDate(license.issueDateMillis)],
    ['issue_date_in_millis', license.issueDateMillis],
  ])
  if (license.expiryDateMillis !== null) {
    out.set('expiry_date', isoDate(license.expiryDateMillis))
    out.set('expiry_date_in_millis', license.expiryDateMillis)
  }
  out.set('max_nodes', license.maxNodes)
  out.set('max_resource_units', null)
  out.set('issued_to', license.issuedTo)
  out.set('issuer', license.issuer)
  if (human) out.set('start_date', isoDate(-1))
  out.set('start_date_in_millis', -1)
  return out
}

/** XContentBuilder.timeField's readable form: strict_date_optional_time in UTC, milliseconds always shown. */
function isoDate(millis: number): string {
  return new Date(millis).toISOString()
}

function licenseUid(clusterUuid: string, now: number): string {
  const random = new Random(javaStringHashCode(clusterUuid) ^ Math.floor(now % 0x1_0000_0000))
  const bytes = random.bytes(16)
  bytes[6] = (bytes[6]! & 0x0f) | 0x40
  bytes[8] = (bytes[8]! & 0x3f) | 0x80
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
