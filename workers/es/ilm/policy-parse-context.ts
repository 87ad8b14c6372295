/**
 * Where an ILM policy body's ObjectParsers stand when they fail, and the errors they raise there, as ES 8's
 * ObjectParser / ConstructingObjectParser report them:
 * - an unknown field: `[<parser>] unknown field [<name>]` at the field's name;
 * - a value of the wrong kind: `[<parser>] <field> doesn't support values of type: <TOKEN>` at the value;
 * - a missing required field: IllegalArgumentException `Required [<fields>]`, raised at the object's end;
 * - each enclosing parser wraps a failure as `[<parser>] failed to parse field [<field>]` at the place the
 *   inner parser stopped, so every wrapper of one failure carries the same `[line:col]`.
 * A ParseFailure carries the exception built so far and that offset; the request parser unwraps it.
 */
import { EsException, xContentParseException } from '../errors/index.ts'
import type { XContentValue } from '../xcontent/index.ts'
import { tokenAtPath, type PathStep } from '../xcontent/token-at-path.ts'
import { locate } from '../xcontent/json-parse-error.ts'
import { valueToken } from '../action/value-token.ts'

export class ParseFailure extends Error {
  constructor(
    readonly exception: EsException,
    readonly at: number,
  ) {
    super(exception.message)
  }
}

export class PolicyParseContext {
  constructor(
    readonly text: string,
    readonly path: readonly PathStep[],
  ) {}

  child(step: PathStep): PolicyParseContext {
    return new PolicyParseContext(this.text, [...this.path, step])
  }

  /** The offset of this value's start; `key`: the offset of a field's name or value inside this object. */
  offset(at: 'start' | 'end' | 'name' = 'start'): number {
    const token = tokenAtPath(this.text, this.path)
    if (token === null) return 0
    return at === 'end' ? token.end : at === 'name' ? token.name : token.start
  }

  /** An x_content_parse_exception located at `offset`. */
  error(offset: number, message: string, cause?: EsException): EsException {
    const { line, column } = locate(this.text, offset)
    return xContentParseException(line, column, message, cause)
  }

  unknownField(parser: string, key: string): ParseFailure {
    const at = this.child(key).offset('name')
    return new ParseFailure(this.error(at, `[${parser}] unknown field [${key}]`), this.child(key).offset())
  }

  unsupportedValue(parser: string, key: string, value: XContentValue): ParseFailure {
    const at = this.child(key).offset()
    const message = `[${parser}] ${key} doesn't support values of type: ${valueToken(value)}`
    return new ParseFailure(this.error(at, message), at)
  }

  /** A failure inside field `key`, wrapped as `[parser] failed to parse field [key]`. */
  wrap(parser: string, key: string, failure: ParseFailure): ParseFailure {
    const message = `[${parser}] failed to parse field [${key}]`
    return new ParseFailure(this.error(failure.at, message, failure.exception), failure.at)
  }

  /** A failure of the value at `key` itself (a bad number, a bad time value), wrapped as above. */
  valueFailure(parser: string, key: string, cause: EsException): ParseFailure {
    const at = this.child(key).offset()
    return this.wrap(parser, key, new ParseFailure(cause, at))
  }

  /** The ConstructingObjectParser's build failing once the object ended (a constructor's check). */
  buildFailure(parser: string, cause: EsException): ParseFailure {
    const at = this.offset('end')
    const message = `Failed to build [${parser}] after last required field arrived`
    return new ParseFailure(xContentParseExceptionWithoutLocation(message, cause), at)
  }
}

/** XContentParseException with a null location: its message has no `[line:col]`. */
function xContentParseExceptionWithoutLocation(message: string, cause: EsException): EsException {
  return new EsException({
    type: 'x_content_parse_exception',
    reason: message,
    status: 400,
    causedBy: cause,
    rootCause: false,
  })
}
