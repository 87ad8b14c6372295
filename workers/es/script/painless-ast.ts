/**
 * The Painless syntax tree the parser builds and the interpreter walks (lang-painless's user tree: SBlock,
 * SIf, EBinary, ECall, ...). Every node keeps `at`, the source offset errors point at. Types in declarations
 * and casts are Painless type names (`def`, `int`, `String`, `List`, ..., arrays with `[]` suffixes: `int[][]`).
 */
import type { JavaPattern } from './painless-regex.ts'
import type { Value } from './painless-values.ts'

export type Expr =
  | { kind: 'literal'; at: number; value: Value }
  | { kind: 'variable'; at: number; name: string }
  | { kind: 'field'; at: number; target: Expr; name: string; nullSafe: boolean }
  | { kind: 'index'; at: number; target: Expr; key: Expr }
  | { kind: 'call'; at: number; target: Expr; name: string; args: Expr[]; nullSafe: boolean }
  | { kind: 'static'; at: number; type: string; name: string; args: Expr[] | null }
  /** A call of a function the context binds (a runtime field's `emit`). */
  | { kind: 'function'; at: number; name: string; args: Expr[] }
  /** A call of a function the script declares (`int f(int x) { ... }`), resolved by name and arity. */
  | { kind: 'userCall'; at: number; name: string; args: Expr[] }
  /** A lambda: its parameters (`def` when untyped) and its body (an expression body is a `return`). */
  | { kind: 'lambda'; at: number; params: Parameter[]; body: Statement }
  /** A method reference `Type::name`. */
  | { kind: 'reference'; at: number; type: string; name: string }
  | { kind: 'new'; at: number; type: string; args: Expr[] }
  /** `new T[a][b]` (`dims` the sizes given, `type` the whole array type: `int[][]` for `new int[2][]`). */
  | { kind: 'newArray'; at: number; type: string; dims: Expr[] }
  /** `new T[] {a, b}`. */
  | { kind: 'arrayInit'; at: number; type: string; items: Expr[] }
  /** A regex literal `/pattern/flags`, compiled once with the script (ERegex). */
  | { kind: 'regex'; at: number; pattern: JavaPattern }
  | { kind: 'list'; at: number; items: Expr[] }
  | { kind: 'map'; at: number; entries: Array<[Expr, Expr]> }
  | { kind: 'unary'; at: number; op: '!' | '~' | '-' | '+'; operand: Expr }
  | { kind: 'binary'; at: number; op: string; left: Expr; right: Expr }
  | { kind: 'conditional'; at: number; condition: Expr; then: Expr; otherwise: Expr }
  | { kind: 'elvis'; at: number; left: Expr; right: Expr }
  | { kind: 'assign'; at: number; op: string; target: Expr; value: Expr }
  | { kind: 'increment'; at: number; delta: 1 | -1; prefix: boolean; target: Expr }
  | { kind: 'cast'; at: number; type: string; operand: Expr }
  | { kind: 'instanceof'; at: number; operand: Expr; type: string }

export type Statement =
  | { kind: 'expression'; at: number; expr: Expr }
  | { kind: 'declaration'; at: number; type: string; names: Array<{ name: string; init: Expr | null }> }
  | { kind: 'if'; at: number; condition: Expr; then: Statement; otherwise: Statement | null }
  | { kind: 'while'; at: number; condition: Expr; body: Statement }
  | { kind: 'do'; at: number; body: Statement; condition: Expr }
  | {
      kind: 'for'
      at: number
      init: Statement | null
      condition: Expr | null
      update: Expr[]
      body: Statement
    }
  | { kind: 'each'; at: number; type: string; name: string; iterable: Expr; body: Statement }
  | { kind: 'block'; at: number; statements: Statement[] }
  | { kind: 'return'; at: number; value: Expr | null }
  | { kind: 'break'; at: number }
  | { kind: 'try'; at: number; block: Statement; catches: CatchClause[] }
  | { kind: 'throw'; at: number; value: Expr }
  | { kind: 'continue'; at: number }

/** `catch (T name) { ... }`: `type` an exception class's simple name. */
export interface CatchClause {
  type: string
  name: string
  block: Statement
}

export interface Parameter {
  type: string
  name: string
}

/** A function the script declares before its statements. */
export interface FunctionDeclaration {
  name: string
  returnType: string
  params: Parameter[]
  body: Statement
}

export interface Program {
  /** The script's functions by `name/arity`. */
  functions: Map<string, FunctionDeclaration>
  statements: Statement[]
  /** The start offset of every statement, ascending (the runtime error's script_stack bounds). */
  statementStarts: number[]
}
