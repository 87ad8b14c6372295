/**
 * An `intervals` rule's IntervalsSource (IntervalsSourceProvider.getSource, ES 8.17), over the field's type:
 *   - match: the text through the analyzer (`analyzer`, else the field's search analyzer) as ES's IntervalBuilder
 *     reads the tokens: none is NO_INTERVALS, one its term, several (a position gap an EXTEND of the later one, tokens
 *     at one position an or()) combined: ordered with max_gaps 0 a phrase, else ordered / unordered, wrapped in
 *     MAXGAPS unless max_gaps is -1;
 *   - prefix, wildcard, regexp, fuzzy, range: the text normalized by the analyzer (lowercased unless keyword or
 *     whitespace), a MultiTerm source (fuzzy's pattern its normalized term, range's `{lower,upper}`);
 *   - any_of: or() of the rules; all_of: the rules combined as match's tokens are;
 *   - use_field: the rule over that field's type and analyzer, its intervals read from that field (FIELD(f,...));
 *   - filter: the rule filtered by the filter's rule (built over the same field type), `script` refused.
 * Each leaf checks its field type as TextFieldType does: a field of another type fails with "Can only use interval
 * queries on text fields - not on [f] which is of type [t]", one without positions "Cannot create intervals over field
 * [f] with no positions indexed" (IllegalArgumentExceptions, raised as query_shard_exception by the caller).
 */
import { intervals, type IntervalsSource } from '../../../../engine-wasm/src/index/index.ts'
import { illegalArgumentException } from '../../errors/index.ts'
import { isAnalyzedText, type FieldMapping } from '../../index/mapper/mapping.ts'
import { searchAnalyzer } from '../../index/mapper/field-indexer.ts'
import { fuzzyDistance, parseFuzziness } from '../query-string/query-parser-base.ts'
import { normalize } from '../query-string/field-queries.ts'
import { concreteFieldName } from '../search-fields.ts'
import type { IntervalFilter, IntervalRule } from './interval-rules-parser.ts'
import type { QueryContext } from './query-parsing.ts'

/** The field type a rule's sources are built over: its (concrete) name and mapping. */
interface FieldType {
  name: string
  mapping: FieldMapping
}

type MultiTermQuery = Extract<IntervalsSource, { type: 'multiTerm' }>['query']

const REGEXP_MAX_DETERMINIZED_STATES = 10000

/**
 * TextFieldType's check before it builds a leaf source; MatchOnlyTextFieldType builds its sources over `_source`
 * (SourceIntervalsSource), which match as the indexed positions do here.
 */
function checkPositions(field: FieldType): void {
  const { name, mapping } = field
  if (mapping.type === 'match_only_text') return
  if (mapping.type !== 'text') {
    throw illegalArgumentException(
      `Can only use interval queries on text fields - not on [${name}] which is of type [${mapping.type}]`,
    )
  }
  const indexOptions = typeof mapping.index_options === 'string' ? mapping.index_options : 'positions'
  if (indexOptions === 'docs' || indexOptions === 'freqs') {
    throw illegalArgumentException(`Cannot create intervals over field [${name}] with no positions indexed`)
  }
}

function termSource(field: FieldType, term: string): IntervalsSource {
  checkPositions(field)
  return intervals.term(term)
}

function multiTerm(field: FieldType, pattern: string, query: MultiTermQuery): IntervalsSource {
  checkPositions(field)
  return { type: 'multiTerm', pattern, query, terms: null }
}

/** IntervalBuilder.combineSources. */
function combine(sources: IntervalsSource[], maxGaps: number, ordered: boolean): IntervalsSource {
  const [only] = sources
  if (only === undefined) return { type: 'noIntervals' }
  if (sources.length === 1) return only
  if (maxGaps === 0 && ordered) return intervals.phrase(sources)
  const inner = intervals.conjunction(ordered ? 'ordered' : 'unordered', sources)
  return maxGaps === -1 ? inner : intervals.maxGaps(maxGaps, inner)
}

/** IntervalBuilder.extend: a source with the positions before it that the analyzer left empty. */
function extended(source: IntervalsSource, precedingSpaces: number): IntervalsSource {
  return precedingSpaces === 0 ? source : intervals.extend(source, precedingSpaces, 0)
}

/** IntervalBuilder.analyzeText over the analyzed tokens (a synonym is a token at its predecessor's position). */
function analyzeText(
  field: FieldType,
  rule: Extract<IntervalRule, { kind: 'match' }>,
  analyzer: string,
  context: QueryContext,
): IntervalsSource {
  // a field without text search analyzes with the analyzer asked for, else keeps the text as one token
  const tokens =
    isAnalyzedText(field.mapping) || rule.analyzer !== null
      ? context.analyze(analyzer, rule.query)
      : [{ term: rule.query, position: 0 }]
  const [only] = tokens
  if (only === undefined) return { type: 'noIntervals' }
  if (tokens.length === 1) return termSource(field, only.term)
  const terms: IntervalsSource[] = []
  let synonyms: IntervalsSource[] = []
  let spaces = 0
  let last = -1
  const flush = (): void => {
    if (synonyms.length > 0) terms.push(extended(intervals.or(synonyms), spaces))
  }
  for (const token of tokens) {
    const increment = token.position - last
    last = token.position
    if (increment > 0) {
      flush()
      synonyms = []
      spaces = increment - 1
    }
    synonyms.push(termSource(field, token.term))
  }
  flush()
  return combine(terms, rule.maxGaps, rule.ordered)
}

/** The rule's field type and analyzer: use_field's when given, else the query field's. */
function target(
  field: FieldType,
  rule: { analyzer: string | null; useField: string | null },
  context: QueryContext,
) {
  const useField = rule.useField !== null ? concreteFieldName(context.fields, rule.useField) : null
  const type = useField !== null ? { name: useField, mapping: context.fields.get(useField)! } : field
  const analyzer = rule.analyzer ?? searchAnalyzer(type.mapping)
  return { type, analyzer, useField }
}

function fixed(useField: string | null, source: IntervalsSource): IntervalsSource {
  return useField === null ? source : { type: 'fixField', field: useField, source }
}

function multiTermOf(rule: IntervalRule & { useField: string | null }, type: FieldType, analyzer: string) {
  const norm = (text: string): string => normalize(type.mapping, text, analyzer)
  const field = type.name
  switch (rule.kind) {
    case 'prefix': {
      const prefix = norm(rule.prefix)
      return multiTerm(type, `${prefix}*`, { type: 'prefix', field, prefix, boost: 1 })
    }
    case 'wildcard': {
      const pattern = norm(rule.pattern)
      return multiTerm(type, pattern, { type: 'wildcard', field, pattern, boost: 1 })
    }
    case 'regexp': {
      const pattern = norm(rule.pattern)
      const maxDeterminizedStates = REGEXP_MAX_DETERMINIZED_STATES
      return multiTerm(type, pattern, { type: 'regexp', field, pattern, maxDeterminizedStates, boost: 1 })
    }
    case 'fuzzy': {
      const term = norm(rule.term)
      const fuzziness = parseFuzziness(rule.fuzziness)
      const query = {
        type: 'fuzzy' as const,
        field,
        term,
        maxEdits: fuzzyDistance(fuzziness, rule.term),
        prefixLength: rule.prefixLength,
        maxExpansions: 128,
        transpositions: rule.transpositions,
        boost: 1,
      }
      return multiTerm(type, term, query)
    }
    case 'range': {
      const [lower, upper] = [norm(rule.lower), norm(rule.upper)]
      const query = { ...rule, type: 'termRange' as const, field, lower, upper, boost: 1 }
      return multiTerm(type, `{${lower},${upper}}`, query)
    }
    default:
      throw new Error(`not a multi-term rule: ${rule.kind}`)
  }
}

function filterOf(
  source: IntervalsSource,
  filter: IntervalFilter | null,
  field: FieldType,
  context: QueryContext,
) {
  if (filter === null) return source
  if (!('rule' in filter)) {
    throw illegalArgumentException(
      'interval filter scripts are not supported by the playground (see docs/DEVIATIONS.md)',
    )
  }
  const reference = ruleSource(filter.rule, field, context)
  const known = ['containing', 'contained_by', 'not_containing', 'not_contained_by', 'overlapping']
  if (![...known, 'not_overlapping', 'before', 'after'].includes(filter.type)) {
    throw illegalArgumentException(`Unknown filter type [${filter.type}]`)
  }
  return intervals.filtered(filter.type, source, reference)
}

/** IntervalsSourceProvider.getSource of `rule` over `field`. */
export function ruleSource(rule: IntervalRule, field: FieldType, context: QueryContext): IntervalsSource {
  switch (rule.kind) {
    case 'match': {
      const { type, analyzer, useField } = target(field, rule, context)
      const source = fixed(useField, analyzeText(type, rule, analyzer, context))
      return filterOf(source, rule.filter, type, context)
    }
    case 'any_of': {
      const source = intervals.or(rule.intervals.map((r) => ruleSource(r, field, context)))
      return filterOf(source, rule.filter, field, context)
    }
    case 'all_of': {
      const sources = rule.intervals.map((r) => ruleSource(r, field, context))
      return filterOf(combine(sources, rule.maxGaps, rule.ordered), rule.filter, field, context)
    }
    default: {
      const { type, analyzer, useField } = target(field, rule, context)
      return fixed(useField, multiTermOf(rule, type, analyzer))
    }
  }
}

/** The use_field names of the rule and its sub-rules (IntervalsSourceProvider.extractFields; not filters'). */
export function ruleFields(rule: IntervalRule): string[] {
  if (rule.kind === 'any_of' || rule.kind === 'all_of') return rule.intervals.flatMap(ruleFields)
  return rule.useField !== null ? [rule.useField] : []
}
