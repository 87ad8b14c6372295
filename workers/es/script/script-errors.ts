/**
 * How a Painless script fails, as lang-painless reports it (ES 8's ScriptException):
 *
 * - compile errors (PainlessScriptEngine.convertToScriptException): `script_exception` "compile error" with a
 *   `script_stack` of the source 25 characters either side of the offending offset (`... ` / ` ...` where cut)
 *   and a `^---- HERE` pointer under it, the `script`, `lang` "painless", `position` {offset, start, end}, caused
 *   by the illegal_argument_exception the parser or the semantic pass raised;
 * - runtime errors (PainlessScript.convertToScriptException): "runtime error", the `script_stack` the statement
 *   that failed (from its start to the next statement's) with the pointer at the failing node, `position` the
 *   node's offset and that statement's bounds, caused by the Java exception (`null_pointer_exception`,
 *   `class_cast_exception`, `painless_error` for the loop limit, ...). The Errors ErrorCauseWrapper wraps
 *   (PainlessError, PainlessExplainError, StackOverflowError) are ElasticsearchExceptions there, so they, not the
 *   script_exception, are the root cause; Debug.explain's PainlessExplainError adds its headers (`painless_class`,
 *   `to_string`, `java_class`, in ElasticsearchException's HashMap order) to the script_exception before its
 *   `script_stack`, and has no message (`"reason":null`).
 *
 * The JVM stack frames ES lists before the script's own lines are not reproduced.
 */
import { EsException, exceptionTypeName } from '../errors/index.ts'
import type { JsonOut } from '../xcontent/json-writer.ts'

/** The parser's or the semantic pass's exception (an IllegalArgumentException unless told), at an offset of the source. */
export class ScriptCompileError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly javaClass = 'IllegalArgumentException',
  ) {
    super(message)
  }
}

/** A Java exception thrown while the script runs (its simple class name and message). */
export class JavaException extends Error {
  /** The offset of the node that raised it, set by the interpreter as it unwinds. */
  offset = -1

  constructor(
    readonly javaClass: string,
    message: string,
    /** The exception's metadataToXContent fields (a CircuitBreakingException's bytes_wanted, ...). */
    readonly metadata: ReadonlyArray<[string, JsonOut]> = [],
  ) {
    super(message)
  }
}

/** Debug.explain's Error: `headers` PainlessExplainError.getHeaders' (without their `es.` prefix), in output order. */
export class PainlessExplainError extends JavaException {
  constructor(readonly headers: ReadonlyArray<[string, JsonOut]>) {
    super('PainlessExplainError', '')
  }
}

/** The Errors ErrorCauseWrapper.maybeWrap wraps into an ElasticsearchException (the script's own ones). */
const WRAPPED_ERRORS: ReadonlySet<string> = new Set([
  'PainlessError',
  'PainlessExplainError',
  'StackOverflowError',
])

export function nullPointer(message: string): JavaException {
  return new JavaException('NullPointerException', message)
}

export function classCast(message: string): JavaException {
  return new JavaException('ClassCastException', message)
}

export function illegalArgument(message: string): JavaException {
  return new JavaException('IllegalArgumentException', message)
}

function cause(
  javaClass: string,
  message: string,
  metadata: Array<[string, JsonOut]> = [],
  reasonNull = false,
): EsException {
  return new EsException({
    type: exceptionTypeName(javaClass),
    reason: message,
    reasonNull,
    status: 400,
    metadata,
    rootCause: WRAPPED_ERRORS.has(javaClass),
  })
}

function position(offset: number, start: number, end: number): Map<string, number> {
  return new Map([
    ['offset', offset],
    ['start', start],
    ['end', end],
  ])
}

export function compileException(source: string, error: ScriptCompileError): EsException {
  const offset = Math.max(0, Math.min(error.offset, source.length))
  const start = Math.max(0, offset - 25)
  const end = Math.min(source.length, offset + 25)
  const snippet = (start > 0 ? '... ' : '') + source.slice(start, end) + (end < source.length ? ' ...' : '')
  const pointer = (start > 0 ? '    ' : '') + ' '.repeat(offset - start) + '^---- HERE'
  return new EsException({
    type: 'script_exception',
    reason: 'compile error',
    status: 400,
    metadata: [
      ['script_stack', [snippet, pointer]],
      ['script', source],
      ['lang', 'painless'],
      ['position', position(offset, start, end)],
    ],
    causedBy: cause(error.javaClass, error.message),
  })
}

/** `statements`: the start offsets of the script's statements, ascending. */
export function runtimeException(
  source: string,
  statements: readonly number[],
  error: JavaException,
): EsException {
  const offset = Math.max(0, error.offset)
  let start = 0
  for (const s of statements) if (s <= offset) start = s
  const end = statements.find((s) => s > start) ?? source.length
  return new EsException({
    type: 'script_exception',
    reason: 'runtime error',
    status: 400,
    metadata: [
      ...(error instanceof PainlessExplainError ? error.headers : []),
      ['script_stack', [source.slice(start, end), ' '.repeat(offset - start) + '^---- HERE']],
      ['script', source],
      ['lang', 'painless'],
      ['position', position(offset, start, end)],
    ],
    causedBy: cause(
      error.javaClass,
      error.message,
      [...error.metadata],
      error instanceof PainlessExplainError,
    ),
  })
}
