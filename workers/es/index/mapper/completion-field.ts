/**
 * CompletionFieldMapper's side of a mapping and a document.
 *
 * Mapping: the parameters in the order ES writes them, each always written (`analyzer` "simple",
 * `preserve_separators` true, `preserve_position_increments` true, `max_input_length` 50, which must be > 0);
 * `search_analyzer` only when given; `contexts` is not built and refused.
 *
 * Document: a value is a string, an object `{ input: string | string[], weight: int | "int" }`, an array of those,
 * or null (nothing). completionInputs answers each input with its weight (1 unless given; an input given twice keeps
 * its greatest weight), in first-seen order, with CompletionFieldMapper.parse's IllegalArgumentExceptions for bad
 * inputs and weights; the caller wraps them as a document_parsing_exception of the field. The inputs are kept as the
 * field's values (one term each, so `exists` finds the field); the suggester reads inputs and weights back from the
 * stored `_source` (search/suggest/completion-suggester.ts).
 */
import {
  documentParsingException,
  EsException,
  failedToParseMapping,
  illegalArgumentException,
} from '../../errors/index.ts'
import { XNumber, type XContentValue } from '../../xcontent/index.ts'
import { documentFailure } from './document-failure.ts'
import type { FieldMapping } from './mapping.ts'

export const COMPLETION_DEFAULT_ANALYZER = 'simple'
const DEFAULT_MAX_INPUT_LENGTH = 50
const PARAMETERS = [
  'type',
  'analyzer',
  'search_analyzer',
  'preserve_separators',
  'preserve_position_increments',
  'max_input_length',
]

/** A completion field's mapping as parsed from `definition` (its own keys, type first), defaults filled in. */
export function completionMapping(path: string, definition: Record<string, unknown>): FieldMapping {
  for (const key of Object.keys(definition)) {
    if (key === 'contexts')
      throw illegalArgumentException('completion [contexts] are not available in the playground')
    if (!PARAMETERS.includes(key) && key !== 'max_input_len')
      throw failedToParseMapping(`unknown parameter [${key}] on mapper [${path}] of type [completion]`)
  }
  const maxInputLength = Number(
    definition.max_input_length ?? definition.max_input_len ?? DEFAULT_MAX_INPUT_LENGTH,
  )
  if (!(maxInputLength > 0))
    throw failedToParseMapping(`[max_input_length] must be > 0 but was [${maxInputLength}]`)
  const analyzer = typeof definition.analyzer === 'string' ? definition.analyzer : COMPLETION_DEFAULT_ANALYZER
  return {
    type: 'completion',
    analyzer,
    ...(typeof definition.search_analyzer === 'string'
      ? { search_analyzer: definition.search_analyzer }
      : {}),
    preserve_separators:
      definition.preserve_separators !== false && definition.preserve_separators !== 'false',
    preserve_position_increments:
      definition.preserve_position_increments !== false &&
      definition.preserve_position_increments !== 'false',
    max_input_length: Math.trunc(maxInputLength),
  }
}

const CONTENT_FIELDS = '[input, weight, contexts]'

/** Jackson's token name of a value, as CompletionFieldMapper's messages print it. */
function tokenName(value: XContentValue): string {
  if (value === null) return 'VALUE_NULL'
  if (Array.isArray(value)) return 'START_ARRAY'
  if (value instanceof Map) return 'START_OBJECT'
  if (value instanceof XNumber) return 'VALUE_NUMBER'
  if (typeof value === 'boolean') return value ? 'VALUE_TRUE' : 'VALUE_FALSE'
  return 'VALUE_STRING'
}

/** `weight`: an integer (or a string holding one) in [0, 2147483647]. */
function weightOf(value: XContentValue): number {
  let weight: number
  if (typeof value === 'string') {
    if (!/^[+-]?\d+$/.test(value))
      throw illegalArgumentException(`weight must be an integer, but was [${value}]`)
    weight = Number(value)
  } else if (value instanceof XNumber) {
    if (!value.isInteger) throw illegalArgumentException(`weight must be an integer, but was [${value.text}]`)
    weight = value.value
  } else {
    throw illegalArgumentException(`weight must be a number or string, but was [${tokenName(value)}]`)
  }
  if (weight < 0 || weight > 2147483647)
    throw illegalArgumentException(`weight must be in the interval [0..2147483647], but was [${weight}]`)
  return weight
}

function addInput(inputs: Map<string, number>, input: string, weight: number): void {
  const known = inputs.get(input)
  if (known === undefined || known < weight) inputs.set(input, weight)
}

function objectInputs(
  path: string,
  object: ReadonlyMap<string, XContentValue>,
  inputs: Map<string, number>,
): void {
  const texts: string[] = []
  let weight = 1
  for (const [key, value] of object) {
    if (key === 'input') {
      if (typeof value === 'string') texts.push(value)
      else if (Array.isArray(value)) {
        for (const item of value) {
          if (typeof item !== 'string')
            throw illegalArgumentException(
              `input array must have string values, but was [${tokenName(item)}]`,
            )
          texts.push(item)
        }
      } else throw illegalArgumentException(`input must be a string or array, but was [${tokenName(value)}]`)
    } else if (key === 'weight') weight = weightOf(value)
    else if (key === 'contexts')
      throw illegalArgumentException(`contexts field is not supported for field: [${path}]`)
    else throw illegalArgumentException(`unknown field name [${key}], must be one of ${CONTENT_FIELDS}`)
  }
  for (const text of texts) addInput(inputs, text, weight)
}

/** The inputs of a completion field's value with their weights (see the header); throws ES's errors. */
export function completionInputs(path: string, value: XContentValue): Map<string, number> {
  const inputs = new Map<string, number>()
  const items = Array.isArray(value) ? value : [value]
  for (const item of items) {
    if (item === null && !Array.isArray(value)) continue
    if (typeof item === 'string') addInput(inputs, item, 1)
    else if (item instanceof Map) objectInputs(path, item, inputs)
    else
      throw new EsException({
        type: 'parsing_exception',
        reason: `failed to parse [${path}]: expected text or object, but got ${tokenName(item)}`,
        status: 400,
      })
  }
  return inputs
}

/** A completion field's value checked while parsing a document: its inputs, or the field's parse failure. */
export function completionValues(path: string, value: XContentValue, id: string | null): string[] {
  try {
    return [...completionInputs(path, value).keys()]
  } catch (e) {
    if (!(e instanceof EsException)) throw e
    // FieldMapper's rethrow reads the value for its preview, then takes the location: the value's last token
    const reason = `failed to parse field [${path}] of type [completion] in ${id === null ? 'document' : `document with id '${id}'`}. Preview of field's value: '${preview(value)}'`
    throw documentFailure('end', (at) => documentParsingException(at.line, at.col, reason, e))
  }
}

/** The field value as ES's preview prints it (Java's toString of the parsed map or list). */
function preview(value: XContentValue): string {
  if (value instanceof XNumber) return value.text
  if (value instanceof Map) return `{${[...value].map(([k, v]) => `${k}=${preview(v)}`).join(', ')}}`
  if (Array.isArray(value)) return `[${value.map(preview).join(', ')}]`
  return String(value)
}
