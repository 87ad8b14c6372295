/**
 * TokenCountFieldMapper (modules/mapper-extras, ES 8.17): a field that indexes how many positions its analyzer makes
 * of a string, as an `integer` (NumberType.INTEGER's point and doc values), so that it is queried, sorted and
 * aggregated as an integer field is (the numeric types' code reads it through NUMERIC_TYPES and INTEGRAL).
 * Its mapping's parameters in the Builder's order: `index`, `doc_values`, `store`, `analyzer` (required: "Analyzer
 * must be set for field [f] but wasn't."; updatable), `null_value` (XContentMapValues.nodeIntegerValue: an integral
 * number or an integer's text), `enable_position_increments` (true unless set), `meta`; then `fields` and `copy_to`.
 * A document's value is read as text (a number as its lexeme, a boolean as `true` / `false`) and kept as the text; an
 * explicit null as the `null_value` (already a count), or nothing. Counting needs the index's analysis, so it happens
 * where the values become doc values (doc-values.ts: the numeric column at indexing, and every doc values read).
 */
import {
  EsException,
  failedToParseMapping,
  failedToParseMappingFrom,
  illegalArgumentException,
  numberFormatException,
} from '../../errors/index.ts'
import type { XNumber } from '../../xcontent/index.ts'
import type { FieldMapping } from './mapping.ts'
import type { LeafValue } from './doc-fields.ts'
import {
  INDEX_DOC_VALUES_STORE,
  stringParameter,
  typedParameters,
  type ParameterSpec,
} from './field-parameters.ts'

const TYPE = 'token_count'

const PARAMETERS: ReadonlyMap<string, ParameterSpec> = new Map<string, ParameterSpec>([
  ...INDEX_DOC_VALUES_STORE,
  ['analyzer', { kind: 'value' }],
  ['null_value', { kind: 'value', default: null }],
  ['enable_position_increments', { kind: 'boolean', default: true }],
  ['meta', { kind: 'value', shown: {} }],
])

const INT_MIN = -(2 ** 31)
const INT_MAX = 2 ** 31 - 1

/** A token_count field's mapping as parsed from `definition` (its own keys), defaults left out. */
export function tokenCountMapping(name: string, definition: Record<string, unknown>): FieldMapping {
  const mapping = typedParameters(name, TYPE, definition, PARAMETERS)
  if (mapping.null_value !== undefined) mapping.null_value = nodeIntegerValue(mapping.null_value)
  if (mapping.analyzer === undefined || mapping.analyzer === null)
    throw failedToParseMapping(`Analyzer must be set for field [${name}] but wasn't.`)
  mapping.analyzer = stringParameter(mapping.analyzer)
  return mapping as unknown as FieldMapping
}

/**
 * XContentMapValues.nodeIntegerValue: a number through Numbers.toIntExact ("1.5 is not an integer value", "integer
 * overflow"), anything else through Integer.parseInt of its text.
 */
function nodeIntegerValue(value: unknown): number {
  const fail = (cause: EsException): never => {
    throw failedToParseMappingFrom(cause)
  }
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) fail(illegalArgumentException(`${value} is not an integer value`))
    if (value < INT_MIN || value > INT_MAX)
      fail(new EsException({ type: 'arithmetic_exception', reason: 'integer overflow', status: 400 }))
    return value
  }
  const text = typeof value === 'string' || typeof value === 'boolean' ? String(value) : JSON.stringify(value)
  const parsed = /^[+-]?\d+$/.test(text) ? Number(text) : NaN
  if (!Number.isInteger(parsed) || parsed < INT_MIN || parsed > INT_MAX) fail(numberFormatException(text))
  return parsed
}

/**
 * TokenCountFieldMapper.parseCreateField's reading of a value (XContentParser.textOrNull): its text, or for an
 * explicit null the `null_value` count (none without one).
 */
export function tokenCountFieldValue(
  field: FieldMapping,
  leaf: LeafValue | null,
  token: XNumber | null,
): LeafValue | null {
  if (leaf === null) return typeof field.null_value === 'number' ? field.null_value : null
  if (token !== null) return token.text
  return String(leaf)
}

/**
 * TokenCountFieldMapper.countPositions over the positions the analyzer gives the value's tokens: with position
 * increments, the position after the last token; without, one per token that moves to a new position.
 */
export function countPositions(positions: readonly number[], enablePositionIncrements: boolean): number {
  if (positions.length === 0) return 0
  if (enablePositionIncrements) return positions[positions.length - 1]! + 1
  let count = 0
  for (let i = 0; i < positions.length; i++) if (i === 0 || positions[i]! > positions[i - 1]!) count++
  return count
}

/** A token_count's doc value of one kept value: a `null_value` count as it is, a text counted with its analyzer. */
export function tokenCount(
  field: FieldMapping,
  value: LeafValue,
  positions: (analyzer: string, text: string) => readonly number[],
): number {
  if (typeof value === 'number') return value
  const increments = field.enable_position_increments !== false
  return countPositions(positions(field.analyzer!, String(value)), increments)
}
