/**
 * Turning what a tool caught into the Java exception the real tool would hold: a client KafkaError keeps
 * its Java class, Kafka's message and its cause (an ApiException, so no frames); anything else the playground throws
 * by mistake becomes a java.lang.RuntimeException carrying its text.
 */
import { KafkaError } from '../../clients/kafka/api.ts'
import { JavaException } from './java-exception.ts'

export function asJavaException(error: unknown): JavaException {
  if (error instanceof JavaException) return error
  if (error instanceof KafkaError) {
    const cause = error.causedBy === null ? null : asJavaException(error.causedBy)
    return new JavaException(error.exceptionClass, error.message, [], cause)
  }
  return new JavaException(
    'java.lang.RuntimeException',
    error instanceof Error ? error.message : String(error),
  )
}

/**
 * What a tool's `mainNoExit` prints for what it caught (`System.err.println(e.getMessage())`, then
 * `Utils.stackTrace(e)`), as the text for stderr.
 */
export function messageAndStackTrace(error: unknown): string {
  const exception = asJavaException(error)
  return `${exception.javaMessage ?? 'null'}\n${exception.stackTrace()}\n`
}

/** True when the error is the client exception with this simple class name. */
export function isKafkaException(error: unknown, simpleName: string): boolean {
  return error instanceof KafkaError && error.simpleName === simpleName
}

/**
 * Kafka's org.apache.kafka.tools.TerseException: a failure the tool reports by its message alone, without a
 * trace (tool-main.ts prints it). The playground throws it too for the other failures a tool prints the same
 * way (StorageTool's FormatterException) and for what the playground cannot do (`[playground] ...`).
 */
export class TerseException extends JavaException {
  constructor(message: string) {
    super('org.apache.kafka.tools.TerseException', message)
  }
}

export function illegalArgument(message: string): JavaException {
  return new JavaException('java.lang.IllegalArgumentException', message)
}

/** Utils.loadProps on a path: the playground has no file system, so every path is missing. */
export function noSuchFile(path: string): JavaException {
  return new JavaException('java.nio.file.NoSuchFileException', path)
}

/** KafkaFuture.get(): a failed client call surfaces as java.util.concurrent.ExecutionException(cause). */
export async function futureGet<T>(call: Promise<T>): Promise<T> {
  try {
    return await call
  } catch (error) {
    if (!(error instanceof KafkaError)) throw error
    const cause = asJavaException(error)
    throw new JavaException('java.util.concurrent.ExecutionException', cause.toString(), [], cause)
  }
}

/** `catch (ExecutionException e) { throw new RuntimeException(e) }` around KafkaFuture.get(). */
export async function futureGetOrRuntime<T>(call: Promise<T>): Promise<T> {
  try {
    return await futureGet(call)
  } catch (error) {
    if (!(error instanceof JavaException)) throw error
    throw new JavaException('java.lang.RuntimeException', error.toString(), [], error)
  }
}
