/**
 * WildcardFieldMapper's side of a mapping and a document (ES 8.17, x-pack wildcard).
 *
 * Mapping: its Builder's parameters in their order, `ignore_above` (an integer of at least 0; by default the index's
 * index.mapping.ignore_above, else Integer.MAX_VALUE) and `null_value` (a string; null allowed), then `meta`,
 * `fields` and `copy_to`; any other key is "unknown parameter [x] on mapper [f] of type [wildcard]"
 * (field-parameters.ts). Document: a value is read as its text
 * (XContentParser.textOrNull: numbers and booleans as their JSON text), an explicit null as `null_value` (or nothing);
 * a value longer than `ignore_above` (UTF-16 units) is not indexed and the field is listed in `_ignored`, as a
 * keyword's (keyword-field.ts, whose reading of both parameters this shares).
 *
 * What is indexed: ES indexes the 3-grams of each value (lowercased, punctuation folded, framed by \0 markers) and
 * keeps the value itself in binary doc values; a query runs on the n-grams to find candidates and then checks every
 * candidate's values against the query's automaton, so its answer is exact. The playground indexes each value as one
 * term instead, as a keyword without a normalizer: its term dictionary answers the same queries exactly (term, terms,
 * prefix, wildcard, regexp and fuzzy run their automaton over the field's distinct values rather than over every
 * candidate document's, range compares the same UTF-8 order), with one term per value rather than a dozen n-grams,
 * and no verification pass. The values' doc values are a keyword's (sorted, deduplicated: doc-values.ts), which is
 * what ES's binary doc values hold. How ES scores and shapes those queries is search/queries/wildcard-queries.ts.
 */
import type { FieldMapping } from './mapping.ts'
import { typedParameters, stringParameter, type ParameterSpec } from './field-parameters.ts'
import { IGNORE_ABOVE_DEFAULT, readIgnoreAbove } from './keyword-field.ts'

const TYPE = 'wildcard'

const PARAMETERS: ReadonlyMap<string, ParameterSpec> = new Map<string, ParameterSpec>([
  ['ignore_above', { kind: 'value', default: IGNORE_ABOVE_DEFAULT }],
  ['null_value', { kind: 'value', default: null }],
  ['meta', { kind: 'value', shown: {} }],
])

/** A wildcard field's mapping as parsed from `definition` (its own keys), defaults left out. */
export function wildcardMapping(name: string, definition: Record<string, unknown>): FieldMapping {
  const mapping = typedParameters(name, TYPE, definition, PARAMETERS)
  if (mapping.null_value !== undefined) mapping.null_value = stringParameter(mapping.null_value)
  readIgnoreAbove(mapping)
  return mapping as unknown as FieldMapping
}
