/**
 * The SQL type of an expression (its column type in a response): a field's type, a literal's, a function's
 * result type (scalar-functions.ts), arithmetic's common numeric type, boolean for predicates, float for
 * SCORE(), the target of a CAST, and the common type of a CASE's results.
 */
import type { EsField } from './index-resolver.ts'
import type { Expression } from './sql-ast.ts'
import { commonType } from './sql-data-types.ts'
import { AGGREGATE_FUNCTIONS } from './aggregate-functions.ts'
import { SCALAR_FUNCTIONS, SCORE_FUNCTION } from './scalar-functions.ts'

export function typeOf(e: Expression, fields: ReadonlyMap<string, EsField>): string {
  switch (e.kind) {
    case 'literal':
      return e.type
    case 'field':
      return fields.get(e.name)?.sqlType ?? 'null'
    case 'star':
      return 'null'
    case 'cast':
      return e.type
    case 'unary':
      return e.op === 'NOT' ? 'boolean' : typeOf(e.operand, fields)
    case 'binary': {
      if (!['+', '-', '*', '/', '%'].includes(e.op)) return 'boolean'
      const left = typeOf(e.left, fields)
      const right = typeOf(e.right, fields)
      if (e.op === '*' && right.startsWith('interval_')) return right
      if (e.op === '*' && left.startsWith('interval_')) return left
      return commonType(left, right)
    }
    case 'case': {
      const results = [...e.whens.map((w) => w.result), ...(e.otherwise ? [e.otherwise] : [])]
      return results.reduce((t, r) => commonType(t, typeOf(r, fields)), 'null')
    }
    case 'function': {
      if (e.name === SCORE_FUNCTION) return 'float'
      const args = e.args.map((a) => typeOf(a, fields))
      return (SCALAR_FUNCTIONS.get(e.name) ?? AGGREGATE_FUNCTIONS.get(e.name))?.type(args) ?? 'null'
    }
    default:
      return 'boolean'
  }
}
