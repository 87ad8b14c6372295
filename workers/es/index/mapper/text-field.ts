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
 *
 * `index_prefixes` (PrefixConfig) is kept as `{min_chars, max_chars}` (defaults 2 and 5, 1 <= min <= max < 20); with
 * `index_phrases` it derives the hidden subfields text-subfields.ts lists.
 */
import { DEFAULT_ANALYZER } from '../../analysis/index.ts'
import { failedToParseMappingFrom, illegalArgumentException } from '../../errors/index.ts'
import { JavaDouble, type JsonOut, type XContentValue } from '../../xcontent/index.ts'
import type { FieldMapping, IndexPrefixes } from './mapping.ts'
import {
  TERM_VECTOR_OPTIONS,
  TEXT_INDEX_OPTIONS,
  typedParameters,
  type ParameterSpec,
} from './field-parameters.ts'
import { checkNoRemainingFields, integerOption } from './mapping-options.ts'

const TYPE = 'text'
/** TextFieldMapper.Defaults.INDEX_PREFIX_MIN_CHARS and INDEX_PREFIX_MAX_CHARS. */
const INDEX_PREFIX_MIN_CHARS = 2
const INDEX_PREFIX_MAX_CHARS = 5
/** TextFieldMapper.Defaults.POSITION_INCREMENT_GAP. */
const POSITION_INCREMENT_GAP = 100
/** TextFieldMapper's DEFAULT_FILTER as FielddataFrequencyFilter.toXContent writes it (min and max are doubles). */
const DEFAULT_FREQUENCY_FILTER: JsonOut = {
  min: new JavaDouble(0),
  max: new JavaDouble(2147483647),
  min_segment_size: 0,
}

export const TEXT_PARAMETERS: ReadonlyMap<string, ParameterSpec> = new Map<string, ParameterSpec>([
  ['index', { kind: 'boolean', default: true }],
  ['store', { kind: 'boolean', default: false }],
  ['index_options', { kind: 'value', default: 'positions', values: TEXT_INDEX_OPTIONS }],
  ['norms', { kind: 'boolean', default: true }],
  ['term_vector', { kind: 'value', default: 'no', values: TERM_VECTOR_OPTIONS }],
  ['analyzer', { kind: 'value', default: DEFAULT_ANALYZER }],
  ['search_analyzer', { kind: 'value' }],
  ['search_quote_analyzer', { kind: 'value' }],
  ['similarity', { kind: 'value' }],
  ['position_increment_gap', { kind: 'value', shown: POSITION_INCREMENT_GAP }],
  ['fielddata', { kind: 'boolean', default: false }],
  ['fielddata_frequency_filter', { kind: 'value', shown: DEFAULT_FREQUENCY_FILTER }],
  ['eager_global_ordinals', { kind: 'boolean', default: false }],
  ['index_phrases', { kind: 'boolean', default: false }],
  ['index_prefixes', { kind: 'value' }],
  ['meta', { kind: 'value', shown: {} }],
])

/** A text field's mapping as parsed from `definition` (its own keys), defaults left out. */
export function textMapping(name: string, definition: Record<string, unknown>): FieldMapping {
  const mapping = typedParameters(name, TYPE, definition, TEXT_PARAMETERS)
  const analyzer = mapping.analyzer ?? DEFAULT_ANALYZER
  const search = mapping.search_analyzer ?? analyzer
  const searchQuote = mapping.search_quote_analyzer ?? search
  if (analyzer !== search || analyzer !== searchQuote) mapping.analyzer = analyzer
  if (search !== searchQuote) mapping.search_analyzer = search
  if (mapping.index_prefixes !== undefined) mapping.index_prefixes = prefixConfig(mapping.index_prefixes)
  checkSubfields(name, mapping)
  return inParameterOrder(mapping) as unknown as FieldMapping
}

/** The mapping's keys in the Builder's order: `type`, the parameters, `fields`, `copy_to`. */
function inParameterOrder(mapping: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { type: TYPE }
  for (const key of [...TEXT_PARAMETERS.keys(), 'fields', 'copy_to'])
    if (mapping[key] !== undefined) out[key] = mapping[key]
  return out
}

/** parsePrefixConfig and PrefixConfig's checks: `{min_chars, max_chars}` from the given object. */
function prefixConfig(given: unknown): IndexPrefixes {
  // ES casts the value to a Map and fails with Java's ClassCastException (docs/DEVIATIONS.md)
  if (typeof given !== 'object' || given === null || Array.isArray(given))
    throw failedToParseMappingFrom(illegalArgumentException('[index_prefixes] must be an object'))
  const options = new Map<string, XContentValue>(
    given instanceof Map ? given : Object.entries(given as Record<string, XContentValue>),
  )
  const min = integerOption(options, 'min_chars', INDEX_PREFIX_MIN_CHARS)
  const max = integerOption(options, 'max_chars', INDEX_PREFIX_MAX_CHARS)
  checkNoRemainingFields('index_prefixes', options)
  const invalid =
    min > max
      ? `min_chars [${min}] must be less than max_chars [${max}]`
      : min < 1
        ? `min_chars [${min}] must be greater than zero`
        : max >= 20
          ? `max_chars [${max}] must be less than 20`
          : null
  if (invalid !== null) throw failedToParseMappingFrom(illegalArgumentException(invalid))
  return { min_chars: min, max_chars: max }
}

/** Builder.buildPrefixInfo and buildPhraseInfo's refusals. */
function checkSubfields(name: string, mapping: Record<string, unknown>): void {
  const refuse = (message: string): never => {
    throw failedToParseMappingFrom(illegalArgumentException(message))
  }
  if (mapping.index_phrases === true) {
    if (mapping.index === false) refuse(`Cannot set index_phrases on unindexed field [${name}]`)
    if (mapping.index_options === 'docs' || mapping.index_options === 'freqs')
      refuse(`Cannot set index_phrases on field [${name}] if positions are not enabled`)
  }
  if (mapping.index_prefixes !== undefined && mapping.index === false)
    refuse(`Cannot set index_prefixes on unindexed field [${name}]`)
}
