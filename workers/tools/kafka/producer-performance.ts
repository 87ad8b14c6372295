/**
 * kafka-producer-perf-test.sh (org.apache.kafka.tools.ProducerPerformance, Kafka 4.1): sends --num-records
 * records to --topic through a real producer, with payloads of --record-size random capital letters (drawn
 * from SplittableRandom(0)), lines of a --payload-file, or --payload-monotonic counters, throttled to
 * --throughput records/s (ThroughputThrottler; -1 for no limit), and measures each record's latency from send()
 * to its callback. Every 5 s of the test a window line:
 *   `N records sent, R records/sec (M MB/sec), A ms avg latency, X ms max latency.`
 * and at the end the total with the 50th, 95th, 99th and 99.9th percentiles of at most 500,000 sampled
 * latencies, then again for the steady state after --warmup-records. Figures use Java's Formatter rounding.
 * The loop waits where KafkaProducer.send blocks: for the topic's metadata (the first send's round trip,
 * inside its latency and before the throttle's next reading, as in Java) and while the records not yet
 * acknowledged hold buffer.memory bytes; and it lets the producer run between records as its sender thread
 * would. Ctrl+C ends it without a summary, as SIGINT ends the JVM. Transactions (4.1's ConfigPostProcessor):
 * on when --transactional-id, --transaction-duration-ms or a transactional.id producer property is given; the
 * id is --transactional-id, else the property, else `performance-producer-<random Uuid>`; the duration
 * defaults to 3000 ms. The producer
 * calls initTransactions once, begins a transaction before a send when none is open, commits after a send
 * once the transaction has lasted the duration, and commits the last one after the loop; the output is the
 * same. Interrupted (or ended by an exception), the JVM exits without closing the producer: it sends nothing
 * more, and the open transaction is left to the coordinator's timeout abort (a forced close here).
 * The producer's WARN and ERROR log lines go to stderr (clientLog), such as NetworkClient's metadata warning for a
 * topic created on first use. --print-metrics is not available (a `[playground]` line, exit 1). The headless runner's idle Ctrl+C hears of
 * its own end: a throttled run announces when its last send is due (Interrupt.endsBy), and each completed send
 * is progress (Interrupt.progressed), so it runs to its summary as the real tool does.
 */
import type { Callback, Producer } from '../../clients/kafka/api.ts'
import { interruptExitCode, type Tool, type ToolContext } from '../tool.ts'
import { javaFixed } from './java-printf.ts'
import {
  ArgumentParserException,
  checkProducerPerformanceConfig,
  parseProducerPerformanceArgs,
  producerPerformanceUsage,
  producerProps,
  type ProducerPerformanceConfig,
} from './producer-performance-options.ts'
import { SplittableRandom } from './splittable-random.ts'
import { loadProps } from './tool-files.ts'
import { clientLog } from './tool-log.ts'
import { asJavaException, illegalArgument } from './tool-errors.ts'
import { patternSplit } from '../../net/java-pattern-split.ts'
import { compileJavaPattern } from '../../es/analysis/custom/java-pattern.ts'
import { Random } from '../../net/random.ts'
import { randomUuid } from '../../net/random-uuid.ts'

const REPORTING_INTERVAL_MS = 5000
const DEFAULT_TRANSACTION_ID_PREFIX = 'performance-producer-'
const DEFAULT_TRANSACTION_DURATION_MS = 3000
const DEFAULT_BUFFER_MEMORY = 33554432
/**
 * How many sends the loop makes before it lets the producer's sender run for a millisecond (the time a JVM spends
 * on them; under the simulation's virtual clock, time passes only while the loop waits).
 */
const SENDS_PER_TURN = 1000

export const kafkaProducerPerfTest: Tool = async (argv, context) => {
  let config: ProducerPerformanceConfig
  try {
    config = parseProducerPerformanceArgs(argv)
    if (config.help || argv.length === 0) {
      context.out.stdout(producerPerformanceUsage())
      context.out.stdout(
        '[playground] The full argparse help text is not reproduced; the usage above lists every argument.\n',
      )
      return 0
    }
    checkProducerPerformanceConfig(config)
  } catch (error) {
    if (!(error instanceof ArgumentParserException)) throw error
    context.out.stderr(`${producerPerformanceUsage()}producer-performance: error: ${error.message}\n`)
    return 1
  }
  if (config.printMetrics) {
    context.out.stderr(
      '[playground] --print-metrics is not available: the playground producer keeps no metrics registry.\n',
    )
    return 1
  }
  let producer: Producer | null = null
  try {
    const payloads = readPayloads(config, context)
    const props = producerConfig(config, context)
    // The producer logs through the tools' log4j2 config (WARN and up on stderr), as the console producer's does.
    producer = context.kafka.producer(props['bootstrap.servers'] ?? '', props, clientLog(context))
    const completed = await runTest(config, payloads, producer, props, context)
    if (!completed) return interruptExitCode(context.interrupt)
    await producer.close()
    producer = null
    completed.stats.printTotal()
    completed.steadyState?.printTotal()
    return 0
  } catch (error) {
    context.out.stderr(`Exception in thread "main" ${asJavaException(error).stackTrace()}`)
    return 1
  } finally {
    // Interrupted or failed, the JVM ends without closing the producer (its sender thread is a daemon):
    // nothing more is sent, and an open transaction is left to the coordinator's timeout abort.
    await producer?.close(0)
  }
}

/** ProducerPerformance.readProps: the config file, then --producer-props over it, and the tool's client.id. */
function producerConfig(config: ProducerPerformanceConfig, context: ToolContext): Record<string, string> {
  const props =
    config.producerConfigFile === null
      ? new Map<string, string>()
      : loadProps(context, config.producerConfigFile)
  if (config.producerProps !== null)
    for (const [name, value] of producerProps(config.producerProps)) props.set(name, value)
  props.set('key.serializer', 'org.apache.kafka.common.serialization.ByteArraySerializer')
  props.set('value.serializer', 'org.apache.kafka.common.serialization.ByteArraySerializer')
  if (!props.has('client.id')) props.set('client.id', 'perf-producer-client')
  if (
    config.transactionalId !== null ||
    config.transactionDurationMs !== null ||
    props.has('transactional.id')
  ) {
    const random = context.random ?? new Random(context.clock.now())
    props.set(
      'transactional.id',
      config.transactionalId ??
        props.get('transactional.id') ??
        `${DEFAULT_TRANSACTION_ID_PREFIX}${randomUuid(random)}`,
    )
  }
  return Object.fromEntries(props)
}

/** readPayloadFile: the file's parts between delimiters, announced as the tool announces them. */
function readPayloads(config: ProducerPerformanceConfig, context: ToolContext): Uint8Array[] {
  if (config.payloadFile === null) return []
  const path = config.payloadFile
  context.out.stdout(`Reading payloads from: ${path}\n`)
  const text = context.files?.read(path) ?? ''
  if (text.length === 0) throw illegalArgument('File does not exist or empty file provided.')
  // Scanner.useDelimiter compiles the delimiter as a Java regex (the default `\n` becomes a newline first).
  const delimiter = compileJavaPattern(config.payloadDelimiter === '\\n' ? '\n' : config.payloadDelimiter)
  const utf8 = new TextEncoder()
  const payloads = patternSplit(text, delimiter, 0).map((part) => utf8.encode(part))
  context.out.stdout(`Number of messages read: ${payloads.length}\n`)
  return payloads
}

/** The send loop; null when Ctrl+C ended it. */
async function runTest(
  config: ProducerPerformanceConfig,
  payloads: readonly Uint8Array[],
  producer: Producer,
  props: Record<string, string>,
  context: ToolContext,
): Promise<{ stats: Stats; steadyState: Stats | null } | null> {
  const { clock, interrupt } = context
  const random = new SplittableRandom(0)
  const utf8 = new TextEncoder()
  if (config.warmupRecords > 0) {
    context.out.stdout(
      `Warmup first ${config.warmupRecords} records. Steady state results will print after the complete test summary.\n`,
    )
  }
  const stats = new Stats(config.numRecords, false, clock.now(), context)
  let steadyState: Stats | null = null
  const throttler = new ThroughputThrottler(config.throughput, clock.now())
  // Throttled to --throughput records/s, it sends its last record about --num-records / --throughput s from now.
  if (config.throughput > 0) interrupt.endsBy?.(clock.now() + (config.numRecords * 1000) / config.throughput)
  const bufferMemory = Number(props['buffer.memory'] ?? DEFAULT_BUFFER_MEMORY)
  let unacknowledged = 0
  let drained: (() => void) | null = null
  const transactionsEnabled = props['transactional.id'] !== undefined
  const transactionDurationMs = config.transactionDurationMs ?? DEFAULT_TRANSACTION_DURATION_MS
  let transactionSize = 0
  let transactionStart = 0
  const untilInterrupted = async (step: Promise<void>): Promise<boolean> => {
    await Promise.race([step, interrupt.whenInterrupted])
    return !interrupt.interrupted
  }
  if (transactionsEnabled && !(await untilInterrupted(producer.initTransactions()))) return null
  for (let i = 0; i < config.numRecords; i++) {
    if (interrupt.interrupted) return null
    if (transactionsEnabled && transactionSize === 0) {
      producer.beginTransaction()
      transactionStart = clock.now()
    }
    let payload: Uint8Array
    if (payloads.length > 0) payload = payloads[random.nextInt(payloads.length)]!
    else if (config.recordSize !== null) {
      payload = new Uint8Array(config.recordSize)
      for (let j = 0; j < payload.length; j++) payload[j] = random.nextInt(26) + 65
    } else payload = utf8.encode(String(i))
    const sendStartMs = clock.now()
    if (config.warmupRecords > 0 && i === config.warmupRecords) {
      steadyState = new Stats(config.numRecords - config.warmupRecords, true, clock.now(), context)
      stats.suppressPrinting()
    }
    const measured = steadyState
    const bytes = payload.length
    const callback: Callback = (_metadata, exception) => {
      const now = clock.now()
      // Each completed send moves it on toward its --num-records.
      interrupt.progressed?.(now)
      unacknowledged -= bytes
      if (drained !== null && unacknowledged < bufferMemory) {
        drained()
        drained = null
      }
      if (exception === null) {
        stats.record(now - sendStartMs, bytes, now)
        measured?.record(now - sendStartMs, bytes, now)
      } else context.out.stderr(asJavaException(exception).stackTrace())
    }
    producer.send({ topic: config.topic, key: null, value: payload }, callback)
    // KafkaProducer.send blocks until the topic's partitions are known (the first send's metadata round trip).
    if (!(await untilInterrupted(producer.whenQueued()))) return null
    transactionSize++
    if (transactionsEnabled && transactionDurationMs <= sendStartMs - transactionStart) {
      if (!(await untilInterrupted(producer.commitTransaction()))) return null
      transactionSize = 0
    }
    unacknowledged += bytes
    if (unacknowledged >= bufferMemory) {
      await Promise.race([new Promise<void>((resolve) => (drained = resolve)), interrupt.whenInterrupted])
    } else if (i % SENDS_PER_TURN === SENDS_PER_TURN - 1) await clock.sleep(1)
    if (throttler.shouldThrottle(i, sendStartMs)) await throttler.throttle(clock, interrupt.whenInterrupted)
  }
  if (transactionsEnabled && transactionSize !== 0 && !(await untilInterrupted(producer.commitTransaction())))
    return null
  await Promise.race([producer.flush(), interrupt.whenInterrupted])
  return interrupt.interrupted ? null : { stats, steadyState }
}

/** ProducerPerformance.Stats: totals, the 5-second windows, and every `sampling`th latency for percentiles. */
class Stats {
  private readonly sampling: number
  private readonly latencies: Int32Array
  private iteration = 0
  private index = 0
  private count = 0
  private bytes = 0
  private maxLatency = 0
  private totalLatency = 0
  private windowCount = 0
  private windowMaxLatency = 0
  private windowTotalLatency = 0
  private windowBytes = 0
  private windowStart: number
  private suppressed = false

  constructor(
    numRecords: number,
    private readonly isSteadyState: boolean,
    private readonly start: number,
    private readonly context: ToolContext,
  ) {
    this.windowStart = start
    this.sampling = Math.trunc(numRecords / Math.min(numRecords, 500000))
    this.latencies = new Int32Array(Math.trunc(numRecords / this.sampling) + 1)
  }

  record(latency: number, bytes: number, time: number): void {
    this.count++
    this.bytes += bytes
    this.totalLatency += latency
    this.maxLatency = Math.max(this.maxLatency, latency)
    this.windowCount++
    this.windowBytes += bytes
    this.windowTotalLatency += latency
    this.windowMaxLatency = Math.max(this.windowMaxLatency, latency)
    if (this.iteration % this.sampling === 0) this.latencies[this.index++] = latency
    if (time - this.windowStart >= REPORTING_INTERVAL_MS) {
      if (this.isSteadyState && this.count === this.windowCount) this.context.out.stdout('In steady state.\n')
      if (!this.suppressed) this.printWindow()
      this.windowStart = this.context.clock.now()
      this.windowCount = 0
      this.windowMaxLatency = 0
      this.windowTotalLatency = 0
      this.windowBytes = 0
    }
    this.iteration++
  }

  suppressPrinting(): void {
    this.suppressed = true
  }

  private printWindow(): void {
    const elapsed = this.context.clock.now() - this.windowStart
    const recordsPerSec = (1000 * this.windowCount) / elapsed
    const mbPerSec = (1000 * this.windowBytes) / elapsed / (1024 * 1024)
    this.context.out.stdout(
      `${this.windowCount} records sent, ${javaFixed(recordsPerSec, 1)} records/sec (${javaFixed(mbPerSec, 2)} MB/sec), ` +
        `${javaFixed(this.windowTotalLatency / this.windowCount, 1)} ms avg latency, ` +
        `${javaFixed(this.windowMaxLatency, 1)} ms max latency.\n`,
    )
  }

  printTotal(): void {
    const { context } = this
    const elapsed = context.clock.now() - this.start
    const recordsPerSec = (1000 * this.count) / elapsed
    const mbPerSec = (1000 * this.bytes) / elapsed / (1024 * 1024)
    const size = Math.min(this.index, this.latencies.length)
    const sorted = this.latencies.slice(0, size).sort()
    const [p50, p95, p99, p999] = [0.5, 0.95, 0.99, 0.999].map((p) => sorted[Math.trunc(p * size)] ?? 0)
    context.out.stdout(
      `${this.count}${this.isSteadyState ? ' steady state' : ''} records sent, ${javaFixed(recordsPerSec)} records/sec ` +
        `(${javaFixed(mbPerSec, 2)} MB/sec), ${javaFixed(this.totalLatency / this.count, 2)} ms avg latency, ` +
        `${javaFixed(this.maxLatency, 2)} ms max latency, ${p50} ms 50th, ${p95} ms 95th, ${p99} ms 99th, ` +
        `${p999} ms 99.9th.\n`,
    )
  }
}

/**
 * org.apache.kafka.server.util.ThroughputThrottler: throttle when the rate so far is above the target; each
 * throttle adds 1/target seconds of sleep deficit and sleeps it off once it reaches 2 ms. A target of 0 waits
 * forever (until Ctrl+C); a negative one never throttles.
 */
class ThroughputThrottler {
  private static readonly MIN_SLEEP_NS = 2_000_000
  private readonly sleepTimeNs: number
  private sleepDeficitNs = 0

  constructor(
    private readonly targetThroughput: number,
    private readonly startMs: number,
  ) {
    this.sleepTimeNs = targetThroughput > 0 ? Math.trunc(1e9 / targetThroughput) : Number.MAX_SAFE_INTEGER
  }

  shouldThrottle(amountSoFar: number, sendStartMs: number): boolean {
    if (this.targetThroughput < 0) return false
    const elapsedSec = Math.fround((sendStartMs - this.startMs) / 1000)
    return elapsedSec > 0 && amountSoFar / elapsedSec > this.targetThroughput
  }

  /** Sleeps off the deficit; a target of 0 waits until `interrupted`. */
  async throttle(clock: ToolContext['clock'], interrupted: Promise<void>): Promise<void> {
    if (this.targetThroughput === 0) {
      await interrupted
      return
    }
    this.sleepDeficitNs += this.sleepTimeNs
    if (this.sleepDeficitNs >= ThroughputThrottler.MIN_SLEEP_NS) {
      await clock.sleep(Math.round(this.sleepDeficitNs / 1e6))
      this.sleepDeficitNs = 0
    }
  }
}
