/**
 * kafka-consumer-perf-test.sh (org.apache.kafka.tools.ConsumerPerformance, Kafka 4.1): subscribes a real
 * consumer of group --group to --topic and polls (100 ms each) until it has read --messages records or no
 * poll brought any for --timeout ms, then prints one CSV line after the header
 *   start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms,
 *   fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
 * as `%s, %s, %.4f, %.4f, %d, %.4f, %d, %d, %.4f, %.4f` (times in --date-format; MB are 1024 × 1024 bytes of
 * keys and values; rebalance.time.ms is the time until the group assigned partitions, from a rebalance
 * listener, and fetch.time.ms the rest; a rate over zero time is Java's Infinity or NaN). With
 * --show-detailed-stats a line `time, 0, MB, MB/s, n, n/s, rebalance ms, fetch ms, fetch MB/s, fetch n/s` per
 * --reporting-interval instead, and no final line. A run that stops short prints `WARNING: Exiting before
 * consuming the expected number of messages: timeout (N ms) exceeded. You can use the --timeout option to
 * increase the timeout.` on stdout first. Every record of the last poll counts, so the total may pass
 * --messages. Times are the context's clock (the virtual clock in a scenario run).
 *
 * Errors: option errors as consumer-performance-options.ts says; anything thrown after that (a bad number or
 * date format, read only when used, a missing config file, a consumer failure) is caught by main, which
 * prints its message and stack trace on stderr, exit 1. The header comes first, so it is printed even then.
 * --print-metrics is not available (a `[playground]` line, exit 1). Ctrl+C ends it without a summary.
 */
import type { Consumer, ConsumerRebalanceListener, TopicPartition } from '../../clients/kafka/api.ts'
import { Random } from '../../net/random.ts'
import { interruptExitCode, type Tool, type ToolContext } from '../tool.ts'
import {
  UsageException,
  VersionRequest,
  checkRequiredArgs,
  maybePrintHelpOrVersion,
  printUsageOrVersion,
} from './command-line-utils.ts'
import {
  CONSUMER_PERF_USAGE,
  consumerPerfOptions,
  numberOrDefault,
  reportingIntervalMs,
} from './consumer-performance-options.ts'
import { OptionException } from './java-exception.ts'
import { javaFixed } from './java-printf.ts'
import { SimpleDateFormat } from './java-simple-date-format.ts'
import { parseOptions } from './options/option-parser.ts'
import type { OptionSet } from './options/option-set.ts'
import { messageAndStackTrace } from './tool-errors.ts'
import { loadProps } from './tool-files.ts'

const POLL_MS = 100
const MB = 1024 * 1024
const EXTENDED_HEADER = ', rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec'

/** ConsumerPerfRebListener: the time from the start (or the last revocation of everything) to an assignment. */
class ConsumerPerfRebListener implements ConsumerRebalanceListener {
  private readonly assigned = new Set<string>()
  joinTimeMs = 0
  joinTimeMsInSingleRound = 0

  constructor(
    private readonly now: () => number,
    private joinStartMs: number,
  ) {}

  onPartitionsRevoked(partitions: readonly TopicPartition[]): void {
    for (const tp of partitions) this.assigned.delete(`${tp.topic}-${tp.partition}`)
    if (this.assigned.size === 0) this.joinStartMs = this.now()
  }

  onPartitionsAssigned(partitions: readonly TopicPartition[]): void {
    if (this.assigned.size === 0) {
      const elapsed = this.now() - this.joinStartMs
      this.joinTimeMs += elapsed
      this.joinTimeMsInSingleRound += elapsed
    }
    for (const tp of partitions) this.assigned.add(`${tp.topic}-${tp.partition}`)
  }
}

/** ConsumerPerfOptions.props: the config file, then the tool's own settings over it. */
function consumerProps(options: OptionSet, context: ToolContext): Record<string, string> {
  const file = options.valueOf('consumer.config')
  const props = file === null ? new Map<string, string>() : loadProps(context, file)
  props.set('bootstrap.servers', options.valueOf('bootstrap-server') ?? '')
  props.set('group.id', options.valueOf('group') ?? '')
  props.set('receive.buffer.bytes', String(options.numberOf('socket-buffer-size')))
  props.set('max.partition.fetch.bytes', String(options.numberOf('fetch-size')))
  props.set('auto.offset.reset', options.has('from-latest') ? 'latest' : 'earliest')
  props.set('key.deserializer', 'org.apache.kafka.common.serialization.ByteArrayDeserializer')
  props.set('value.deserializer', 'org.apache.kafka.common.serialization.ByteArrayDeserializer')
  props.set('check.crcs', 'false')
  if (!props.has('client.id')) props.set('client.id', 'perf-consumer-client')
  return Object.fromEntries(props)
}

interface Totals {
  messages: number
  bytes: number
}

/** ConsumerPerformance.consume: the poll loop; null when Ctrl+C ended it. */
async function consume(
  consumer: Consumer,
  options: OptionSet,
  listener: ConsumerPerfRebListener,
  context: ToolContext,
): Promise<Totals | null> {
  const { clock, interrupt, out } = context
  const numMessages = options.numberOf('messages') ?? 0
  const timeoutMs = numberOrDefault(options, 'timeout', 10_000)
  const intervalMs = reportingIntervalMs(options)
  const detailed = options.has('show-detailed-stats')
  const dateFormat = new SimpleDateFormat(options.valueOf('date-format') ?? '')
  await consumer.subscribe([options.valueOf('topic') ?? ''], listener)
  let now = clock.now()
  let lastReportMs = now
  let lastConsumedMs = now
  let lastBytes = 0
  let lastMessages = 0
  const totals: Totals = { messages: 0, bytes: 0 }
  while (totals.messages < numMessages && now - lastConsumedMs <= timeoutMs) {
    // Its own end if no record comes: the first poll that returns past the timeout.
    interrupt.endsBy?.(lastConsumedMs + timeoutMs + POLL_MS)
    const records = await Promise.race([consumer.poll(POLL_MS), interrupt.whenInterrupted.then(() => null)])
    if (records === null || interrupt.interrupted) return null
    now = clock.now()
    if (records.length > 0) lastConsumedMs = now
    for (const record of records) {
      totals.messages++
      totals.bytes += (record.key?.length ?? 0) + (record.value?.length ?? 0)
      if (now - lastReportMs < intervalMs) continue
      if (detailed) {
        const interval = { bytes: totals.bytes - lastBytes, messages: totals.messages - lastMessages }
        out.stdout(progressLine(dateFormat.format(now), totals, interval, now - lastReportMs, listener))
      }
      // The tool starts a fresh counter here that its listener never sees: later rounds print 0.
      listener.joinTimeMsInSingleRound = 0
      lastReportMs = now
      lastMessages = totals.messages
      lastBytes = totals.bytes
    }
  }
  if (totals.messages < numMessages) {
    out.stdout(
      `WARNING: Exiting before consuming the expected number of messages: timeout (${timeoutMs} ms) exceeded. ` +
        'You can use the --timeout option to increase the timeout.\n',
    )
  }
  return totals
}

/** printConsumerProgress: printBasicProgress and printExtendedProgress of one reporting interval. */
function progressLine(
  time: string,
  totals: Totals,
  interval: Totals,
  elapsedMs: number,
  listener: ConsumerPerfRebListener,
): string {
  const join = listener.joinTimeMsInSingleRound
  const intervalMb = interval.bytes / MB
  const fetchTimeMs = elapsedMs - join
  const fetchMbPerSec = fetchTimeMs <= 0 ? 0 : (1000 * intervalMb) / fetchTimeMs
  const fetchPerSec = fetchTimeMs <= 0 ? 0 : (1000 * interval.messages) / fetchTimeMs
  return (
    `${time}, 0, ${javaFixed(totals.bytes / MB, 4)}, ${javaFixed((1000 * intervalMb) / elapsedMs, 4)}, ` +
    `${totals.messages}, ${javaFixed((interval.messages / elapsedMs) * 1000, 4)}, ${join}, ${fetchTimeMs}, ` +
    `${javaFixed(fetchMbPerSec, 4)}, ${javaFixed(fetchPerSec, 4)}\n`
  )
}

/** The summary line of a run without --show-detailed-stats. */
function summaryLine(
  options: OptionSet,
  startMs: number,
  endMs: number,
  totals: Totals,
  joinMs: number,
): string {
  const dateFormat = new SimpleDateFormat(options.valueOf('date-format') ?? '')
  const elapsedSec = (endMs - startMs) / 1000
  const fetchTimeMs = endMs - startMs - joinMs
  const mb = totals.bytes / MB
  return (
    `${dateFormat.format(startMs)}, ${dateFormat.format(endMs)}, ${javaFixed(mb, 4)}, ${javaFixed(mb / elapsedSec, 4)}, ` +
    `${totals.messages}, ${javaFixed(totals.messages / elapsedSec, 4)}, ${joinMs}, ${fetchTimeMs}, ` +
    `${javaFixed(mb / (fetchTimeMs / 1000), 4)}, ${javaFixed(totals.messages / (fetchTimeMs / 1000), 4)}\n`
  )
}

/** ConsumerPerformance.main after the options: header, consumer, loop, summary. */
async function run(options: OptionSet, context: ToolContext): Promise<number> {
  const detailed = options.has('show-detailed-stats')
  if (!options.has('hide-header')) {
    const columns = detailed ? 'time, threadId' : 'start.time, end.time'
    context.out.stdout(
      `${columns}, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec${EXTENDED_HEADER}\n`,
    )
  }
  const props = consumerProps(options, context)
  const consumer = context.kafka.consumer(props['bootstrap.servers'] ?? '', props)
  const startMs = context.clock.now()
  const listener = new ConsumerPerfRebListener(() => context.clock.now(), startMs)
  let totals: Totals | null
  let endMs: number
  try {
    totals = await consume(consumer, options, listener, context)
    endMs = context.clock.now()
  } finally {
    await consumer.close()
  }
  if (totals === null) return interruptExitCode(context.interrupt)
  if (!detailed) context.out.stdout(summaryLine(options, startMs, endMs, totals, listener.joinTimeMs))
  return 0
}

export const kafkaConsumerPerfTest: Tool = async (argv, context) => {
  const random = context.random ?? new Random(context.clock.now())
  const specs = consumerPerfOptions(`perf-consumer-${random.nextInt(100_000)}`)
  let options: OptionSet
  try {
    try {
      options = parseOptions(specs, argv)
    } catch (error) {
      throw error instanceof OptionException ? new UsageException(error.javaMessage ?? '') : error
    }
    maybePrintHelpOrVersion(argv, options, CONSUMER_PERF_USAGE)
    checkRequiredArgs(options, 'bootstrap-server', 'topic', 'messages')
  } catch (error) {
    if (error instanceof UsageException || error instanceof VersionRequest) {
      return printUsageOrVersion(context.out, specs, error)
    }
    throw error
  }
  if (options.has('print-metrics')) {
    context.out.stderr(
      '[playground] --print-metrics is not available: the playground consumer keeps no metrics registry.\n',
    )
    return 1
  }
  try {
    return await run(options, context)
  } catch (error) {
    context.out.stderr(messageAndStackTrace(error))
    return 1
  }
}
