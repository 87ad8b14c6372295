/**
 * BooleanFieldMapper's side of a mapping (ES 8.17): its parameters in the order the Builder lists them (`meta`,
 * `doc_values`, `index`, `null_value`, `store`, `script`, `on_script_error`, `ignore_malformed`), then `fields` and
 * `copy_to` (field-parameters.ts: an unknown parameter is refused, booleans parsed, defaults left out).
 * `null_value` is read as XContentMapValues.nodeBooleanValue reads it (`true`, `false` or their text, else "Failed to
 * parse value [x] as only [true] or [false] are allowed."). `script` and `on_script_error` are not available.
 */
import { EsException, failedToParseMappingFrom } from '../../errors/index.ts'
import { parseBoolean } from '../../common/booleans.ts'
import type { FieldMapping } from './mapping.ts'
import type { LeafValue } from './document-parser.ts'
import { jacksonCoercion } from './document-failure.ts'
import { valuePreview } from './number-field.ts'
import type { XNumber } from '../../xcontent/index.ts'
import {
  malformedOrFailure,
  stringParameter,
  typedParameters,
  type Malformed,
  type ParameterSpec,
} from './field-parameters.ts'

const TYPE = 'boolean'

export const BOOLEAN_PARAMETERS: ReadonlyMap<string, ParameterSpec> = new Map<string, ParameterSpec>([
  ['meta', { kind: 'value', shown: {} }],
  ['doc_values', { kind: 'boolean', default: true }],
  ['index', { kind: 'boolean', default: true }],
  ['null_value', { kind: 'value', default: null }],
  ['store', { kind: 'boolean', default: false }],
  ['script', { kind: 'unmodelled' }],
  ['on_script_error', { kind: 'unmodelled', shown: 'fail' }],
  ['ignore_malformed', { kind: 'boolean', default: false }],
])

/** A boolean field's mapping as parsed from `definition` (its own keys), defaults left out. */
export function booleanMapping(name: string, definition: Record<string, unknown>): FieldMapping {
  const mapping = typedParameters(name, TYPE, definition, BOOLEAN_PARAMETERS)
  const nullValue = mapping.null_value
  if (nullValue !== undefined && typeof nullValue !== 'boolean') {
    try {
      mapping.null_value = parseBoolean(stringParameter(nullValue))
    } catch (error) {
      if (!(error instanceof EsException)) throw error
      throw failedToParseMappingFrom(error)
    }
  }
  return mapping as unknown as FieldMapping
}

/**
 * The value BooleanFieldMapper indexes for a `_source` leaf (null: nothing; MALFORMED: a malformed value dropped), or
 * the document's parse failure; `ignoreMalformedByDefault`: the index's index.mapping.ignore_malformed. Null is the
 * `null_value`; a string is read by XContentParser.booleanValue (`true`, `false`, and "" as false; anything else
 * "Failed to parse value [x] as only [true] or [false] are allowed.", malformed); a number is Jackson's "Current
 * token (VALUE_NUMBER_INT) not of boolean type", which fails the document even with `ignore_malformed`.
 */
export function booleanFieldValue(
  path: string,
  field: FieldMapping,
  leaf: LeafValue | null,
  token: XNumber | null,
  id: string | null,
  ignoreMalformedByDefault: boolean,
): boolean | null | Malformed {
  if (leaf === null) return typeof field.null_value === 'boolean' ? field.null_value : null
  if (typeof leaf === 'boolean') return leaf
  const value = token ?? leaf
  try {
    if (typeof leaf === 'string') return leaf !== '' && parseBoolean(leaf)
    const kind = token !== null && !token.isInteger ? 'VALUE_NUMBER_FLOAT' : 'VALUE_NUMBER_INT'
    throw jacksonCoercion(`Current token (${kind}) not of boolean type`)
  } catch (error) {
    return malformedOrFailure(error, path, field, valuePreview(value), id, ignoreMalformedByDefault)
  }
}
