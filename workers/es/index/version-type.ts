/**
 * VersionType (org.elasticsearch.index.VersionType, 8.17): how a write's `version` is checked against the version its
 * document has, which version the write gives the document, and which versions a write or a read accepts.
 *
 * - internal: the shard counts versions itself (one more than the current, 1 for a new document); a `version` is
 *   only MATCH_ANY (none given) or MATCH_DELETED (a create: the document must not exist). Any other version is
 *   refused before it reaches the shard (DocWriteRequest.validateSeqNoBasedCASParams), but a read still compares it.
 * - external (`external_gt` too): the write's version must be higher than the current one and becomes the document's.
 * - external_gte: the same, but an equal version is accepted too.
 *
 * The special versions (org.elasticsearch.common.lucene.uid.Versions): MATCH_ANY -3, MATCH_DELETED -4, and NOT_FOUND
 * -1, the current version of an id with neither a document nor a tombstone younger than index.gc_deletes.
 */
import { illegalArgumentException } from '../errors/index.ts'

export const MATCH_ANY = -3
export const MATCH_DELETED = -4
export const NOT_FOUND = -1

export type VersionTypeName = 'internal' | 'external' | 'external_gte'

/** A request's `version` and `version_type`. */
export interface Versioning {
  version: number
  versionType: VersionTypeName
}

/** No version given: what every request carries by default. */
export const INTERNAL_MATCH_ANY: Versioning = { version: MATCH_ANY, versionType: 'internal' }

interface VersionTypeRules {
  /** `deleted`: the id has no live document (its current version is NOT_FOUND or a tombstone's). */
  isVersionConflictForWrites(current: number, expected: number, deleted: boolean): boolean
  explainConflictForWrites(current: number, expected: number): string
  isVersionConflictForReads(current: number, expected: number): boolean
  updateVersion(current: number, expected: number): number
  validateVersionForWrites(version: number): boolean
  validateVersionForReads(version: number): boolean
}

const explainForReads = (current: number, expected: number): string =>
  current === NOT_FOUND
    ? `document does not exist (expected version [${expected}])`
    : `current version [${current}] is different than the one provided [${expected}]`

/** EXTERNAL's and EXTERNAL_GTE's read check (the same for both). */
const externalConflictForReads = (current: number, expected: number): boolean =>
  expected !== MATCH_ANY && (current === NOT_FOUND || current !== expected)

const internalConflict = (current: number, expected: number, deleted: boolean): boolean => {
  if (expected === MATCH_ANY) return false
  if (expected === MATCH_DELETED) return !deleted
  return current !== expected
}

const RULES: Record<VersionTypeName, VersionTypeRules> = {
  internal: {
    isVersionConflictForWrites: internalConflict,
    explainConflictForWrites: (current, expected) => {
      if (expected === MATCH_DELETED) return `document already exists (current version [${current}])`
      return explainForReads(current, expected)
    },
    isVersionConflictForReads: (current, expected) => internalConflict(current, expected, false),
    updateVersion: (current) => (current === NOT_FOUND ? 1 : current + 1),
    validateVersionForWrites: (version) => version > 0 || version === MATCH_ANY || version === MATCH_DELETED,
    validateVersionForReads: (version) => version > 0 || version === MATCH_ANY,
  },
  external: {
    isVersionConflictForWrites: (current, expected) =>
      current !== NOT_FOUND && (expected === MATCH_ANY || current >= expected),
    explainConflictForWrites: (current, expected) =>
      `current version [${current}] is higher or equal to the one provided [${expected}]`,
    isVersionConflictForReads: externalConflictForReads,
    updateVersion: (_, expected) => expected,
    validateVersionForWrites: (version) => version >= 0,
    validateVersionForReads: (version) => version >= 0 || version === MATCH_ANY,
  },
  external_gte: {
    isVersionConflictForWrites: (current, expected) =>
      current !== NOT_FOUND && (expected === MATCH_ANY || current > expected),
    explainConflictForWrites: (current, expected) =>
      `current version [${current}] is higher than the one provided [${expected}]`,
    isVersionConflictForReads: externalConflictForReads,
    updateVersion: (_, expected) => expected,
    validateVersionForWrites: (version) => version >= 0,
    validateVersionForReads: (version) => version >= 0 || version === MATCH_ANY,
  },
}

export function versionTypeRules(name: VersionTypeName): VersionTypeRules {
  return RULES[name]
}

/** VersionType.fromString: `external_gt` is external; anything else unknown is refused. */
export function versionTypeFromString(text: string): VersionTypeName {
  if (text === 'internal' || text === 'external' || text === 'external_gte') return text
  if (text === 'external_gt') return 'external'
  throw illegalArgumentException(`No version type match [${text}]`)
}

/** The enum constant's name (VersionType.name()), as validation messages print it. */
function versionTypeConstant(name: VersionTypeName): string {
  return name.toUpperCase()
}

/** The validation error of a version its type does not take. */
export function illegalVersionValue({ version, versionType }: Versioning): string {
  return `illegal version value [${version}] for version type [${versionTypeConstant(versionType)}]`
}

/** GetRequest.validate's check of a read's version. */
export function readVersionErrors(versioning: Versioning): string[] {
  return RULES[versioning.versionType].validateVersionForReads(versioning.version)
    ? []
    : [illegalVersionValue(versioning)]
}

/** The explanation of a read's version conflict, or null when the current version satisfies it. */
export function readConflict({ version, versionType }: Versioning, current: number): string | null {
  return RULES[versionType].isVersionConflictForReads(current, version)
    ? explainForReads(current, version)
    : null
}
