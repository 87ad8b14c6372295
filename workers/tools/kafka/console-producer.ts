/**
 * kafka-console-producer.sh (org.apache.kafka.tools.ConsoleProducer, Kafka 4.1). Every line of
 * `context.stdin` (typed, or from a pipe as it arrives) becomes one record, read by LineMessageReader and sent with Producer.send; the tool then
 * closes the producer (which waits for what is in flight) and exits 0.
 *
 * Output. stdout: nothing (the real tool prints a `>` prompt before each line only on a terminal; the
 * console already shows the typed `>` lines, so the playground prints none). stderr: usage errors with the
 * help table (exit 1); a bad option value as its message alone (exit 1); a reader error such as
 * `org.apache.kafka.common.KafkaException: No key separator found on line number 1: 'abc'` as its stack
 * trace, after which the tool stops reading (exit 1; earlier lines are still delivered); a failed
 * asynchronous send as ErrorLoggingCallback's ERROR line (the tool goes on); a failed `--sync` send as
 * the ExecutionException trace (exit 1); the producer's own WARN and ERROR log lines (clientLog in tool-log.ts),
 * such as the metadata warning of a topic created on first use. An exception send() itself throws (IllegalStateException, such as a
 * `--producer-property transactional.id=...` producer's `Cannot add partition <tp> to transaction before
 * completing a call to initTransactions`, since ConsoleProducer never calls initTransactions) ends the tool with
 * its stack trace (exit 1).
 *
 * On Ctrl+C, Stop or `kill`, the JVM runs the tool's one shutdown hook, the producer's close(): the tool reads no
 * more lines, the records already sent are delivered (or fail, with their ERROR lines) as close() waits for them,
 * and it exits with 128 + the signal (130 for Ctrl+C).
 */
import type { Producer } from '../../clients/kafka/api.ts'
import { interruptExitCode, type Interrupt, type Tool, type ToolContext } from '../tool.ts'
import {
  UsageException,
  VersionRequest,
  parseKeyValueArgs,
  printUsageOrVersion,
} from './command-line-utils.ts'
import {
  CONSOLE_PRODUCER_OPTIONS,
  checkConsoleProducerArgs,
  producerProps,
} from './console-producer-options.ts'
import { JavaException, OptionException } from './java-exception.ts'
import { LineMessageReader } from './line-message-reader.ts'
import { parseOptions } from './options/option-parser.ts'
import type { OptionSet } from './options/option-set.ts'
import { brokerListHint, zookeeperHint } from './playground-hints.ts'
import { asJavaException, noSuchFile } from './tool-errors.ts'
import { clientLog, errorLogLine } from './tool-log.ts'

const CALLBACK_LOGGER = 'org.apache.kafka.clients.producer.internals.ErrorLoggingCallback'

function describeBytes(bytes: Uint8Array | null): string {
  return bytes === null ? 'null' : `${bytes.length} bytes`
}

/** Exceptions KafkaProducer.send throws instead of failing the record's future (not ApiExceptions). */
const THROWN_BY_SEND = 'java.lang.IllegalStateException'

async function sendAll(reader: LineMessageReader, producer: Producer, sync: boolean, context: ToolContext) {
  const inFlight: Promise<void>[] = []
  // Set from the sends' callbacks, so kept in an object (a plain variable would stay narrowed to null).
  const send: { thrown: JavaException | null } = { thrown: null }
  for await (const line of context.stdin) {
    if (send.thrown !== null || signalled(context.interrupt)) break
    const record = reader.read(line)
    if (sync) {
      try {
        await producer.send(record)
      } catch (error) {
        const cause = asJavaException(error)
        if (cause.className === THROWN_BY_SEND) throw cause
        throw new JavaException('java.util.concurrent.ExecutionException', cause.toString(), [], cause)
      }
      continue
    }
    inFlight.push(
      producer.send(record).then(
        () => undefined,
        (error: unknown) => {
          const exception = asJavaException(error)
          if (exception.className === THROWN_BY_SEND) {
            send.thrown ??= exception
            return
          }
          const message = `Error when sending message to topic ${record.topic} with key: ${describeBytes(record.key)}, value: ${describeBytes(record.value)} with error:`
          context.out.stderr(errorLogLine(context.clock, CALLBACK_LOGGER, message, exception))
        },
      ),
    )
  }
  await Promise.all(inFlight)
  if (send.thrown !== null) throw send.thrown
}

/**
 * A signal that reaches the JVM (Ctrl+C, Stop, `kill`). The scenario runner's idle interrupt is not one here: the
 * tool ends by itself once its input ends, so a learner would not press Ctrl+C on it.
 */
function signalled(interrupt: Interrupt): boolean {
  return interrupt.idle !== true && interrupt.interrupted
}

/** True when a signal comes before `main` settles (its outcome is then left to the caller). */
async function signalledFirst(main: Promise<void>, interrupt: Interrupt): Promise<boolean> {
  if (interrupt.idle === true) return false
  const settled = main.then(
    () => false,
    () => false,
  )
  return Promise.race([settled, interrupt.whenInterrupted.then(() => true)])
}

function readerFor(options: OptionSet): LineMessageReader {
  const readerConfig = options.valueOf('reader-config')
  if (readerConfig !== null) throw noSuchFile(readerConfig)
  const props = new Map([
    ['topic', options.valueOf('topic') ?? ''],
    ...parseKeyValueArgs(options.valuesOf('property')),
  ])
  return new LineMessageReader(props.get('topic') ?? '', props)
}

export const kafkaConsoleProducer: Tool = async (argv, context) => {
  let options: OptionSet
  try {
    options = parseOptions(CONSOLE_PRODUCER_OPTIONS, argv)
  } catch (error) {
    const usage = new UsageException(error instanceof Error ? error.message : String(error))
    const code = printUsageOrVersion(context.out, CONSOLE_PRODUCER_OPTIONS, usage)
    context.out.stderr(brokerListHint(argv) + zookeeperHint(argv))
    return code
  }
  let producer: Producer | null = null
  try {
    checkConsoleProducerArgs(argv, options)
    const reader = readerFor(options)
    const config = producerProps(options)
    const producerConfig = options.valueOf('producer.config')
    if (producerConfig !== null) throw noSuchFile(producerConfig)
    producer = context.kafka.producer(config['bootstrap.servers'] ?? '', config, clientLog(context))
    const sending = sendAll(reader, producer, options.has('sync'), context)
    if (await signalledFirst(sending, context.interrupt)) {
      // Exit.addShutdownHook("producer-shutdown-hook", producer::close): close() waits for what was sent (its
      // ErrorLoggingCallback lines still print), then the JVM halts; the main thread's own end is not seen.
      sending.catch(() => undefined)
      const closing = producer
      producer = null
      await closing.close()
      return interruptExitCode(context.interrupt)
    }
    await sending
    return 0
  } catch (error) {
    if (error instanceof UsageException || error instanceof VersionRequest) {
      return printUsageOrVersion(context.out, CONSOLE_PRODUCER_OPTIONS, error)
    }
    if (error instanceof OptionException) {
      context.out.stderr(error.message + '\n')
      return 1
    }
    context.out.stderr(asJavaException(error).stackTrace())
    return 1
  } finally {
    await producer?.close()
  }
}
