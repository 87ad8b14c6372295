/**
 * TextFieldMapper's side of a mapping (ES 8.17): its parameters in the order the Builder lists them (`index`,
 * `store`, `index_options`, `norms`, `term_vector`, `analyzer`, `search_analyzer`, `search_quote_analyzer`,
 * `similarity`, `position_increment_gap`, `fielddata`, `fielddata_frequency_filter`, `eager_global_ordinals`,
 * `index_phrases`, `index_prefixes`, `meta`), then `fields` and `copy_to` (field-parameters.ts: an unknown parameter
 * is refused, booleans parsed, restricted values checked, defaults left out).
 *
 * The analyzers are written as TextParams.Analyzers' serializer checks decide: `analyzer` when given or when it
 * differs from the search or search quote analyzer (then as `default`, the index's default analyzer, when not
 * given), `search_analyzer` when given or when it differs from the search quote analyzer. Which analyzer each one
 * defaults to: search_quote_analyzer the search analyzer, search_analyzer the index analyzer.
 */
import { DEFAULT_ANALYZER } from '../../analysis/index.ts'
import type { FieldMapping } from './mapping.ts'
import {
  TERM_VECTOR_OPTIONS,
  TEXT_INDEX_OPTIONS,
  typedParameters,
  type ParameterSpec,
} from './field-parameters.ts'

const TYPE = 'text'

const PARAMETERS: ReadonlyMap<string, ParameterSpec> = new Map<string, ParameterSpec>([
  ['index', { kind: 'boolean', default: true }],
  ['store', { kind: 'boolean', default: false }],
  ['index_options', { kind: 'value', default: 'positions', values: TEXT_INDEX_OPTIONS }],
  ['norms', { kind: 'boolean', default: true }],
  ['term_vector', { kind: 'value', default: 'no', values: TERM_VECTOR_OPTIONS }],
  ['analyzer', { kind: 'value', default: DEFAULT_ANALYZER }],
  ['search_analyzer', { kind: 'value' }],
  ['search_quote_analyzer', { kind: 'value' }],
  ['similarity', { kind: 'value' }],
  ['position_increment_gap', { kind: 'value' }],
  ['fielddata', { kind: 'boolean', default: false }],
  ['fielddata_frequency_filter', { kind: 'value' }],
  ['eager_global_ordinals', { kind: 'boolean', default: false }],
  ['index_phrases', { kind: 'boolean', default: false }],
  ['index_prefixes', { kind: 'value' }],
  ['meta', { kind: 'value' }],
])

/** A text field's mapping as parsed from `definition` (its own keys), defaults left out. */
export function textMapping(name: string, definition: Record<string, unknown>): FieldMapping {
  const mapping = typedParameters(name, TYPE, definition, PARAMETERS)
  const analyzer = mapping.analyzer ?? DEFAULT_ANALYZER
  const search = mapping.search_analyzer ?? analyzer
  const searchQuote = mapping.search_quote_analyzer ?? search
  if (analyzer !== search || analyzer !== searchQuote) mapping.analyzer = analyzer
  if (search !== searchQuote) mapping.search_analyzer = search
  return inParameterOrder(mapping) as unknown as FieldMapping
}

/** The mapping's keys in the Builder's order: `type`, the parameters, `fields`, `copy_to`. */
function inParameterOrder(mapping: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { type: TYPE }
  for (const key of [...PARAMETERS.keys(), 'fields', 'copy_to'])
    if (mapping[key] !== undefined) out[key] = mapping[key]
  return out
}
