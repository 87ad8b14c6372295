/**
 * The `intervals` query (IntervalQueryBuilder, ES 8.17): `{"intervals": {"<field>": {"<rule>": {...}, "boost": b,
 * "_name": n}}}`, built into Lucene's IntervalQuery over the rule's IntervalsSource (interval-rules.ts), scored by
 * the saturation of its sloppy frequency (engine-wasm's intervals-query.ts). fromXContent's ParsingExceptions, at the
 * token the parser stands on: "Expected [FIELD_NAME] but got [END_OBJECT]" (no field, at the `}`), "Expected
 * [START_OBJECT] but got [VALUE_STRING]" (the field's value), "Only one interval rule can be specified, found [match]
 * and [all_of]" (the second rule's name), "Expected [END_OBJECT] but got [FIELD_NAME]" (a second field's name),
 * "Missing intervals from interval query definition" (the body's `}`). doToQuery: an unmapped field, or an unmapped
 * use_field, is MatchNoDocsQuery; a field type's refusal is a query_shard_exception "failed to create query: ...".
 */
import type { IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import { EsException, parsingException } from '../../errors/index.ts'
import { endLocationOf, tokenLocation, type XContentObject } from '../../xcontent/index.ts'
import { tokenName } from '../aggregations/aggregation-params.ts'
import { failedToCreateQuery } from '../query-string/field-queries.ts'
import { concreteFieldName } from '../search-fields.ts'
import { parseIntervalRule, type IntervalRule } from './interval-rules-parser.ts'
import { ruleFields, ruleSource } from './interval-rules.ts'
import { queryFieldMapping } from './metadata-fields.ts'
import { boostOf, type QueryContext } from './query-parsing.ts'

function parsingErrorAtKey(object: XContentObject, key: string, reason: string): EsException {
  return parsingException(...tokenLocation(object, key, 'key'), reason)
}

function parsingErrorAtEnd(object: XContentObject, reason: string): EsException {
  const end = endLocationOf(object) ?? { line: 1, col: 1 }
  return parsingException(end.line, end.col, reason)
}

/** IntervalQueryBuilder.fromXContent: the field, its one rule and its options. */
function parseIntervals(body: XContentObject): {
  field: string
  rule: IntervalRule
  options: XContentObject
} {
  const entries = [...body]
  if (entries.length === 0) throw parsingErrorAtEnd(body, 'Expected [FIELD_NAME] but got [END_OBJECT]')
  const [field, options] = entries[0]!
  if (!(options instanceof Map)) {
    const reason = `Expected [START_OBJECT] but got [${tokenName(options)}]`
    throw parsingException(...tokenLocation(body, field, 'value'), reason)
  }
  let rule: { name: string; rule: IntervalRule } | null = null
  for (const key of options.keys()) {
    if (key === '_name' || key === 'boost') continue
    if (rule !== null) {
      const reason = `Only one interval rule can be specified, found [${rule.name}] and [${key}]`
      throw parsingErrorAtKey(options, key, reason)
    }
    rule = { name: key, rule: parseIntervalRule(options, key) }
  }
  if (entries.length > 1)
    throw parsingErrorAtKey(body, entries[1]![0], 'Expected [END_OBJECT] but got [FIELD_NAME]')
  if (rule === null) throw parsingErrorAtEnd(body, 'Missing intervals from interval query definition')
  return { field, rule: rule.rule, options }
}

export function intervalsQuery(body: XContentObject, context: QueryContext): IndexQuery {
  const { field, rule, options } = parseIntervals(body)
  const mapping = queryFieldMapping(context, field)
  // Be lenient with unmapped fields (and unmapped use_fields) so that cross-index search works
  if (mapping === undefined) return { type: 'matchNone' }
  if (
    ruleFields(rule).some((name) => context.fields.get(concreteFieldName(context.fields, name)) === undefined)
  ) {
    return { type: 'matchNone' }
  }
  const name = concreteFieldName(context.fields, field)
  try {
    const source = ruleSource(rule, { name, mapping }, context)
    return { type: 'intervals', field, source, boost: boostOf(options) }
  } catch (error) {
    if (!(error instanceof EsException) || error.type !== 'illegal_argument_exception') throw error
    throw failedToCreateQuery(context.index, 'illegal_argument_exception', error.reason)
  }
}
