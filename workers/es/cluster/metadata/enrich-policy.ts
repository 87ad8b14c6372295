/**
 * EnrichPolicy as ES 8.17's x-pack enrich keeps it in the cluster state (EnrichMetadata), parsed from a PUT
 * _enrich/policy body (EnrichPolicy.fromXContent: `{"<type>": {indices, match_field, enrich_fields, query}}`)
 * and rendered for GET as NamedPolicy (`{"<type>": {"name", "query", "indices", "match_field",
 * "enrich_fields"}}`). The enrich index of a run is `.enrich-<name>-<millis>`, reached through the alias
 * `.enrich-<name>`.
 *
 * Stored shape: the query as the compact JSON text of the object given; indices and enrich_fields as lists.
 * EnrichStore.putPolicy's checks (name as an index name, lowercase, a supported type) are `validatePolicy`.
 */
import {
  EsException,
  illegalArgumentException,
  parsingException,
  validateIndexName,
} from '../../errors/index.ts'
import { RawJson, toJson, type JsonOut, type XContentValue } from '../../xcontent/index.ts'
import { fieldParseError } from './field-parse-error.ts'

export type EnrichPolicyType = 'match' | 'range' | 'geo_match'

/** EnrichPolicy.SUPPORTED_POLICY_TYPES, in their declared order. */
const SUPPORTED_TYPES: readonly EnrichPolicyType[] = ['match', 'geo_match', 'range']

export interface EnrichPolicyMetadata {
  readonly type: EnrichPolicyType
  readonly indices: readonly string[]
  readonly matchField: string
  readonly enrichFields: readonly string[]
  /** Compact JSON of the query object, or absent. */
  readonly query?: string
}

/** EnrichPolicy.getBaseName: the alias of a policy's current enrich index. */
export function enrichIndexBaseName(policy: string): string {
  return `.enrich-${policy}`
}

/** EnrichPolicy.fromXContent over the request body's text and its parsed value. */
export function parseEnrichPolicy(
  text: string,
  body: XContentValue,
): { type: string; policy: Omit<EnrichPolicyMetadata, 'type'> } {
  if (!(body instanceof Map)) throw parsingException(1, 1, 'unexpected token')
  const entries = [...body]
  const [first, second] = entries
  if (first === undefined) throw parsingException(1, 2, 'unexpected token')
  if (second !== undefined) throw parsingException(1, 1, 'unexpected token')
  const [type, value] = first
  if (!(value instanceof Map)) throw parsingException(1, 1, 'unexpected token')
  let indices: string[] | undefined
  let matchField: string | undefined
  let enrichFields: string[] | undefined
  let query: string | undefined
  for (const [key, field] of value) {
    if (key === 'indices') indices = stringArray(text, key, field)
    else if (key === 'enrich_fields') enrichFields = stringArray(text, key, field)
    else if (key === 'match_field') matchField = stringValue(text, key, field)
    else if (key === 'query') {
      if (!(field instanceof Map))
        throw fieldParseError(text, key, `[policy] query doesn't support values of type: VALUE_STRING`)
      query = toJson(field)
    } else if (key === 'elasticsearch_version') stringValue(text, key, field)
    else throw fieldParseError(text, key, `[policy] unknown field [${key}]`)
  }
  const missing = [
    ...(indices === undefined ? ['indices'] : []),
    ...(matchField === undefined ? ['match_field'] : []),
    ...(enrichFields === undefined ? ['enrich_fields'] : []),
  ]
  if (missing.length > 0) throw illegalArgumentException(`Required [${missing.join(', ')}]`)
  return {
    type,
    policy: {
      indices: indices!,
      matchField: matchField!,
      enrichFields: enrichFields!,
      ...(query !== undefined ? { query } : {}),
    },
  }
}

function stringValue(text: string, key: string, value: XContentValue): string {
  if (typeof value === 'string') return value
  throw fieldParseError(text, key, `[policy] failed to parse field [${key}]`)
}

/** ObjectParser.declareStringArray: a list of strings, or one string. */
function stringArray(text: string, key: string, value: XContentValue): string[] {
  const values = Array.isArray(value) ? value : [value]
  return values.map((entry) => stringValue(text, key, entry))
}

/** EnrichStore.putPolicy's checks of the name and the type, before the master is asked. */
export function validatePolicy(name: string, type: string): EnrichPolicyType {
  if (name === '') throw illegalArgumentException('name is missing or empty')
  const invalid = validateIndexName(name)
  const prefix = `Invalid index name [${name}], `
  if (invalid !== null && invalid.reason.startsWith(prefix)) {
    throw illegalArgumentException(`Invalid policy name [${name}], ${invalid.reason.slice(prefix.length)}`)
  }
  const supported = SUPPORTED_TYPES.find((candidate) => candidate === type)
  if (supported === undefined) {
    throw illegalArgumentException(
      `unsupported policy type [${type}], supported types are [${SUPPORTED_TYPES.join(', ')}]`,
    )
  }
  return supported
}

/** NamedPolicy.toXContent: `{"<type>": {"name", "query"?, "indices", "match_field", "enrich_fields"}}`. */
export function namedPolicyToJson(name: string, policy: EnrichPolicyMetadata): Map<string, JsonOut> {
  const fields = new Map<string, JsonOut>([['name', name]])
  if (policy.query !== undefined) fields.set('query', new RawJson(policy.query))
  fields.set('indices', [...policy.indices])
  fields.set('match_field', policy.matchField)
  fields.set('enrich_fields', [...policy.enrichFields])
  return new Map([[policy.type, fields]])
}

/** ResourceAlreadyExistsException("policy [{}] already exists"). */
export function policyExistsException(name: string): EsException {
  return new EsException({
    type: 'resource_already_exists_exception',
    reason: `policy [${name}] already exists`,
    status: 400,
  })
}
