/**
 * kafka-console-consumer.sh (org.apache.kafka.tools.consumer.ConsoleConsumer, Kafka 4.1). Subscribes to
 * --topic (or the topics --include matches when it starts), or assigns --partition and seeks to --offset;
 * prints each record through the --formatter on stdout (DefaultMessageFormatter, or for __consumer_offsets
 * OffsetsMessageFormatter / GroupMetadataMessageFormatter); stops at --max-messages, when --timeout-ms
 * passes without a record (logging Kafka's ERROR line and TimeoutException), or on Ctrl+C/Stop; then closes
 * the consumer and prints `Processed a total of N messages` on stderr. A formatter's error ends the run
 * (`Unknown error when running consumer: ...` logged after the count) unless --skip-message-on-error, which
 * logs it and goes on. The consumer's own WARN and ERROR log lines (such as the metadata warning of a topic
 * created on first use) go to stderr too (clientLog in tool-log.ts).
 * Exit codes: 0 when it stops by itself, 128 + the signal when interrupted (130 on SIGINT, 143 on SIGTERM),
 * 1 for setup and formatter errors.
 * The headless runner's idle Ctrl+C hears of its own ends: each poll bounded by --timeout-ms announces when it
 * would end it (Interrupt.endsBy), and each record toward --max-messages is progress (Interrupt.progressed).
 */
import type { Consumer, ConsumerRecord } from '../../clients/kafka/api.ts'
import { interruptExitCode, type Tool, type ToolContext } from '../tool.ts'
import { UsageException, VersionRequest, printUsageOrVersion } from './command-line-utils.ts'
import type { ConsoleConsumerSettings } from './console-consumer-options.ts'
import {
  CONSOLE_CONSUMER_OPTIONS,
  DEFAULT_FORMATTER,
  OffsetResetConflict,
  consoleConsumerSettings,
} from './console-consumer-options.ts'
import { CoordinatorRecordMessageFormatter } from './coordinator-record-formatter.ts'
import { DefaultMessageFormatter, type FormatterSetupLog } from './default-message-formatter.ts'
import { JavaException } from './java-exception.ts'
import { parseOptions } from './options/option-parser.ts'
import type { OptionSet } from './options/option-set.ts'
import { zookeeperHint } from './playground-hints.ts'
import { includeListMatcher } from './topic.ts'
import { asJavaException } from './tool-errors.ts'
import { clientLog, errorLogLine } from './tool-log.ts'

const LOGGER = 'org.apache.kafka.tools.consumer.ConsoleConsumer'
/** How long one poll waits when no --timeout-ms bounds it (Kafka polls with Long.MAX_VALUE). */
const UNBOUNDED_POLL_MS = 1000

type Received = ConsumerRecord | 'interrupted'

/** MessageFormatter.writeTo: one record's text. */
interface MessageFormatter {
  format(record: ConsumerRecord): string
}

/** ConsoleConsumer.ConsumerWrapper: subscription or assignment, then one record at a time. */
class ConsumerWrapper {
  private buffer: ConsumerRecord[] = []

  constructor(
    private readonly consumer: Consumer,
    private readonly settings: ConsoleConsumerSettings,
    private readonly context: ToolContext,
  ) {}

  async start(): Promise<void> {
    const { topic, partition, offset, include } = this.settings
    if (topic !== null && partition !== null) {
      const assigned = { topic, partition }
      await this.consumer.assign([assigned])
      if (offset === 'earliest') await this.consumer.seekToBeginning([assigned])
      else if (offset === 'latest') await this.consumer.seekToEnd([assigned])
      else this.consumer.seek(assigned, offset)
    } else if (topic !== null) {
      await this.consumer.subscribe([topic])
    } else if (include !== null) {
      const matches = includeListMatcher(include)
      const admin = this.context.kafka.admin(this.settings.consumerProps['bootstrap.servers'] ?? '')
      try {
        await this.consumer.subscribe((await admin.listTopics()).filter(matches).sort())
      } finally {
        await admin.close()
      }
    }
  }

  /** ConsumerWrapper.receive: throws TimeoutException when a poll round passes the timeout empty. */
  async receive(): Promise<Received> {
    const { clock, interrupt } = this.context
    const timeoutMs = this.settings.timeoutMs
    const startMs = clock.now()
    while (this.buffer.length === 0) {
      if (interrupt.interrupted) return 'interrupted'
      const bounded = Number.isFinite(timeoutMs)
      const pollMs = bounded ? timeoutMs : UNBOUNDED_POLL_MS
      // After this poll, an empty one ends it once the timeout has passed: its own end, if nothing comes.
      if (bounded) interrupt.endsBy?.(clock.now() + pollMs)
      const polled = await Promise.race([
        this.consumer.poll(pollMs),
        interrupt.whenInterrupted.then(() => null),
      ])
      if (polled === null) return 'interrupted'
      this.buffer = polled
      // Kafka tests `elapsed > timeoutMs`; a JVM's poll returns after its timeout has passed, so one empty poll
      // ends it, where the virtual clock's poll returns exactly at the timeout: `>=` gives the JVM's outcome.
      if (this.buffer.length === 0 && clock.now() - startMs >= timeoutMs) {
        throw new JavaException('org.apache.kafka.common.errors.TimeoutException', null)
      }
    }
    const [next, ...rest] = this.buffer
    this.buffer = rest
    return next ?? 'interrupted'
  }

  /** ConsumerWrapper.cleanup: rewinds partitions to their first unconsumed record, then closes. */
  async cleanup(): Promise<void> {
    const firstUnconsumed = new Map<string, ConsumerRecord>()
    for (const record of this.buffer) {
      const key = `${record.topic}\u0000${record.partition}`
      if (!firstUnconsumed.has(key)) firstUnconsumed.set(key, record)
    }
    for (const record of firstUnconsumed.values()) {
      this.consumer.seek({ topic: record.topic, partition: record.partition }, record.offset)
    }
    await this.consumer.close()
  }
}

/** ConsoleConsumerOptions.buildFormatter for the classes the options accept; setup errors logged on stderr. */
function buildFormatter(settings: ConsoleConsumerSettings, context: ToolContext): MessageFormatter {
  const log: FormatterSetupLog = {
    error: (message, thrown) =>
      context.out.stderr(errorLogLine(context.clock, DEFAULT_FORMATTER, message, thrown)),
    note: (text) => context.out.stderr(`[playground] ${text}\n`),
  }
  return (
    CoordinatorRecordMessageFormatter.forClass(settings.formatter) ??
    new DefaultMessageFormatter(settings.formatterProps, log)
  )
}

/**
 * ConsoleConsumer.process; returns whether it ended by interrupt, and the formatter's error that ended it
 * (rethrown unless --skip-message-on-error, which logs it and goes on).
 */
async function process(wrapper: ConsumerWrapper, settings: ConsoleConsumerSettings, context: ToolContext) {
  const formatter = buildFormatter(settings, context)
  let count = 0
  let interrupted = false
  let failure: unknown = null
  while (count < settings.maxMessages || settings.maxMessages === -1) {
    let received: Received
    try {
      received = await wrapper.receive()
    } catch (error) {
      const message = 'Error processing message, terminating consumer process: '
      context.out.stderr(errorLogLine(context.clock, LOGGER, message, asJavaException(error)))
      break
    }
    if (received === 'interrupted') {
      interrupted = true
      break
    }
    count += 1
    // A record toward --max-messages moves it on to its own end.
    if (settings.maxMessages !== -1) context.interrupt.progressed?.(context.clock.now())
    try {
      context.out.stdout(formatter.format(received))
    } catch (error) {
      if (!settings.skipMessageOnError) {
        failure = error
        break
      }
      const message = 'Error processing message, skipping this message: '
      context.out.stderr(errorLogLine(context.clock, LOGGER, message, asJavaException(error)))
    }
    // checkErr: once the reader of its stdout has gone (`| head -2`), the write fails and the consumer closes.
    if (context.out.stdoutClosed?.() === true) {
      context.out.stderr('Unable to write to standard out, closing consumer.\n')
      break
    }
  }
  return { count, interrupted, failure }
}

function startupError(context: ToolContext, error: unknown): number {
  if (error instanceof UsageException || error instanceof VersionRequest) {
    return printUsageOrVersion(context.out, CONSOLE_CONSUMER_OPTIONS, error)
  }
  if (error instanceof OffsetResetConflict) {
    context.out.stderr(error.message + '\n')
    return 1
  }
  context.out.stderr('Exception in thread "main" ' + asJavaException(error).stackTrace())
  return 1
}

export const kafkaConsoleConsumer: Tool = async (argv, context) => {
  let options: OptionSet
  try {
    options = parseOptions(CONSOLE_CONSUMER_OPTIONS, argv)
  } catch (error) {
    const code = startupError(
      context,
      new UsageException(error instanceof Error ? error.message : String(error)),
    )
    context.out.stderr(zookeeperHint(argv))
    return code
  }
  let settings: ConsoleConsumerSettings
  try {
    settings = consoleConsumerSettings(argv, options, context.clock)
  } catch (error) {
    return startupError(context, error)
  }
  let consumer: Consumer | null = null
  let wrapper: ConsumerWrapper
  try {
    // Building the consumer checks its configs (ConfigException), inside ConsoleConsumer.run.
    consumer = context.kafka.consumer(
      settings.consumerProps['bootstrap.servers'] ?? '',
      settings.consumerProps,
      clientLog(context),
    )
    wrapper = new ConsumerWrapper(consumer, settings, context)
    await wrapper.start()
  } catch (error) {
    const message = 'Unknown error when running consumer: '
    context.out.stderr(errorLogLine(context.clock, LOGGER, message, asJavaException(error)))
    await consumer?.close()
    return 1
  }
  const { count, interrupted, failure } = await process(wrapper, settings, context)
  await wrapper.cleanup()
  context.out.stderr(`Processed a total of ${count} messages\n`)
  if (failure !== null) {
    const message = 'Unknown error when running consumer: '
    context.out.stderr(errorLogLine(context.clock, LOGGER, message, asJavaException(failure)))
    return 1
  }
  return interrupted ? interruptExitCode(context.interrupt) : 0
}
