/**
 * The SQL type of an expression (its column type in a response): a field's type, a literal's, a function's
 * result type (scalar-functions.ts), arithmetic's common numeric type, boolean for predicates, float for
 * SCORE(), and the target of a CAST.
 */
import type { EsField } from './index-resolver.ts'
import type { Expression } from './sql-ast.ts'
import { commonType } from './sql-data-types.ts'
import { AGGREGATE_FUNCTIONS, SCALAR_FUNCTIONS, SCORE_FUNCTION } from './scalar-functions.ts'

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
    case 'binary':
      return ['+', '-', '*', '/', '%'].includes(e.op)
        ? commonType(typeOf(e.left, fields), typeOf(e.right, fields))
        : 'boolean'
    case 'function': {
      if (e.name === SCORE_FUNCTION) return 'float'
      const aggregate = AGGREGATE_FUNCTIONS.get(e.name)
      const args = e.args.map((a) => typeOf(a, fields))
      if (aggregate) return aggregate(args[0] ?? 'null')
      return SCALAR_FUNCTIONS.get(e.name)?.type(args) ?? 'null'
    }
    default:
      return 'boolean'
  }
}
