/**
 * ScaledFloatFieldMapper's side of a mapping, a document and a query (ES 8.17, module mapper-extras).
 *
 * Mapping: `index`, `doc_values`, `store`, `ignore_malformed`, `meta`, `scaling_factor`, `coerce`, `null_value`,
 * in that order, kept when given with a value other than their default (field-parameters.ts); `scaling_factor` is
 * required ("Failed to parse mapping: Field [scaling_factor] is required") and must be finite and positive
 * ("[scaling_factor] must be a positive number, got [-1.0]"); it and `null_value` print as Java doubles (`100.0`).
 * `time_series_metric` is not available.
 *
 * Document: a value is a number or a numeric string (Double.parseDouble; "" is null); null is the `null_value` or
 * nothing. A value that does not parse, or is not finite ("[scaled_float] only supports finite values, but got
 * [NaN]"), fails the document as fieldParsingException words it, or is dropped as MALFORMED (`ignore_malformed`,
 * or a document parsed again after its primary took it, field-parameters.ts). The field indexes
 * Math.round(value × scaling_factor) as a long; its doc values read back as that long × (1 / factor), which is what
 * the index's numeric column holds (so queries, sorts and aggregations all see it), while `fields` prints
 * Math.round(value × factor) / factor from `_source` (the mapper's value fetcher).
 *
 * Queries scale their input as ScaledFloatFieldType.scale does: the exact decimal product of Double.toString(value)
 * and the factor (BigDecimal), rounded to a double; a term query matches Math.round of it (range-query.ts builds
 * the range's bounds from the same scaled values).
 */
import { parseJavaDouble } from '../../../net/java-double.ts'
import {
  failedToParseMappingFrom,
  illegalArgumentException,
  numberFormatException,
} from '../../errors/index.ts'
import { javaDoubleToString } from '../../xcontent/index.ts'
import type { FieldMapping } from './mapping.ts'
import type { LeafValue } from './document-parser.ts'
import {
  INDEX_DOC_VALUES_STORE,
  malformedOrFailure,
  typedParameters,
  type Malformed,
  type ParameterSpec,
} from './field-parameters.ts'

const TYPE = 'scaled_float'

const PARAMETERS: ReadonlyMap<string, ParameterSpec> = new Map<string, ParameterSpec>([
  ...INDEX_DOC_VALUES_STORE,
  ['ignore_malformed', { kind: 'boolean', default: false }],
  ['meta', { kind: 'value', shown: {} }],
  ['scaling_factor', { kind: 'value' }],
  ['coerce', { kind: 'boolean', default: true }],
  ['null_value', { kind: 'value', default: null }],
  ['time_series_metric', { kind: 'unmodelled' }],
])

/** The parameters GET _mapping prints as Java doubles. */
export const SCALED_FLOAT_DOUBLE_PARAMETERS: ReadonlySet<string> = new Set(['scaling_factor', 'null_value'])

/** A scaled_float field's mapping as parsed from `definition` (its own keys), defaults left out. */
export function scaledFloatMapping(name: string, definition: Record<string, unknown>): FieldMapping {
  const mapping = typedParameters(name, TYPE, definition, PARAMETERS)
  if (mapping.scaling_factor === undefined)
    throw failedToParseMappingFrom(illegalArgumentException('Field [scaling_factor] is required'))
  const factor = mappingDouble(mapping.scaling_factor)
  if (!Number.isFinite(factor) || factor <= 0) {
    throw failedToParseMappingFrom(
      illegalArgumentException(
        `[scaling_factor] must be a positive number, got [${javaDoubleToString(factor)}]`,
      ),
    )
  }
  mapping.scaling_factor = factor
  if (mapping.null_value !== undefined) mapping.null_value = mappingDouble(mapping.null_value)
  return mapping as unknown as FieldMapping
}

/** XContentMapValues.nodeDoubleValue: a number, or a string Double.parseDouble reads. */
function mappingDouble(value: unknown): number {
  const text = String(value)
  const parsed = parseJavaDouble(text)
  if (parsed === null) throw failedToParseMappingFrom(numberFormatException(text))
  return parsed
}

export function scalingFactor(field: FieldMapping): number {
  return field.scaling_factor!
}

/**
 * The double one value of scaled_float field `path` holds (null: nothing indexed; MALFORMED: a malformed value
 * dropped), or the document's failure.
 */
export function scaledFloatValue(
  path: string,
  field: FieldMapping,
  value: LeafValue | null,
  id: string | null,
  ignoreMalformedByDefault: boolean,
): number | null | Malformed {
  if (value === null || value === '') return typeof field.null_value === 'number' ? field.null_value : null
  try {
    const parsed = typeof value === 'number' ? value : parseJavaDouble(String(value))
    if (parsed === null) throw numberFormatException(String(value))
    if (!Number.isFinite(parsed)) {
      throw illegalArgumentException(
        `[scaled_float] only supports finite values, but got [${javaDoubleToString(parsed)}]`,
      )
    }
    return parsed
  } catch (error) {
    return malformedOrFailure(error, path, field, String(value), id, ignoreMalformedByDefault)
  }
}

/** The doc value of a parsed value: the indexed long read back as long × (1 / factor). */
export function scaledDocValue(field: FieldMapping, value: number): number {
  const factor = scalingFactor(field)
  return Math.round(value * factor) * (1 / factor)
}

/** The value fetcher's reading of a parsed value (`fields`): Math.round(value × factor) / factor. */
export function scaledFetchedValue(field: FieldMapping, value: number): number {
  const factor = scalingFactor(field)
  return Math.round(value * factor) / factor
}

/** ScaledFloatFieldType.scale: the exact decimal product of Double.toString(value) and the factor, as a double. */
export function scale(value: number, factor: number): number {
  if (!Number.isFinite(value)) return value * factor
  const a = decimal(javaDoubleToString(value))
  const b = decimal(javaDoubleToString(factor))
  return Number(`${a.digits * b.digits}e${a.exponent + b.exponent}`)
}

/** A Double.toString text as an integer times a power of ten. */
function decimal(text: string): { digits: bigint; exponent: number } {
  const [mantissa, exp] = text.split('E') as [string, string | undefined]
  const [whole, fraction = ''] = mantissa.split('.') as [string, string | undefined]
  return { digits: BigInt(whole + fraction), exponent: Number(exp ?? 0) - fraction.length }
}

/** The parsed query input, as the field type's parse does (a number_format_exception when it is not one). */
export function queryDouble(text: string): number {
  const parsed = parseJavaDouble(text)
  if (parsed === null) throw numberFormatException(text.trim())
  return parsed
}

/** A term query's value as the column holds it: Math.round(scale(value)) × (1 / factor). */
export function scaledTermValue(field: FieldMapping, text: string): number {
  const factor = scalingFactor(field)
  return Math.round(scale(queryDouble(text), factor)) * (1 / factor)
}
