/**
 * What the document actions read from a request besides their own keys: the parameters every write
 * takes (`routing`, `refresh` and the compare-and-set pair `if_seq_no` / `if_primary_term`, read by
 * RestRequest.paramAsLong, then the request setters' range checks), `version` / `version_type` where the API
 * takes them (RestActions.parseVersion, VersionType.fromString), and an optional JSON body (none or
 * blank reads as `{}`, as an absent content parser leaves the request empty).
 */
import { illegalArgumentException, numberFormatException } from '../../errors/index.ts'
import { refreshPolicy, type RefreshPolicy } from '../../action/doc-write.ts'
import type { WriteConditions } from '../../action/write-validation.ts'
import {
  INTERNAL_MATCH_ANY,
  MATCH_ANY,
  versionTypeFromString,
  type Versioning,
} from '../../index/version-type.ts'
import type { XContentObject, XContentValue } from '../../xcontent/index.ts'
import { parseRequestBody } from '../request-body.ts'

export interface WriteParams extends WriteConditions {
  routing: string | null
  refresh: RefreshPolicy
}

const LONG_MIN = -(2n ** 63n)
const LONG_MAX = 2n ** 63n - 1n

/** RestRequest.paramAsLong: a Java long, or null when the parameter is absent. */
function longParam(params: ReadonlyMap<string, string>, key: string): number | null {
  const text = params.get(key)
  if (text === undefined) return null
  const value = /^[+-]?\d+$/.test(text) ? BigInt(text) : null
  if (value === null || value < LONG_MIN || value > LONG_MAX) {
    throw illegalArgumentException(
      `Failed to parse long parameter [${key}] with value [${text}]`,
      numberFormatException(text),
    )
  }
  return Number(value)
}

/** A long parameter that a request setter refuses below zero (`negative` + ` got [<value>].`). */
function nonNegativeParam(params: Map<string, string>, key: string, negative: string): number | null {
  const value = longParam(params, key)
  if (value !== null && value < 0) throw illegalArgumentException(`${negative} got [${value}].`)
  return value
}

/** The write parameters, in the order RestIndexAction reads them; `versioned`: the API takes `version` too. */
export function writeParams(params: Map<string, string>, versioned: boolean): WriteParams {
  const routing = params.get('routing') ?? null
  const refresh = refreshPolicy(params.get('refresh'))
  const versioning = versioned ? versioningParams(params) : undefined
  return {
    routing,
    refresh,
    ifSeqNo: nonNegativeParam(params, 'if_seq_no', 'sequence numbers must be non negative.'),
    ifPrimaryTerm: nonNegativeParam(params, 'if_primary_term', 'primary term must be non negative.'),
    versioning,
  }
}

/**
 * `version` (RestActions.parseVersion: absent or MATCH_ANY keeps the default's) and `version_type`
 * (VersionType.fromString(param, default)) of an index, delete, get or term vectors request.
 */
export function versioningParams(
  params: ReadonlyMap<string, string>,
  defaults: Versioning = INTERNAL_MATCH_ANY,
): Versioning {
  const version = longParam(params, 'version') ?? MATCH_ANY
  const type = params.get('version_type')
  return {
    version: version === MATCH_ANY ? defaults.version : version,
    versionType: type === undefined ? defaults.versionType : versionTypeFromString(type),
  }
}

/** XContentParser.longValue of a body's `version` (a number, or a string holding one). */
export function bodyLongValue(text: string | null): number {
  const value = Number(text)
  if (text === null || text.trim() === '' || !Number.isInteger(value)) throw numberFormatException(text ?? '')
  return value
}

export function optionalBody(text: string | null): XContentObject {
  return text === null || text.trim() === '' ? new Map<string, XContentValue>() : parseRequestBody(text)
}
