/**
 * The scenario runner's Ctrl+C: a long-running tool is interrupted IDLE_MS of clock time after its command
 * started, whether it polls `interrupted` or waits on `whenInterrupted`; a tool that bounds its own wait
 * (--timeout-ms, a consumer perf test's --timeout) and announces its end (Interrupt.endsBy) gets IDLE_MS past
 * that end, so it ends by itself as the real tool does, unless that end is more than OWN_END_LIMIT_MS away. A tool
 * that ends by itself once its work is done is not cut while it makes progress (Interrupt.progressed: records
 * toward --max-messages, a perf producer's sends, a copier's transactions), up to the hard cap of
 * OWN_END_LIMIT_MS + IDLE_MS after its start.
 */
import { describe, expect, it } from 'vitest'
import { VirtualClock } from '../../../workers/net/clock.ts'
import {
  IDLE_MS,
  OWN_END_LIMIT_MS,
  idleInterrupt,
  runScenario,
} from '../../../workers/tools/scenario/scenario-runner.ts'
import { headlessTestCluster } from './wasm.ts'

const CREATE = 'kafka-topics --bootstrap-server localhost:9092 --create --topic t'
const CONSUMER = 'kafka-console-consumer --bootstrap-server localhost:9092 --topic t --from-beginning'
const TIMED_OUT =
  /^\[[-0-9 :,]+\] ERROR Error processing message, terminating consumer process: {2}\(org\.apache\.kafka\.tools\.consumer\.ConsoleConsumer\)\norg\.apache\.kafka\.common\.errors\.TimeoutException\n/

const ASSIGNED =
  'kafka-console-consumer --bootstrap-server localhost:9092 --topic t --partition 0 --offset earliest'

function producerPerfTest(records: number, throughput: number): string {
  return `kafka-producer-perf-test --topic t --num-records ${records} --record-size 10 --throughput ${throughput} --producer-props bootstrap.servers=localhost:9092`
}

async function run(lines: string[], brokers = 1) {
  const cluster = await headlessTestCluster(brokers, 1, 1)
  const start = cluster.env.clock.now()
  const steps = await runScenario(lines.join('\n'), cluster)
  return { steps, elapsed: cluster.env.clock.now() - start }
}

function tool(step: { outcome: unknown } | undefined) {
  const outcome = step?.outcome as { kind: string; exitCode: number; stdout: string; stderr: string }
  expect(outcome.kind).toBe('kafka')
  return outcome
}

describe('runScenario', () => {
  it('interrupts a perf test that waits for ever (--throughput 0) once IDLE_MS have passed', async () => {
    const { steps, elapsed } = await run([
      CREATE,
      'kafka-producer-perf-test --topic t --num-records 1000000 --record-size 10 --throughput 0 --producer-props bootstrap.servers=localhost:9092',
      'kafka-console-consumer --bootstrap-server localhost:9092 --topic t',
    ])
    expect(steps.map(({ outcome }) => outcome.kind === 'kafka' && outcome.exitCode)).toEqual([0, 130, 130])
    expect(elapsed).toBeGreaterThanOrEqual(2 * IDLE_MS)
    expect(elapsed).toBeLessThan(3 * IDLE_MS)
  })

  it.each([5000, 12_000])(
    'lets a console consumer with --timeout-ms %i end by its own timeout, as the real one does',
    async (timeoutMs) => {
      const { steps, elapsed } = await run([CREATE, `${CONSUMER} --timeout-ms ${timeoutMs}`])
      const consumer = tool(steps[1])
      expect(consumer.exitCode).toBe(0)
      expect(consumer.stdout).toBe('')
      expect(consumer.stderr).toMatch(TIMED_OUT)
      expect(consumer.stderr.endsWith('\nProcessed a total of 0 messages\n')).toBe(true)
      expect(elapsed).toBeGreaterThanOrEqual(timeoutMs)
      expect(elapsed).toBeLessThan(timeoutMs + IDLE_MS)
    },
  )

  it('waits for a consumer whose records keep coming within its --timeout-ms past IDLE_MS', async () => {
    const { steps } = await run([
      CREATE,
      'kafka-producer-perf-test --topic t --num-records 8 --record-size 10 --throughput 1 --producer-props bootstrap.servers=localhost:9092 &',
      // Assigned, not subscribed: no group join (group.initial.rebalance.delay.ms) delays the first record.
      'kafka-console-consumer --bootstrap-server localhost:9092 --topic t --partition 0 --offset earliest --timeout-ms 3000',
    ])
    const consumer = tool(steps[2])
    expect(consumer.exitCode).toBe(0)
    expect(consumer.stdout.split('\n')).toHaveLength(8 + 1)
    expect(consumer.stderr).toMatch(TIMED_OUT)
    expect(consumer.stderr.endsWith('\nProcessed a total of 8 messages\n')).toBe(true)
  })

  it('interrupts a consumer whose own --timeout-ms ends after OWN_END_LIMIT_MS at IDLE_MS', async () => {
    const { steps, elapsed } = await run([CREATE, `${CONSUMER} --timeout-ms ${OWN_END_LIMIT_MS + 1}`])
    const consumer = tool(steps[1])
    expect(consumer.exitCode).toBe(130)
    expect(consumer.stderr).toBe('Processed a total of 0 messages\n')
    expect(elapsed).toBeLessThan(2 * IDLE_MS)
  })

  it("lets a consumer perf test end by its own --timeout (10 s by default) with Kafka's warning", async () => {
    const { steps } = await run([
      CREATE,
      'kafka-consumer-perf-test --bootstrap-server localhost:9092 --topic t --messages 5 --group perf',
    ])
    const perf = tool(steps[1])
    expect(perf.exitCode).toBe(0)
    expect(perf.stdout).toContain(
      'WARNING: Exiting before consuming the expected number of messages: timeout (10000 ms) exceeded.',
    )
  })
})

describe('runScenario: tools that end by themselves once their work is done', () => {
  it.each([
    ['subscribed', CONSUMER],
    ['assigned to --partition 0', ASSIGNED],
  ])(
    'lets a console consumer (%s) with --max-messages run while a background producer still feeds it',
    async (_name, consumer) => {
      // The producer sends its 20th record 9.5 s after it starts: past the IDLE_MS that cut the consumer before.
      const { steps } = await run([CREATE, `${producerPerfTest(20, 2)} &`, `${consumer} --max-messages 20`])
      const consumed = tool(steps[2])
      expect(consumed.exitCode).toBe(0)
      expect(consumed.stdout.split('\n')).toHaveLength(20 + 1)
      expect(consumed.stderr).toBe('Processed a total of 20 messages\n')
    },
  )

  it('still stops a console consumer whose --max-messages never come, IDLE_MS after its last record', async () => {
    const { steps } = await run([
      CREATE,
      'kafka-console-producer --bootstrap-server localhost:9092 --topic t',
      '> one',
      '> two',
      `${ASSIGNED} --max-messages 5`,
    ])
    const consumed = tool(steps[2])
    expect(consumed.exitCode).toBe(130)
    expect(consumed.stdout).toBe('one\ntwo\n')
    expect(consumed.stderr).toBe('Processed a total of 2 messages\n')
  })

  it('runs a throughput-limited producer perf test to its end: every window line, then the summary', async () => {
    const { steps, elapsed } = await run([CREATE, producerPerfTest(30, 2)])
    const perf = tool(steps[1])
    expect(perf.exitCode).toBe(0)
    const lines = perf.stdout.trimEnd().split('\n')
    // One line per 5 s window of the 15 s run, as ProducerPerformance.Stats prints them, then the total.
    expect(lines).toHaveLength(3)
    for (const line of lines.slice(0, 2)) expect(line).toMatch(/^\d+ records sent, [\d.]+ records\/sec /)
    expect(lines[2]).toMatch(/^30 records sent, [\d.]+ records\/sec .* ms 99\.9th\.$/)
    expect(elapsed).toBeGreaterThan(14_500)
  })

  it('waits for the end a slow producer perf test announces though its sends are farther apart than IDLE_MS', async () => {
    const { steps, elapsed } = await run([CREATE, producerPerfTest(2, 0.1)])
    const perf = tool(steps[1])
    expect(perf.exitCode).toBe(0)
    expect(perf.stdout).toMatch(/^2 records sent, /)
    expect(elapsed).toBeGreaterThan(10_000)
  })

  it('stops a producer perf test still sending at the hard cap, OWN_END_LIMIT_MS + IDLE_MS after its start', async () => {
    const { steps, elapsed } = await run([CREATE, producerPerfTest(100, 1)])
    const perf = tool(steps[1])
    expect(perf.exitCode).toBe(130)
    expect(perf.stdout).not.toMatch(/^100 records sent/m)
    expect(elapsed).toBeGreaterThanOrEqual(OWN_END_LIMIT_MS + IDLE_MS)
    expect(elapsed).toBeLessThan(OWN_END_LIMIT_MS + IDLE_MS + 1_000)
  })

  it('lets a TransactionalMessageCopier copy to its end while each transaction commits', async () => {
    // On three brokers each commit waits for the transaction log's replicas: 30 of them take longer than IDLE_MS.
    const { steps } = await run(
      [
        CREATE,
        'kafka-topics --bootstrap-server localhost:9092 --create --topic out',
        producerPerfTest(30, -1),
        'kafka-run-class org.apache.kafka.tools.TransactionalMessageCopier --bootstrap-server localhost:9092 --input-topic t --input-partition 0 --output-topic out --transactional-id tx --transaction-size 1',
      ],
      3,
    )
    const copier = tool(steps[3])
    expect(copier.exitCode).toBe(0)
    expect(copier.stdout).toMatch(
      /\{"consumed":30,"shutdown_complete":"tx","totalProcessed":30,.*"remaining":0\}\n$/,
    )
  })
})

describe('idleInterrupt', () => {
  it('is interrupted IDLE_MS after it was made when no end is announced', async () => {
    const clock = new VirtualClock()
    const start = clock.now()
    const interrupt = idleInterrupt(clock, IDLE_MS)
    await clock.sleep(IDLE_MS - 1)
    expect(interrupt.interrupted).toBe(false)
    await interrupt.whenInterrupted
    expect(interrupt.interrupted).toBe(true)
    expect(clock.now() - start).toBe(IDLE_MS)
  })

  it("moves its deadline IDLE_MS past each end the tool announces, up to the limit's", async () => {
    const clock = new VirtualClock()
    const start = clock.now()
    const interrupt = idleInterrupt(clock, 100, 1_000)
    interrupt.endsBy?.(start + 300)
    interrupt.endsBy?.(start + 200)
    interrupt.endsBy?.(start + 1_001)
    await clock.sleep(399)
    expect(interrupt.interrupted).toBe(false)
    await interrupt.whenInterrupted
    expect(clock.now() - start).toBe(400)
  })

  it('moves its deadline IDLE_MS past the latest progress, but never past the limit plus IDLE_MS', async () => {
    const clock = new VirtualClock()
    const start = clock.now()
    const interrupt = idleInterrupt(clock, 100, 1_000)
    for (let at = 90; at <= 1_090; at += 90) {
      await clock.sleep(start + at - clock.now())
      interrupt.progressed?.(clock.now())
    }
    expect(interrupt.interrupted).toBe(false)
    await interrupt.whenInterrupted
    // The last progress counted came at 990 ms, the limit's last step before 1,000.
    expect(clock.now() - start).toBe(1_090)
  })

  it('stays interrupted once it is: a later announcement changes nothing', async () => {
    const clock = new VirtualClock()
    const interrupt = idleInterrupt(clock, 100)
    await interrupt.whenInterrupted
    interrupt.endsBy?.(clock.now() + 50)
    expect(interrupt.interrupted).toBe(true)
  })
})
