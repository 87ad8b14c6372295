/**
 * Pushes the WHEREs right after a FROM down to the search as a Query DSL query (as LocalPhysicalPlanOptimizer's
 * PushFiltersToSource does), read as a pre-filter: it matches every document the condition can keep (a
 * superset), and the condition is still evaluated on the rows read, so ES|QL's own rules (a multi-value makes
 * a comparison null with a warning) decide. Translated: `field op literal` on a field with an exact
 * (keyword, numeric, date, ip, boolean) form as `term` / `range` (dates in epoch_millis), `IN` as `terms`,
 * `IS NOT NULL` as `exists`, `LIKE` on a keyword as `wildcard`, AND (either side) and OR (both sides). Anything
 * else is left to the rows.
 */
import type { EsField } from '../sql/index-resolver.ts'
import type { JsonOut } from '../xcontent/index.ts'
import type { EsqlExpression } from './esql-ast.ts'
import { parseIsoDate } from './esql-dates.ts'
import { TimeSpan } from './esql-values.ts'

const INTEGRAL = new Set(['long', 'integer', 'short', 'byte'])
const RANGES: Readonly<Record<string, string>> = { '<': 'lt', '<=': 'lte', '>': 'gt', '>=': 'gte' }
const FLIPPED: Readonly<Record<string, string>> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '==': '==' }

export class FilterPushdown {
  constructor(private readonly fields: ReadonlyMap<string, EsField>) {}

  /** The pre-filter for the conditions (all must hold), or null when none translates. */
  translate(conditions: readonly EsqlExpression[]): JsonOut | null {
    const queries = conditions.map((c) => this.query(c)).filter((q): q is JsonOut => q !== null)
    if (queries.length === 0) return null
    return queries.length === 1 ? queries[0]! : { bool: { filter: queries } }
  }

  private exactField(e: EsqlExpression): EsField | null {
    if (e.kind !== 'column') return null
    const field = this.fields.get(e.name)
    if (field === undefined || field.exact !== field.name) return null
    return ['keyword', 'long', 'integer', 'short', 'byte', 'double', 'float', 'date', 'boolean'].includes(
      field.esType,
    )
      ? field
      : null
  }

  private literal(e: EsqlExpression, field: EsField): JsonOut | undefined {
    if (e.kind !== 'literal' || e.value === null || Array.isArray(e.value) || e.value instanceof TimeSpan)
      return undefined
    const value = e.value as string | number | boolean
    if (field.esType === 'date') {
      const millis =
        typeof value === 'string' ? parseIsoDate(value) : typeof value === 'number' ? value : null
      return millis === null ? undefined : millis
    }
    if (typeof value === 'number' && INTEGRAL.has(field.esType) && !Number.isInteger(value)) return undefined
    return value
  }

  private query(e: EsqlExpression): JsonOut | null {
    switch (e.kind) {
      case 'binary': {
        if (e.op === 'and') return this.translate([e.left, e.right])
        if (e.op === 'or') {
          const left = this.query(e.left)
          const right = this.query(e.right)
          return left === null || right === null ? null : { bool: { should: [left, right] } }
        }
        return this.comparison(e.op, e.left, e.right) ?? this.comparison(FLIPPED[e.op] ?? '', e.right, e.left)
      }
      case 'isNull': {
        const field = e.operand.kind === 'column' ? this.fields.get(e.operand.name) : undefined
        return e.negated && field !== undefined ? { exists: { field: field.name } } : null
      }
      case 'in': {
        const field = this.exactField(e.operand)
        if (field === null || e.negated) return null
        const values = e.list.map((item) => this.literal(item, field))
        if (values.some((v) => v === undefined)) return null
        return { terms: { [field.name]: values as JsonOut[] } }
      }
      case 'like': {
        const field = this.exactField(e.operand)
        if (field === null || e.regex || e.negated || field.esType !== 'keyword') return null
        return { wildcard: { [field.name]: { value: e.pattern } } }
      }
      default:
        return null
    }
  }

  private comparison(op: string, left: EsqlExpression, right: EsqlExpression): JsonOut | null {
    const field = this.exactField(left)
    if (field === null) return null
    const value = this.literal(right, field)
    if (value === undefined) return null
    const dateFormat = field.esType === 'date' ? { format: 'epoch_millis' } : {}
    if (op === '==') {
      return field.esType === 'date'
        ? { range: { [field.name]: { gte: value, lte: value, ...dateFormat } } }
        : { term: { [field.name]: { value } } }
    }
    const bound = RANGES[op]
    return bound === undefined ? null : { range: { [field.name]: { [bound]: value, ...dateFormat } } }
  }
}
