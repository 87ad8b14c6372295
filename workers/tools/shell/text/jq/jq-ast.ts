/** The tree of a jq program (jq-parser.ts builds it, jq-eval.ts runs it). */
import type { Json } from './json-value.ts'

export type BinaryOperator = '+' | '-' | '*' | '/' | '%' | '==' | '!=' | '<' | '<=' | '>' | '>='

export type JqAst =
  | { readonly type: 'identity' }
  | { readonly type: 'recurse' }
  | { readonly type: 'literal'; readonly value: Json }
  | { readonly type: 'string'; readonly parts: readonly (string | JqAst)[]; readonly format: string | null }
  | { readonly type: 'format'; readonly name: string }
  | { readonly type: 'index'; readonly of: JqAst; readonly key: JqAst }
  | { readonly type: 'slice'; readonly of: JqAst; readonly from: JqAst | null; readonly to: JqAst | null }
  | { readonly type: 'iterate'; readonly of: JqAst }
  | { readonly type: 'try'; readonly body: JqAst; readonly handler: JqAst | null }
  | { readonly type: 'array'; readonly body: JqAst | null }
  | { readonly type: 'object'; readonly entries: readonly { key: JqAst; value: JqAst }[] }
  | { readonly type: 'negate'; readonly of: JqAst }
  | { readonly type: 'pipe'; readonly left: JqAst; readonly right: JqAst }
  | { readonly type: 'comma'; readonly left: JqAst; readonly right: JqAst }
  | { readonly type: 'binary'; readonly op: BinaryOperator; readonly left: JqAst; readonly right: JqAst }
  | { readonly type: 'and' | 'or' | 'alternative'; readonly left: JqAst; readonly right: JqAst }
  | { readonly type: 'if'; readonly cond: JqAst; readonly then: JqAst; readonly otherwise: JqAst | null }
  | { readonly type: 'call'; readonly name: string; readonly args: readonly JqAst[] }
  | { readonly type: 'variable'; readonly name: string }
  | { readonly type: 'bind'; readonly source: JqAst; readonly name: string; readonly body: JqAst }
  | {
      readonly type: 'reduce'
      readonly source: JqAst
      readonly name: string
      readonly init: JqAst
      readonly update: JqAst
    }
