/**
 * The scenario runner's Ctrl+C: a long-running tool is interrupted IDLE_MS of clock time after its command
 * started, whether it polls `interrupted` or waits on `whenInterrupted`; a tool that bounds its own wait
 * (--timeout-ms, a consumer perf test's --timeout) and announces its end (Interrupt.endsBy) gets IDLE_MS past
 * that end, so it ends by itself as the real tool does, unless that end is more than OWN_END_LIMIT_MS away.
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

async function run(lines: string[]) {
  const cluster = await headlessTestCluster(1, 1, 1)
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

  it('stays interrupted once it is: a later announcement changes nothing', async () => {
    const clock = new VirtualClock()
    const interrupt = idleInterrupt(clock, 100)
    await interrupt.whenInterrupted
    interrupt.endsBy?.(clock.now() + 50)
    expect(interrupt.interrupted).toBe(true)
  })
})
