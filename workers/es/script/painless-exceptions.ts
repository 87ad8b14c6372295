/**
 * Exceptions as Painless values (the allowlist's java.lang "Exceptions" section, java.lang.txt, and the java.util
 * ones): the classes a script may name in `catch` or build with `new T()` / `new T(message)`, each with its JDK
 * superclass, so `catch (RuntimeException e)` catches an ArithmeticException and `catch (Exception e)` every
 * Exception. Errors (the loop counter's PainlessError, StackOverflowError, Debug.explain's PainlessExplainError) are no
 * Exceptions and are never caught.
 *
 * A caught exception is an ExceptionValue over the JavaException it wraps: `getMessage()` / `getLocalizedMessage()`
 * its message, `toString()` Throwable.toString's `java.lang.IllegalArgumentException: x`; throwing it again throws
 * the same JavaException, whose offset (its stack trace's line) is where it was built, as Throwable fills its stack
 * trace in its constructor.
 */
import { FunctionRef } from './painless-lambdas.ts'
import { HostObject, JavaArray, className, javaString, type Value } from './painless-values.ts'
import { JavaException, PainlessExplainError, classCast, nullPointer } from './script-errors.ts'

/** Each exception class's superclass (simple names), up to Exception. */
const SUPERCLASS: Readonly<Record<string, string>> = {
  RuntimeException: 'Exception',
  ReflectiveOperationException: 'Exception',
  CloneNotSupportedException: 'Exception',
  InterruptedException: 'Exception',
  ClassNotFoundException: 'ReflectiveOperationException',
  IllegalAccessException: 'ReflectiveOperationException',
  InstantiationException: 'ReflectiveOperationException',
  NoSuchFieldException: 'ReflectiveOperationException',
  NoSuchMethodException: 'ReflectiveOperationException',
  ArithmeticException: 'RuntimeException',
  ArrayStoreException: 'RuntimeException',
  ClassCastException: 'RuntimeException',
  EnumConstantNotPresentException: 'RuntimeException',
  IllegalArgumentException: 'RuntimeException',
  IllegalMonitorStateException: 'RuntimeException',
  IllegalStateException: 'RuntimeException',
  IndexOutOfBoundsException: 'RuntimeException',
  NegativeArraySizeException: 'RuntimeException',
  NullPointerException: 'RuntimeException',
  SecurityException: 'RuntimeException',
  TypeNotPresentException: 'RuntimeException',
  UnsupportedOperationException: 'RuntimeException',
  ConcurrentModificationException: 'RuntimeException',
  EmptyStackException: 'RuntimeException',
  NoSuchElementException: 'RuntimeException',
  DateTimeException: 'RuntimeException',
  ArrayIndexOutOfBoundsException: 'IndexOutOfBoundsException',
  StringIndexOutOfBoundsException: 'IndexOutOfBoundsException',
  NumberFormatException: 'IllegalArgumentException',
  IllegalThreadStateException: 'IllegalArgumentException',
  // thrown by ES code a script calls (the regex limit), never named by a script
  CircuitBreakingException: 'RuntimeException',
}

/** The packages of the exceptions outside java.lang. */
const PACKAGES: Readonly<Record<string, string>> = {
  ConcurrentModificationException: 'java.util',
  EmptyStackException: 'java.util',
  NoSuchElementException: 'java.util',
  DateTimeException: 'java.time',
  CircuitBreakingException: 'org.elasticsearch.common.breaker',
}

/** Exceptions without the `()` and `(String)` constructors in the allowlist. */
const NOT_CONSTRUCTIBLE: ReadonlySet<string> = new Set([
  'EnumConstantNotPresentException',
  'TypeNotPresentException',
  'DateTimeException',
  'CircuitBreakingException',
])

/** Whether a script may name `type` in a catch: an allowlisted Exception class. */
export function isExceptionType(type: string): boolean {
  return type === 'Exception' || (type in SUPERCLASS && type !== 'CircuitBreakingException')
}

/** Whether an exception of class `javaClass` is a `type` (Java's catch test). */
export function isInstance(javaClass: string, type: string): boolean {
  for (let at: string | undefined = javaClass; at !== undefined; at = SUPERCLASS[at])
    if (at === type) return true
  return false
}

export class ExceptionValue extends HostObject {
  constructor(readonly error: JavaException) {
    super()
  }

  get className(): string {
    return `${PACKAGES[this.error.javaClass] ?? 'java.lang'}.${this.error.javaClass}`
  }

  override call(name: string, args: readonly Value[]): Value | undefined {
    if (args.length === 0 && (name === 'getMessage' || name === 'getLocalizedMessage'))
      return this.error.message
    return undefined
  }

  override toString(): string {
    return `${this.className}: ${this.error.message}`
  }
}

/** `new T(args)` of an exception class, built at `offset`; undefined when `type` is no exception a script builds. */
export function newException(
  type: string,
  args: readonly Value[],
  offset: number,
): ExceptionValue | undefined {
  if (!isExceptionType(type) || NOT_CONSTRUCTIBLE.has(type) || args.length > 1) return undefined
  const [message = ''] = args
  if (message !== null && typeof message !== 'string')
    throw classCast(`Cannot cast ${className(message)} to java.lang.String`)
  const error = new JavaException(type, message ?? '')
  error.offset = offset
  return new ExceptionValue(error)
}

/** What `throw value` throws. */
export function thrown(value: Value): JavaException {
  if (value instanceof ExceptionValue) return value.error
  if (value === null) throw nullPointer('Cannot throw exception because the value is null')
  throw classCast(`Cannot cast ${className(value)} to java.lang.Exception`)
}

/**
 * Debug.explain(value): PainlessExplainError with getHeaders' `painless_class` (the canonical name of a class the
 * Painless lookup has: no array or lambda), `to_string` (`"null"` for null) and `java_class` (Class.getName).
 */
export function debugExplain(value: Value): PainlessExplainError {
  if (value === null) return new PainlessExplainError([['to_string', 'null']])
  const javaClass = value instanceof JavaArray ? value.toString().split('@')[0]! : className(value)
  const painlessClass =
    value instanceof JavaArray || value instanceof FunctionRef
      ? []
      : [['painless_class', javaClass.replaceAll('$', '.')] as [string, string]]
  return new PainlessExplainError([
    ...painlessClass,
    ['to_string', javaString(value)],
    ['java_class', javaClass],
  ])
}
