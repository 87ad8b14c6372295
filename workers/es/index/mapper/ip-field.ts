/**
 * IpFieldMapper's side of a mapping and a document (ES 8.17).
 *
 * Mapping: `index`, `doc_values`, `store`, `ignore_malformed`, `null_value`, `meta`, in that order, each kept when
 * given with a value other than its default (field-parameters.ts); `script`, `on_script_error` and
 * `time_series_dimension` are not available. A `null_value` that is not an address fails the mapping with
 * "Error parsing [null_value] on field [f]: 'x' is not an IP string literal." (IndexVersions.V_8_0_0 onwards).
 *
 * Document: a value is read as its text (XContentParser.textOrNull: numbers and booleans as their JSON text) and
 * parsed with InetAddresses.forString; null is the `null_value` or nothing. A malformed value fails the document
 * with document_parsing_exception "failed to parse field [f] of type [ip] in document with id '1'. Preview of
 * field's value: 'x'" caused by the parse error, or, with `ignore_malformed`, is dropped as MALFORMED (the field is
 * then listed in `_ignored`; so is it wherever the document is parsed again after its primary took it,
 * field-parameters.ts). The parsed value is the address's index term (common/network/inet-addresses.ts: 32 hex digits in byte order), which the field indexes
 * as its one term and keeps as its doc value (SortedSetDocValues: sorted, deduplicated).
 */
import { EsException, failedToParseMappingFrom, mapperParsingException } from '../../errors/index.ts'
import { addressTerm, forString } from '../../common/network/inet-addresses.ts'
import type { FieldMapping } from './mapping.ts'
import type { LeafValue } from './document-parser.ts'
import {
  INDEX_DOC_VALUES_STORE,
  malformedOrFailure,
  stringParameter,
  typedParameters,
  type Malformed,
  type ParameterSpec,
} from './field-parameters.ts'

export const IP_PARAMETERS: ReadonlyMap<string, ParameterSpec> = new Map<string, ParameterSpec>([
  ...INDEX_DOC_VALUES_STORE,
  ['ignore_malformed', { kind: 'boolean', default: false }],
  ['null_value', { kind: 'value', default: null }],
  ['script', { kind: 'unmodelled' }],
  ['on_script_error', { kind: 'unmodelled', shown: 'fail' }],
  ['meta', { kind: 'value', shown: {} }],
  ['time_series_dimension', { kind: 'unmodelled', shown: false }],
])

/** An ip field's mapping as parsed from `definition` (its own keys), defaults left out. */
export function ipMapping(name: string, definition: Record<string, unknown>): FieldMapping {
  const mapping = typedParameters(name, 'ip', definition, IP_PARAMETERS)
  const nullValue = mapping.null_value
  if (nullValue !== undefined) {
    // an object or array is no address either
    const text = stringParameter(nullValue)
    try {
      forString(text)
    } catch (error) {
      if (!(error instanceof EsException)) throw error
      const message = `Error parsing [null_value] on field [${name}]: ${error.reason}`
      throw failedToParseMappingFrom(mapperParsingException(message, error))
    }
    mapping.null_value = text
  }
  return mapping as unknown as FieldMapping
}

/**
 * The index term of one value of ip field `path` (null: nothing indexed; MALFORMED: a malformed value dropped), or
 * the document's parse failure; `ignoreMalformedByDefault`: the index's index.mapping.ignore_malformed.
 */
export function ipTerm(
  path: string,
  field: FieldMapping,
  value: LeafValue | null,
  id: string | null,
  ignoreMalformedByDefault: boolean,
): string | null | Malformed {
  const text =
    value === null ? (field.null_value === undefined ? null : String(field.null_value)) : String(value)
  if (text === null) return null
  try {
    return addressTerm(forString(text))
  } catch (error) {
    return malformedOrFailure(error, path, field, text, id, ignoreMalformedByDefault)
  }
}
