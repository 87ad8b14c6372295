/**
 * kafka-producer-perf-test (ProducerPerformance of Kafka 4.1) on the headless cluster: the payload letters of
 * SplittableRandom(0), Java's `%.Nf` rounding, the throttle holding --throughput, the 5-second window lines and
 * the total with percentiles, and argparse4j's usage and error lines. The SplittableRandom and Formatter values
 * below were printed by a JDK 21 (java.util.SplittableRandom(0), String.format).
 */
import { describe, expect, it } from 'vitest'
import type { HeadlessCluster } from '../../../../workers/tools/scenario/headless-cluster.ts'
import { parseScript } from '../../../../workers/tools/script/parse-script.ts'
import { runCommand } from '../../../../workers/tools/shell/shell.ts'
import { formatOutcome } from '../../../../workers/tools/scenario/transcript.ts'
import { SplittableRandom } from '../../../../workers/tools/kafka/splittable-random.ts'
import { javaFixed } from '../../../../workers/tools/kafka/java-printf.ts'
import { producerPerformanceUsage } from '../../../../workers/tools/kafka/producer-performance-options.ts'
import { headlessTestCluster } from '../../scenario/wasm.ts'

function cluster(): Promise<HeadlessCluster> {
  return headlessTestCluster(3, 1, 3)
}

/** Each command's printed outcome; no Ctrl+C (the scenario runner's would end a test longer than 5 s). */
async function run(c: HeadlessCluster, script: string): Promise<string[]> {
  const never = { interrupted: false, whenInterrupted: new Promise<void>(() => undefined) }
  const quiet = { stdout: () => undefined, stderr: () => undefined }
  const outcomes: string[] = []
  for (const command of parseScript(script)) {
    outcomes.push(formatOutcome(await c.run(runCommand(command, c.env, quiet, never))))
  }
  return outcomes
}

const PERF = 'kafka-producer-perf-test.sh --topic perf'
const PROPS = '--producer-props bootstrap.servers=localhost:9092'
const CREATE =
  'kafka-topics.sh --bootstrap-server localhost:9092 --create --topic perf --partitions 1 --replication-factor 3'

describe('Java values', () => {
  it('draws the JDK SplittableRandom(0) sequence', () => {
    const letters = new SplittableRandom(0)
    expect(Array.from({ length: 40 }, () => String.fromCharCode(letters.nextInt(26) + 65)).join('')).toBe(
      'YQHHNEBSEPDNSEIFGAMSUJXKOLTXSPLGHDIOYZJF',
    )
    const ints = new SplittableRandom(0)
    expect([ints.nextInt(7), ints.nextInt(1000), ints.nextInt(3), ints.nextInt()]).toEqual([
      6, 396, 0, -974129710,
    ])
  })

  it('rounds %.Nf half up on the shortest decimal digits, as Formatter does', () => {
    const cases: Array<[number, string]> = [
      [1.005, '1.01|1.0|1.005000'],
      [18518.518518518518, '18518.52|18518.5|18518.518519'],
      [0.045, '0.05|0.0|0.045000'],
      [999.95, '999.95|1000.0|999.950000'],
      [1e-7, '0.00|0.0|0.000000'],
    ]
    for (const [value, expected] of cases) {
      expect(`${javaFixed(value, 2)}|${javaFixed(value, 1)}|${javaFixed(value)}`).toBe(expected)
    }
  })
})

describe('kafka-producer-perf-test', () => {
  it('sends every record, holds --throughput and prints a window line every 5 s and the total', async () => {
    const c = await cluster()
    const [, perf, offsets, consumed] = await run(
      c,
      [
        CREATE,
        `${PERF} --num-records 4000 --record-size 10 --throughput 500 ${PROPS} acks=all`,
        'kafka-get-offsets.sh --bootstrap-server localhost:9092 --topic perf',
        'kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic perf --from-beginning --max-messages 1',
      ].join('\n'),
    )
    const lines = perf!.trimEnd().split('\n')
    // 4000 records at 500/s: windows at 5 s, then the total after about 8 s (interrupted runs print no total)
    expect(lines[0]).toMatch(
      /^\d+ records sent, \d+\.\d records\/sec \(\d+\.\d\d MB\/sec\), \d+\.\d ms avg latency, \d+\.\d ms max latency\.$/,
    )
    // The first send waits for the topic's metadata (one loopback round trip), so the throttle sees time pass from
    // the second record on and holds 500/s from the start: about 2,500 records by the first window, 4,000 by the end.
    const rate = (line: string) => Number(/records sent, ([\d.]+) records\/sec/.exec(line)![1])
    expect(rate(lines[0]!)).toBeGreaterThan(490)
    expect(rate(lines[0]!)).toBeLessThan(510)
    expect(rate(lines.at(-1)!)).toBeGreaterThan(490)
    expect(rate(lines.at(-1)!)).toBeLessThan(510)
    expect(lines.at(-1)).toMatch(
      /^4000 records sent, \d+\.\d{6} records\/sec \(\d+\.\d\d MB\/sec\), \d+\.\d\d ms avg latency, \d+\.\d\d ms max latency, \d+ ms 50th, \d+ ms 95th, \d+ ms 99th, \d+ ms 99\.9th\.$/,
    )
    expect(offsets).toBe('perf:0:4000\n')
    // the first payload: ten letters of SplittableRandom(0)
    expect(consumed).toBe('YQHHNEBSEP\nProcessed a total of 1 messages\n')
  }, 60_000)

  it("waits for the first record's metadata as KafkaProducer.send does: a finite rate, and --throughput 100 holds 100/s", async () => {
    const c = await cluster()
    const [, unthrottled, throttled] = await run(
      c,
      [
        CREATE.replace('--replication-factor 3', '--replication-factor 1'),
        // The cluster's first producer id takes one retry.backoff.ms (the broker is still getting its id block).
        `${PERF} --num-records 1000 --record-size 100 --throughput -1 ${PROPS}`,
        // From the second record on the throttle sleeps 10 ms a record; each waits linger.ms (5) and a round trip.
        `${PERF} --num-records 300 --record-size 100 --throughput 100 ${PROPS}`,
      ].join('\n'),
    )
    expect(unthrottled).toBe(
      '1000 records sent, 9523.809524 records/sec (0.91 MB/sec), 103.26 ms avg latency, 104.00 ms max latency, ' +
        '103 ms 50th, 104 ms 95th, 104 ms 99th, 104 ms 99.9th.\n',
    )
    expect(throttled).toBe(
      '300 records sent, 100.300903 records/sec (0.01 MB/sec), 6.00 ms avg latency, 7.00 ms max latency, ' +
        '6 ms 50th, 6 ms 95th, 6 ms 99th, 7 ms 99.9th.\n',
    )
  }, 60_000)

  it("logs NetworkClient's metadata WARN on stderr for a topic created on first use, as the console producer does", async () => {
    const c = await cluster()
    const [perf] = await run(c, `${PERF} --num-records 10 --record-size 10 --throughput -1 ${PROPS}`)
    const lines = perf!.trimEnd().split('\n')
    expect(lines[0]).toMatch(
      /^\[\S+ \S+\] WARN \[Producer clientId=perf-producer-client\] The metadata response from the cluster reported a recoverable issue with correlation id \d+ : \{perf=UNKNOWN_TOPIC_OR_PARTITION\} \(org\.apache\.kafka\.clients\.NetworkClient\)$/,
    )
    expect(lines.at(-1)).toMatch(/^10 records sent, /)
  }, 60_000)

  it('reports argparse4j errors after the usage', async () => {
    const c = await cluster()
    const usage = producerPerformanceUsage()
    const [noPayload, unknown, badLong, noProps, zero] = await run(
      c,
      [
        `${PERF} --num-records 10 --throughput -1 ${PROPS}`,
        `${PERF} --num-records 10 --record-size 1 --throughput -1 --bogus ${PROPS}`,
        `${PERF} --num-records ten --record-size 1 --throughput -1 ${PROPS}`,
        `${PERF} --num-records 10 --record-size 1 --throughput -1`,
        `${PERF} --num-records 0 --record-size 1 --throughput -1 ${PROPS}`,
      ].join('\n'),
    )
    const error = (message: string) => `${usage}producer-performance: error: ${message}\n`
    expect(noPayload).toBe(
      error('one of the arguments --record-size --payload-file --payload-monotonic is required'),
    )
    expect(unknown).toBe(error("unrecognized arguments: '--bogus'"))
    expect(badLong).toBe(
      error(`argument --num-records: could not convert 'ten' to Long (For input string: "ten")`),
    )
    expect(noProps).toBe(error('Either --producer-props or --producer.config must be specified.'))
    expect(zero).toBe(error('--num-records should be greater than zero'))
    expect(usage.split('\n')[0]).toBe(
      'usage: producer-performance [-h] --topic TOPIC --num-records NUM-RECORDS',
    )
    expect(
      usage.split('\n').every((line) => line.length <= 80 || line.includes('PROP-NAME=PROP-VALUE ...')),
    ).toBe(true)
  }, 60_000)

  it('runs transactions: a commit once one has lasted --transaction-duration-ms, a default id without --transactional-id', async () => {
    const c = await cluster()
    const [, , , producers, described, , listed] = await run(
      c,
      [
        CREATE,
        // The first send waits 1 ms for metadata, so the transaction lasts its 1 ms at the second record; then 1 ms
        // passes every 1,000 sends: transactions of 2, 999 and 999 records.
        `${PERF} --num-records 2000 --record-size 5 --throughput -1 --transactional-id perf-app --transaction-duration-ms 1 ${PROPS}`,
        'sleep 1',
        'kafka-transactions.sh --bootstrap-server localhost:9092 describe-producers --topic perf --partition 0',
        'kafka-transactions.sh --bootstrap-server localhost:9092 describe --transactional-id perf-app',
        `${PERF} --num-records 1 --record-size 5 --throughput -1 --transaction-duration-ms 1000 ${PROPS}`,
        'kafka-transactions.sh --bootstrap-server localhost:9092 list',
      ].join('\n'),
    )
    const cells = (table: string | undefined): string[] =>
      (table?.split('\n')[1] ?? '').split('\t').map((cell) => cell.trim())
    // Three COMMIT markers, each bumping the epoch (transactions V2), and no open transaction.
    expect(cells(producers)).toEqual(['0', '3', '0', '-1', expect.any(String), 'None', ''])
    expect(cells(described).slice(1, 5)).toEqual(['perf-app', '0', '3', 'CompleteCommit'])
    const ids = (listed ?? '')
      .split('\n')
      .slice(1, -1)
      .map((line) => line.split('\t')[0]!.trim())
    expect(ids).toContain('perf-app')
    expect(ids.find((id) => id !== 'perf-app')).toMatch(/^performance-producer-[A-Za-z0-9_-]{22}$/)
  }, 60_000)
})
