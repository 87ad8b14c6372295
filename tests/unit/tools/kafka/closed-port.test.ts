/**
 * The tools against a bootstrap server no broker listens on (a wrong port from Docker-based notes): each client
 * logs NetworkClient's WARN for every failed connection attempt on the reconnect schedule, and the tool fails as
 * Kafka 4.1's does when its call times out (KafkaAdminClient's call names, the producer's max.block.ms), or, for
 * a consumer, goes on until its --timeout-ms.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { HeadlessCluster } from '../../../../workers/tools/scenario/headless-cluster.ts'
import { parseScript } from '../../../../workers/tools/script/parse-script.ts'
import { runCommand } from '../../../../workers/tools/shell/shell.ts'
import { formatOutcome } from '../../../../workers/tools/scenario/transcript.ts'
import { headlessTestCluster } from '../../scenario/wasm.ts'
import { ProcessSignal } from '../../../../workers/tools/process-signal.ts'
import { SIGINT } from '../../../../workers/tools/tool.ts'

const WARN =
  /^\[2026-01-01 (\d\d):(\d\d):(\d\d),(\d{3})\] WARN (\[[^\]]+\]) Connection to node (-?\d+) \(([^)]+)\) could not be established\. Node may not be available\. \(org\.apache\.kafka\.clients\.NetworkClient\)$/

/** The command's exit code and terminal text, and its WARN lines as [ms of the day, prefix, node, address]. */
async function run(
  c: HeadlessCluster,
  line: string,
): Promise<{ exitCode: number; text: string; warns: Array<[number, string, string, string]> }> {
  const never = { interrupted: false, whenInterrupted: new Promise<void>(() => undefined) }
  const quiet = { stdout: () => undefined, stderr: () => undefined }
  const [command] = parseScript(line)
  if (command === undefined) throw new Error(`no command in ${line}`)
  const outcome = await c.run(runCommand(command, c.env, quiet, never))
  const text = formatOutcome(outcome)
  const warns = text.split('\n').flatMap((l): Array<[number, string, string, string]> => {
    const m = WARN.exec(l)
    if (m === null) return []
    const ms = ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000 + Number(m[4])
    return [[ms, m[5] ?? '', m[6] ?? '', m[7] ?? '']]
  })
  return { exitCode: outcome.kind === 'es' ? outcome.status : outcome.exitCode, text, warns }
}

const gaps = (warns: Array<[number, ...unknown[]]>): number[] =>
  warns.slice(1).map(([ms], i) => ms - (warns[i]?.[0] ?? 0))

describe('a bootstrap server no broker listens on', () => {
  let c: HeadlessCluster
  beforeAll(async () => {
    c = await headlessTestCluster(1, 1, 1)
  })

  it('kafka-topics: a WARN per attempt, reconnect.backoff.ms doubling to 1 s with jitter, then Call: listTopics at 60 s', async () => {
    const { exitCode, text, warns } = await run(c, 'kafka-topics.sh --bootstrap-server localhost:9099 --list')
    expect(exitCode).toBe(1)
    for (const [, prefix, node, address] of warns)
      expect([prefix, node, address]).toEqual([
        '[AdminClient clientId=adminclient-1]',
        '-1',
        'localhost/127.0.0.1:9099',
      ])
    const waits = gaps(warns)
    // ExponentialBackoff(50, 2, 1000, 0.2): attempt n waits 50·2^n ± 20 %, capped at 1000 ms.
    expect(waits.slice(0, 4).map((w, n) => Math.abs(w / (50 * 2 ** n) - 1) <= 0.2)).toEqual([
      true,
      true,
      true,
      true,
    ])
    for (const w of waits.slice(5)) expect(w >= 800 && w <= 1000).toBe(true)
    expect(warns.length).toBeGreaterThan(55)
    expect(warns.length).toBeLessThan(75)
    const first = warns[0]?.[0] ?? 0
    expect((warns.at(-1)?.[0] ?? 0) - first).toBeLessThanOrEqual(60_000)
    expect(text.split('\n').slice(-4)).toEqual([
      'Error while executing topic command : Timed out waiting for a node assignment. Call: listTopics',
      expect.stringMatching(
        /^\[\S+ \S+\] ERROR org\.apache\.kafka\.common\.errors\.TimeoutException: Timed out waiting for a node assignment\. Call: listTopics$/,
      ),
      ' (org.apache.kafka.tools.TopicCommand)',
      '',
    ])
  })

  it('names each bootstrap server by its place (-1, -2) and prints its address as Java prints it', async () => {
    const { warns } = await run(c, 'kafka-topics.sh --bootstrap-server localhost:9099,127.0.0.1:29092 --list')
    expect(new Set(warns.map(([, , node, address]) => `${node} ${address}`))).toEqual(
      new Set(['-1 localhost/127.0.0.1:9099', '-2 /127.0.0.1:29092']),
    )
  })

  it("kafka-consumer-groups --describe times out in the handler's coordinator lookup, and exits 0", async () => {
    // ConsumerGroupCommand.run catches every Throwable into printError and main returns: the JVM exits 0.
    const { exitCode, text } = await run(
      c,
      'kafka-consumer-groups.sh --bootstrap-server localhost:9094 --describe --group g1',
    )
    expect(text).toContain(
      'Error: Executing consumer group command failed due to org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node assignment. Call: describeGroups(api=FIND_COORDINATOR)',
    )
    expect(exitCode).toBe(0)
  })

  it('Ctrl+C ends an admin tool still waiting for a node at once, as its JVM ends on SIGINT: exit 130, nothing more', async () => {
    const signal = new ProcessSignal()
    const quiet = { stdout: () => undefined, stderr: () => undefined }
    const [command] = parseScript(
      'kafka-topics.sh --bootstrap-server localhost:9099 --create --topic t --partitions 1',
    )
    if (command === undefined) throw new Error('no command')
    const start = c.env.clock.now()
    void c.env.clock.sleep(3000).then(() => signal.fire(SIGINT))
    const outcome = await c.run(runCommand(command, c.env, quiet, signal))
    expect(c.env.clock.now() - start).toBe(3000)
    expect(outcome.kind === 'es' ? outcome.status : outcome.exitCode).toBe(130)
    const lines = formatOutcome(outcome)
      .split('\n')
      .filter((l) => l !== '')
    expect(lines.every((l) => WARN.test(l))).toBe(true)
    // The closed admin client stops trying: the next command logs nothing of it.
    await c.run(c.env.clock.sleep(2000))
    const next = await run(c, 'kafka-topics.sh --bootstrap-server localhost:9092 --list')
    expect(next.warns).toEqual([])
  })

  it('the console consumer logs its attempts until its --timeout-ms, then ends as it does on a timeout', async () => {
    const { exitCode, text, warns } = await run(
      c,
      'kafka-console-consumer.sh --bootstrap-server localhost:9099 --topic t --timeout-ms 3000',
    )
    expect(exitCode).toBe(0)
    expect(warns.length).toBeGreaterThan(3)
    expect(warns[0]?.[1]).toMatch(/^\[Consumer clientId=console-consumer, groupId=console-consumer-\d+\]$/)
    expect((warns.at(-1)?.[0] ?? 0) - (warns[0]?.[0] ?? 0)).toBeLessThan(3000)
    expect(text).toContain('Processed a total of 0 messages')
    // The closed consumer stops trying: the next command logs nothing of it.
    const next = await run(c, 'kafka-topics.sh --bootstrap-server localhost:9092 --list')
    expect(next.warns).toEqual([])
  })
})
