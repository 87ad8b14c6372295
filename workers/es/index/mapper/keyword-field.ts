/**
 * KeywordFieldMapper's side of a mapping (ES 8.17): its parameters in the order the Builder lists them (`index`,
 * `doc_values`, `store`, `null_value`, `eager_global_ordinals`, `ignore_above`, `index_options`, `norms`,
 * `similarity`, `normalizer`, `split_queries_on_whitespace`, `script`, `on_script_error`, `meta`,
 * `time_series_dimension`), then `fields` and `copy_to` (field-parameters.ts: an unknown parameter is refused,
 * booleans parsed, restricted values checked, defaults left out). `null_value` is kept as its text
 * (Parameter.stringParam); `ignore_above` as an integer, whose default is the index's index.mapping.ignore_above
 * (effectiveIgnoreAbove). `script`, `on_script_error` and `time_series_dimension` are not available. Whether the
 * index has the `normalizer` is checked with its analysis (index-analysis.ts).
 */
import { failedToParseMappingFrom, illegalArgumentException } from '../../errors/index.ts'
import type { FieldMapping } from './mapping.ts'
import type { LeafValue } from './document-parser.ts'
import type { XNumber } from '../../xcontent/index.ts'
import {
  INDEX_DOC_VALUES_STORE,
  integerParameter,
  stringParameter,
  typedParameters,
  type ParameterSpec,
} from './field-parameters.ts'

const TYPE = 'keyword'

/** Integer.MAX_VALUE: ignore_above's default, no value ignored. */
export const IGNORE_ABOVE_DEFAULT = 2147483647

export const KEYWORD_PARAMETERS: ReadonlyMap<string, ParameterSpec> = new Map<string, ParameterSpec>([
  ...INDEX_DOC_VALUES_STORE,
  ['null_value', { kind: 'value', default: null }],
  ['eager_global_ordinals', { kind: 'boolean', default: false }],
  ['ignore_above', { kind: 'value', default: IGNORE_ABOVE_DEFAULT }],
  ['index_options', { kind: 'value', default: 'docs', values: ['docs', 'freqs'] }],
  ['norms', { kind: 'boolean', default: false }],
  ['similarity', { kind: 'value' }],
  ['normalizer', { kind: 'value', default: null }],
  ['split_queries_on_whitespace', { kind: 'boolean', default: false }],
  ['script', { kind: 'unmodelled' }],
  ['on_script_error', { kind: 'unmodelled', shown: 'fail' }],
  ['meta', { kind: 'value', shown: {} }],
  ['time_series_dimension', { kind: 'unmodelled', shown: false }],
])

/** A keyword field's mapping as parsed from `definition` (its own keys), defaults left out. */
export function keywordMapping(name: string, definition: Record<string, unknown>): FieldMapping {
  const mapping = typedParameters(name, TYPE, definition, KEYWORD_PARAMETERS)
  if (mapping.null_value !== undefined) mapping.null_value = stringParameter(mapping.null_value)
  if (mapping.normalizer !== undefined) mapping.normalizer = stringParameter(mapping.normalizer)
  readIgnoreAbove(mapping)
  return mapping as unknown as FieldMapping
}

/**
 * Parameter.ignoreAboveParam as keyword, wildcard and flattened read it (XContentMapValues.nodeIntegerValue, then
 * its validator): an integer of at least 0, left out when it is Integer.MAX_VALUE.
 */
export function readIgnoreAbove(mapping: Record<string, unknown>): void {
  if (mapping.ignore_above === undefined) return
  const ignoreAbove = integerParameter(mapping.ignore_above)
  if (ignoreAbove < 0)
    throw failedToParseMappingFrom(
      illegalArgumentException(`[ignore_above] must be positive, got [${ignoreAbove}]`),
    )
  if (ignoreAbove === IGNORE_ABOVE_DEFAULT) delete mapping.ignore_above
  else mapping.ignore_above = ignoreAbove
}

/**
 * The `ignore_above` a keyword, wildcard or flattened field applies: its own, else `indexDefault`, the index's
 * `index.mapping.ignore_above` (IndexSettings.IGNORE_ABOVE_SETTING, which their Builders take as the parameter's
 * default; Integer.MAX_VALUE without it).
 */
export function effectiveIgnoreAbove(field: FieldMapping, indexDefault: number): number {
  return field.ignore_above ?? indexDefault
}

/**
 * The value KeywordFieldMapper reads from a `_source` leaf (XContentParser.textOrNull): a JSON number as its text
 * (`1.0` stays `1.0`), a boolean as `true` / `false`, null as the `null_value` (or nothing).
 */
export function keywordFieldValue(
  field: FieldMapping,
  leaf: LeafValue | null,
  token: XNumber | null,
): LeafValue | null {
  if (leaf === null) return typeof field.null_value === 'string' ? field.null_value : null
  if (token !== null) return token.text
  return typeof leaf === 'boolean' ? String(leaf) : leaf
}
