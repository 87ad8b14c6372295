/**
 * Walking expressions: their direct children, whether one holds an aggregate function, and rebuilding one
 * with some sub-expressions replaced (the analyzer swaps select aliases and ordinals in).
 */
import type { Expression } from './sql-ast.ts'
import { AGGREGATE_FUNCTIONS } from './aggregate-functions.ts'

export function children(e: Expression): readonly Expression[] {
  switch (e.kind) {
    case 'function':
      return e.args
    case 'unary':
    case 'isNull':
    case 'like':
    case 'cast':
      return [e.operand]
    case 'binary':
      return [e.left, e.right]
    case 'in':
      return [e.operand, ...e.list]
    case 'between':
      return [e.operand, e.lower, e.upper]
    case 'match':
    case 'query':
      return e.fields
    case 'case':
      return [...e.whens.flatMap((w) => [w.condition, w.result]), ...(e.otherwise ? [e.otherwise] : [])]
    case 'literal':
    case 'field':
    case 'star':
      return []
  }
}

export function isAggregate(e: Expression): boolean {
  return e.kind === 'function' && AGGREGATE_FUNCTIONS.has(e.name)
}

export function containsAggregate(e: Expression): boolean {
  return isAggregate(e) || children(e).some(containsAggregate)
}

/** Every sub-expression, parents before children. */
export function* walk(e: Expression): Generator<Expression> {
  yield e
  for (const child of children(e)) yield* walk(child)
}

/** `e` with each sub-expression `replace` answers for swapped in (it is not descended into). */
export function transform(e: Expression, replace: (e: Expression) => Expression | null): Expression {
  const replaced = replace(e)
  if (replaced !== null) return replaced
  const t = (x: Expression): Expression => transform(x, replace)
  switch (e.kind) {
    case 'function':
      return { ...e, args: e.args.map(t) }
    case 'unary':
    case 'isNull':
    case 'like':
    case 'cast':
      return { ...e, operand: t(e.operand) }
    case 'binary':
      return { ...e, left: t(e.left), right: t(e.right) }
    case 'in':
      return { ...e, operand: t(e.operand), list: e.list.map(t) }
    case 'between':
      return { ...e, operand: t(e.operand), lower: t(e.lower), upper: t(e.upper) }
    case 'case':
      return {
        ...e,
        whens: e.whens.map((w) => ({ ...w, condition: t(w.condition), result: t(w.result) })),
        otherwise: e.otherwise === null ? null : t(e.otherwise),
      }
    default:
      return e
  }
}

/** Whether two expressions are the same computation (their text without case and spaces). */
export function sameExpression(a: Expression, b: Expression): boolean {
  const norm = (x: Expression): string =>
    x.kind === 'field' ? x.name : x.text.replace(/\s+/g, '').toUpperCase()
  return a.kind === b.kind && norm(a) === norm(b)
}
