/**
 * QueryTranslator: a WHERE condition to the Query DSL ES SQL sends, written as the query
 * builders' toXContent writes them (every query ends with `"boost":1.0`; bool adds `adjust_pure_negative`).
 * AND → bool.must (two ranges on one field merged into one, as the optimizer combines them), OR → bool.should,
 * NOT → bool.must_not (a negated negation is what it negated); field = value → term (range gte/lte on a datetime);
 * <, <=, >, >= → range (a datetime's range with the request's `time_zone` and `format`, a bound printed with
 * its own offset: a string read as UTC, a folded datetime at the request's zone); IN → terms; BETWEEN → range;
 * IS NOT NULL → exists, IS NULL → must_not exists; LIKE → wildcard; RLIKE → regexp; MATCH → match;
 * QUERY → query_string. Exact queries and LIKE on a text field use its keyword sub-field. A bound that reads no
 * row (`NOW() - INTERVAL 1 YEAR`) is folded to its value first, as the optimizer's ConstantFolding does. A condition
 * built of anything else (a function of a field…) is not translatable: null, and the rows are filtered
 * after the search (ES would send a painless script query).
 */
import type { ZoneId } from '../common/time/zone-id.ts'
import { JavaDouble, type JsonOut } from '../xcontent/index.ts'
import type { EsField } from './index-resolver.ts'
import type { Expression, Literal } from './sql-ast.ts'
import { DateTimeValue, IntervalValue, TimeValue, type SqlValue } from './sql-values.ts'
import { walk } from './expressions.ts'
import { SCALAR_FUNCTIONS } from './scalar-functions.ts'
import { DATE_FORMAT } from './sql-data-types.ts'

const BOOST = new JavaDouble(1)

/** The value of an expression that reads no row (a constant such as `NOW() - INTERVAL 1 DAY`), folded. */
export type Folder = (e: Expression) => SqlValue

export class QueryTranslator {
  constructor(
    private readonly fields: ReadonlyMap<string, EsField>,
    /** The request's time_zone, the `time_zone` of a datetime's range. */
    private readonly zone: ZoneId,
    private readonly fold: Folder | null = null,
  ) {}

  translate(e: Expression): JsonOut | null {
    switch (e.kind) {
      case 'binary':
        return this.binary(e.op, e.left, e.right)
      case 'unary':
        if (e.op !== 'NOT') return null
        return this.mapped(this.translate(e.operand), negate)
      case 'isNull': {
        const field = this.field(e.operand, false)
        if (field === null) return null
        const exists = { exists: { field, boost: BOOST } }
        return e.negated ? exists : negate(exists)
      }
      case 'in': {
        const field = this.field(e.operand, true)
        const values = e.list.map(literalJson)
        if (field === null || values.some((v) => v === undefined)) return null
        return this.negate(e.negated, {
          terms: new Map<string, JsonOut>([
            [field, values as JsonOut[]],
            ['boost', BOOST],
          ]),
        })
      }
      case 'between': {
        const field = this.field(e.operand, true)
        const lower = this.bound(e.operand, e.lower)
        const upper = this.bound(e.operand, e.upper)
        if (field === null || lower === undefined || upper === undefined) return null
        return this.negate(
          e.negated,
          this.range(e.operand, field, [
            ['gte', lower],
            ['lte', upper],
          ]),
        )
      }
      case 'like': {
        const field = this.field(e.operand, true)
        if (field === null) return null
        const query = e.regex
          ? {
              regexp: {
                [field]: {
                  value: e.pattern,
                  flags_value: 65535,
                  max_determinized_states: 10000,
                  boost: BOOST,
                },
              },
            }
          : { wildcard: { [field]: { wildcard: wildcardOf(e.pattern), boost: BOOST } } }
        return this.negate(e.negated, query)
      }
      case 'match':
        return { match: { [e.fields[0]!.name]: matchOptions(e.query) } }
      case 'query':
        return { query_string: queryStringOptions(e.query) }
      default:
        return null
    }
  }

  private binary(op: string, left: Expression, right: Expression): JsonOut | null {
    if (op === 'AND' || op === 'OR') {
      const l = this.translate(left)
      const r = this.translate(right)
      if (l === null || r === null) return null
      return (op === 'AND' ? mergedRanges(l, r) : null) ?? bool(op === 'AND' ? 'must' : 'should', [l, r])
    }
    // A constant on the left compares the other way round.
    const [subject, value, flipped] = this.constant(right) ? [left, right, false] : [right, left, true]
    const field = this.field(subject, true)
    const json = this.bound(subject, value)
    if (field === null || json === undefined || json === null) return null
    const date = this.isDate(subject)
    switch (op) {
      case '=':
        return date
          ? this.range(subject, field, [
              ['gte', json],
              ['lte', json],
            ])
          : term(field, json)
      case '!=':
      case '<>':
        return bool('must_not', [
          date
            ? this.range(subject, field, [
                ['gte', json],
                ['lte', json],
              ])
            : term(field, json),
        ])
      case '<':
      case '<=':
      case '>':
      case '>=': {
        const effective = flipped ? FLIP[op]! : op
        return this.range(subject, field, [[RANGE_KEYS[effective]!, json]])
      }
      default:
        return null
    }
  }

  private negate(negated: boolean, query: JsonOut): JsonOut {
    return negated ? negate(query) : query
  }

  private mapped(query: JsonOut | null, f: (q: JsonOut) => JsonOut): JsonOut | null {
    return query === null ? null : f(query)
  }

  /** The field a condition on `e` queries: the exact one for exact queries; null when `e` is not a field. */
  private field(e: Expression, exact: boolean): string | null {
    if (e.kind !== 'field') return null
    const field = this.fields.get(e.name)
    if (!field) return null
    return exact ? field.exact : field.name
  }

  private isDate(e: Expression): boolean {
    return e.kind === 'field' && this.fields.get(e.name)?.sqlType === 'datetime'
  }

  /** Whether `e` is a literal, or folds to one (the optimizer's ConstantFolding). */
  private constant(e: Expression): boolean {
    return e.kind === 'literal' || (this.fold !== null && foldable(e))
  }

  /** A constant bound as JSON; a datetime field's bound as ES SQL prints the date. */
  private bound(subject: Expression, value: Expression): JsonOut | undefined {
    if (value.kind !== 'literal' && this.fold !== null && foldable(value)) {
      const folded = this.fold(value)
      if (folded instanceof DateTimeValue) return this.isDate(subject) ? folded.toString() : undefined
      return folded instanceof IntervalValue || folded instanceof TimeValue ? undefined : folded
    }
    const json = literalJson(value)
    if (json === undefined || !this.isDate(subject) || typeof json !== 'string') return json
    const millis = Date.parse(json)
    return Number.isNaN(millis) ? undefined : new Date(millis).toISOString()
  }

  private range(
    subject: Expression,
    field: string,
    bounds: ReadonlyArray<readonly [string, JsonOut]>,
  ): JsonOut {
    const body = new Map<string, JsonOut>(bounds)
    if (this.isDate(subject)) {
      body.set('time_zone', this.zone.id)
      body.set('format', DATE_FORMAT)
    }
    body.set('boost', BOOST)
    return { range: { [field]: body } }
  }
}

const RANGE_KEYS: Readonly<Record<string, string>> = { '<': 'lt', '<=': 'lte', '>': 'gt', '>=': 'gte' }
const FLIP: Readonly<Record<string, string>> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' }

/** Whether an expression reads nothing from a row: no field, aggregate, SCORE() or full-text predicate. */
function foldable(e: Expression): boolean {
  for (const x of walk(e)) {
    if (x.kind === 'field' || x.kind === 'star' || x.kind === 'match' || x.kind === 'query') return false
    if (x.kind === 'function' && !SCALAR_FUNCTIONS.has(x.name)) return false
  }
  return true
}

function term(field: string, value: JsonOut): JsonOut {
  return { term: { [field]: { value, boost: BOOST } } }
}

/** Negations made here, with what they negate: NotQuery.negate gives back the negated query. */
const NEGATED = new WeakMap<object, JsonOut>()

function negate(query: JsonOut): JsonOut {
  const inner = typeof query === 'object' && query !== null ? NEGATED.get(query) : undefined
  if (inner !== undefined) return inner
  const not = bool('must_not', [query])
  NEGATED.set(not as object, query)
  return not
}

/**
 * The optimizer's CombineBinaryComparisons: two ranges on one field with one lower and one upper bound (and the
 * same format and zone) AND-ed together are one range.
 */
function mergedRanges(left: JsonOut, right: JsonOut): JsonOut | null {
  const a = rangeParts(left)
  const b = rangeParts(right)
  if (a === null || b === null || a.field !== b.field) return null
  const lower = (m: Map<string, JsonOut>) => [...m.keys()].filter((k) => k === 'gt' || k === 'gte')
  const upper = (m: Map<string, JsonOut>) => [...m.keys()].filter((k) => k === 'lt' || k === 'lte')
  const [low, high] =
    lower(a.body).length === 1 && upper(a.body).length === 0 ? [a.body, b.body] : [b.body, a.body]
  if (
    lower(low).length !== 1 ||
    upper(low).length !== 0 ||
    upper(high).length !== 1 ||
    lower(high).length !== 0
  )
    return null
  if (low.get('time_zone') !== high.get('time_zone') || low.get('format') !== high.get('format')) return null
  const merged = new Map<string, JsonOut>([...low].filter(([k]) => k === 'gt' || k === 'gte'))
  for (const [k, v] of high) if (k === 'lt' || k === 'lte') merged.set(k, v)
  for (const [k, v] of low) if (k === 'time_zone' || k === 'format') merged.set(k, v)
  merged.set('boost', BOOST)
  return { range: { [a.field]: merged } }
}

function rangeParts(query: JsonOut): { field: string; body: Map<string, JsonOut> } | null {
  if (typeof query !== 'object' || query === null || query instanceof Map || Array.isArray(query)) return null
  const range = (query as { range?: Record<string, JsonOut> }).range
  if (range === undefined) return null
  const [entry] = Object.entries(range)
  return entry && entry[1] instanceof Map ? { field: entry[0], body: entry[1] as Map<string, JsonOut> } : null
}

function bool(clause: 'must' | 'should' | 'must_not', queries: JsonOut[]): JsonOut {
  return { bool: { [clause]: queries, adjust_pure_negative: true, boost: BOOST } }
}

/** A literal's JSON (a double as a Java double), or undefined for anything that is not a literal. */
function literalJson(e: Expression): JsonOut | undefined {
  if (e.kind !== 'literal') return undefined
  const literal: Literal = e
  if (typeof literal.value === 'number' && literal.type === 'double') return new JavaDouble(literal.value)
  return literal.value instanceof IntervalValue ? undefined : literal.value
}

/** A LIKE pattern as a wildcard query's: `%` → `*`, `_` → `?`. */
function wildcardOf(pattern: string): string {
  return pattern.replace(/%/g, '*').replace(/_/g, '?')
}

/** MatchQueryBuilder.doXContent with ES SQL's defaults. */
function matchOptions(query: string): JsonOut {
  return {
    query,
    operator: 'OR',
    prefix_length: 0,
    max_expansions: 50,
    fuzzy_transpositions: true,
    lenient: false,
    zero_terms_query: 'NONE',
    auto_generate_synonyms_phrase_query: true,
    boost: BOOST,
  }
}

/** QueryStringQueryBuilder.doXContent with ES SQL's defaults. */
function queryStringOptions(query: string): JsonOut {
  return {
    query,
    fields: [],
    type: 'best_fields',
    default_operator: 'or',
    max_determinized_states: 10000,
    enable_position_increments: true,
    fuzziness: 'AUTO',
    fuzzy_prefix_length: 0,
    fuzzy_max_expansions: 50,
    phrase_slop: 0,
    escape: false,
    auto_generate_synonyms_phrase_query: true,
    fuzzy_transpositions: true,
    boost: BOOST,
  }
}
