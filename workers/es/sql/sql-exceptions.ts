/**
 * The exceptions ES SQL answers with (x-pack/plugin/sql, ql): all are QlClientExceptions, so status 400.
 * - parsing_exception: the ANTLR parser's or the AST builder's complaint, its reason `line L:C: message`
 *   (C is the token's character position + 1). Unlike the core ParsingException it carries no line/col fields.
 * - verification_exception: the Verifier's failures, `Found N problem(s)` then one `line L:C: message` per
 *   failure, each on its own line.
 * - sql_illegal_argument_exception: a bad request parameter (a cursor that cannot be decoded, a bad format).
 */
import { EsException } from '../errors/index.ts'

/** Where in the statement text a node starts (1-based line and column). */
export interface SourcePosition {
  readonly line: number
  readonly column: number
}

export function sqlParsingException(at: SourcePosition, message: string): EsException {
  return new EsException({
    type: 'parsing_exception',
    reason: `line ${at.line}:${at.column}: ${message}`,
    status: 400,
  })
}

/** One Verifier failure: the node's position and its message. */
export interface Failure {
  readonly at: SourcePosition
  readonly message: string
}

export function verificationException(failures: readonly Failure[]): EsException {
  const n = failures.length
  const lines = failures.map((f) => `line ${f.at.line}:${f.at.column}: ${f.message}`)
  return new EsException({
    type: 'verification_exception',
    reason: `Found ${n} problem${n === 1 ? '' : 's'}\n${lines.join('\n')}`,
    status: 400,
  })
}

export function sqlIllegalArgumentException(reason: string): EsException {
  return new EsException({ type: 'sql_illegal_argument_exception', reason, status: 400 })
}
