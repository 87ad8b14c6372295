/**
 * The parsed statement (what SqlParser's AstBuilder makes of the tree): unresolved expressions that keep their
 * source text (an unaliased column is named after it) and position (the Verifier reports it), and the
 * statements this playground runs. Literals of `?` parameters are already substituted (typed by the request's
 * `params`).
 */
import type { SourcePosition } from './sql-exceptions.ts'
import type { IntervalValue } from './sql-values.ts'

interface Node {
  readonly at: SourcePosition
  /** The expression's text as typed in the statement. */
  readonly text: string
}

export type LiteralValue = string | number | boolean | null | IntervalValue

export interface Literal extends Node {
  readonly kind: 'literal'
  readonly value: LiteralValue
  /** The SQL type of the literal: integer, long, double, keyword, boolean, null, interval_year… */
  readonly type: string
}

export interface FieldRef extends Node {
  readonly kind: 'field'
  /** The dotted name (`author`, `address.city`). */
  readonly name: string
}

export interface Star extends Node {
  readonly kind: 'star'
}

export interface FunctionCall extends Node {
  readonly kind: 'function'
  /** Upper-cased, as FunctionRegistry normalises names. */
  readonly name: string
  readonly args: readonly Expression[]
  readonly distinct: boolean
  /** Written as EXTRACT(name FROM value): the name must be a datetime field function. */
  readonly extract?: boolean
}

export interface Unary extends Node {
  readonly kind: 'unary'
  readonly op: '-' | '+' | 'NOT'
  readonly operand: Expression
}

export type BinaryOp =
  '+' | '-' | '*' | '/' | '%' | '=' | '<>' | '!=' | '<' | '<=' | '>' | '>=' | '<=>' | 'AND' | 'OR'

export interface Binary extends Node {
  readonly kind: 'binary'
  readonly op: BinaryOp
  readonly left: Expression
  readonly right: Expression
}

export interface IsNull extends Node {
  readonly kind: 'isNull'
  readonly operand: Expression
  readonly negated: boolean
}

export interface Like extends Node {
  readonly kind: 'like'
  readonly operand: Expression
  readonly pattern: string
  /** RLIKE: a Java regular expression instead of a LIKE pattern. */
  readonly regex: boolean
  readonly negated: boolean
}

export interface In extends Node {
  readonly kind: 'in'
  readonly operand: Expression
  readonly list: readonly Expression[]
  readonly negated: boolean
}

export interface Between extends Node {
  readonly kind: 'between'
  readonly operand: Expression
  readonly lower: Expression
  readonly upper: Expression
  readonly negated: boolean
}

export interface Cast extends Node {
  readonly kind: 'cast'
  readonly operand: Expression
  /** The target type as SqlDataTypes names it (lower case): integer, long, double, keyword, text, datetime… */
  readonly type: string
}

/** MATCH(field, 'text' [, 'options']) and QUERY('lucene' [, 'options']). */
export interface FullText extends Node {
  readonly kind: 'match' | 'query'
  readonly fields: readonly FieldRef[]
  readonly query: string
  readonly options: string | null
}

/** One `WHEN condition THEN result` of a CASE (IfConditional); its text is the clause's. */
export interface WhenClause extends Node {
  readonly condition: Expression
  readonly result: Expression
}

/**
 * CASE WHEN c THEN r … [ELSE e] END. `CASE x WHEN v THEN r …` is kept as `WHEN x = v THEN r`, as ES's
 * AstBuilder rewrites it; no ELSE is a null one.
 */
export interface Case extends Node {
  readonly kind: 'case'
  readonly whens: readonly WhenClause[]
  readonly otherwise: Expression | null
}

export type Expression =
  | Literal
  | FieldRef
  | Star
  | FunctionCall
  | Unary
  | Binary
  | IsNull
  | Like
  | In
  | Between
  | Cast
  | FullText
  | Case

export interface SelectItem {
  readonly expression: Expression
  readonly alias: string | null
}

export interface OrderItem {
  readonly expression: Expression
  readonly ascending: boolean
  /** NULLS FIRST / NULLS LAST, or null for the default (first when descending). */
  readonly nullsFirst: boolean | null
}

export interface TableRef {
  readonly at: SourcePosition
  /** The index expression: a name, a pattern, a comma list when quoted. */
  readonly index: string
}

export interface Select {
  readonly kind: 'select'
  readonly distinct: boolean
  readonly items: readonly SelectItem[]
  readonly from: TableRef | null
  readonly where: Expression | null
  readonly groupBy: readonly Expression[]
  readonly having: Expression | null
  readonly orderBy: readonly OrderItem[]
  readonly limit: number | null
}

export interface ShowTables {
  readonly kind: 'showTables'
  readonly pattern: string | null
}

export interface ShowColumns {
  readonly kind: 'showColumns'
  readonly table: TableRef
}

export interface ShowFunctions {
  readonly kind: 'showFunctions'
  readonly pattern: string | null
}

export type Statement = Select | ShowTables | ShowColumns | ShowFunctions
