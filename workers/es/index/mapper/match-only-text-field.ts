/**
 * MatchOnlyTextFieldMapper's side of a mapping (ES 8.17, mapper-extras): a text field that indexes its analysed
 * tokens without norms (FieldType omitNorms, IndexOptions.DOCS), so that every query on it scores a constant. Its
 * Builder lists one parameter, `meta`; `fields` and `copy_to` are FieldMapper's own, and any other key (`analyzer`,
 * `index`, `norms`, `store` …) is "unknown parameter [x] on mapper [f] of type [match_only_text]". The index and
 * search analyzers are the index's defaults (TextParams.Analyzers with no parameters of its own).
 *
 * ES indexes no positions and confirms phrase and interval queries by analysing `_source` again (SourceConfirmedTextQuery,
 * SourceIntervalsSource); the playground indexes the same tokens with their positions (field-indexer.ts), which gives
 * the same matches, and answers a positional query as ES does when `_source` is disabled
 * (queries/match-only-text-queries.ts).
 */
import type { FieldMapping } from './mapping.ts'
import { typedParameters, type ParameterSpec } from './field-parameters.ts'

const TYPE = 'match_only_text'

const PARAMETERS: ReadonlyMap<string, ParameterSpec> = new Map<string, ParameterSpec>([
  ['meta', { kind: 'value', shown: {} }],
])

/** A match_only_text field's mapping as parsed from `definition` (its own keys). */
export function matchOnlyTextMapping(name: string, definition: Record<string, unknown>): FieldMapping {
  return typedParameters(name, TYPE, definition, PARAMETERS) as unknown as FieldMapping
}
