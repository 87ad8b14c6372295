/**
 * kafka-consumer-perf-test (ConsumerPerformance of Kafka 4.1) over a fake consumer on a virtual clock: the
 * header and the summary line with Java's `%.4f` figures, rebalance.time.ms from the rebalance listener, the
 * --timeout warning, --show-detailed-stats lines per --reporting-interval, the consumer configs the tool sets,
 * and its errors (the usage for option errors; after the header, main's message and stack trace for values
 * read late), plus the SimpleDateFormat patterns of --date-format.
 */
import { describe, expect, it } from 'vitest'
import type { ConsumerRecord } from '../../../../workers/clients/kafka/api.ts'
import { kafkaConsumerPerfTest } from '../../../../workers/tools/kafka/consumer-performance.ts'
import { SimpleDateFormat } from '../../../../workers/tools/kafka/java-simple-date-format.ts'
import { Random } from '../../../../workers/net/random.ts'
import { harness, record, type FakeConsumer } from './fakes.ts'

const BASE = ['--bootstrap-server', 'localhost:9092', '--topic', 'demo']
const HEADER =
  'start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec\n'

async function run(argv: string[], setUp: (consumer: FakeConsumer) => void = () => undefined) {
  const h = harness()
  h.context.random = new Random(5)
  const create = h.context.kafka.consumer
  h.context.kafka = {
    ...h.context.kafka,
    consumer: (servers, config) => {
      const consumer = create(servers, config)
      setUp(h.consumers[h.consumers.length - 1]!)
      return consumer
    },
  }
  const code = await kafkaConsumerPerfTest(argv, h.context)
  return { code, stdout: h.stdout(), stderr: h.stderr(), consumers: h.consumers }
}

const quarterMb = (): ConsumerRecord => record({ value: 'x'.repeat(262_144) })

describe('kafka-consumer-perf-test', () => {
  it('prints the header and one summary line, rebalance time from the group join', async () => {
    const result = await run([...BASE, '--messages', '4'], (consumer) => {
      consumer.joinMs = 3000
      consumer.delayMs = 100
      consumer.batches = [[quarterMb(), quarterMb(), quarterMb(), quarterMb()]]
    })
    expect(result).toMatchObject({ code: 0, stderr: '' })
    // 1 MB and 4 records in 3.1 s, of which 3000 ms joining and 100 ms fetching.
    expect(result.stdout).toBe(
      HEADER +
        '2024-05-01 10:00:00:123, 2024-05-01 10:00:03:223, 1.0000, 0.3226, 4, 1.2903, 3000, 100, 10.0000, 40.0000\n',
    )
    const [consumer] = result.consumers
    expect(consumer?.calls).toEqual(['subscribe demo', 'close'])
    expect(consumer?.config['group.id']).toMatch(/^perf-consumer-\d{1,5}$/)
    expect({ ...consumer?.config, 'group.id': 'g' }).toEqual({
      'bootstrap.servers': 'localhost:9092',
      'group.id': 'g',
      'receive.buffer.bytes': '2097152',
      'max.partition.fetch.bytes': '1048576',
      'auto.offset.reset': 'earliest',
      'key.deserializer': 'org.apache.kafka.common.serialization.ByteArrayDeserializer',
      'value.deserializer': 'org.apache.kafka.common.serialization.ByteArrayDeserializer',
      'check.crcs': 'false',
      'client.id': 'perf-consumer-client',
    })
  })

  it('warns when no record came for --timeout ms, and counts every record of the last poll', async () => {
    const short = await run([...BASE, '--messages', '10', '--timeout', '1000', '--hide-header'])
    expect(short.stdout).toBe(
      'WARNING: Exiting before consuming the expected number of messages: timeout (1000 ms) exceeded. ' +
        'You can use the --timeout option to increase the timeout.\n' +
        '2024-05-01 10:00:00:123, 2024-05-01 10:00:01:223, 0.0000, 0.0000, 0, 0.0000, 0, 1100, 0.0000, 0.0000\n',
    )
    const more = await run(
      [...BASE, '--messages', '1', '--group', 'g', '--from-latest', '--fetch-size', '10'],
      (c) => {
        c.batches = [[record({ value: 'a', key: new TextEncoder().encode('k') }), record({ value: 'bc' })]]
      },
    )
    expect(more.stdout.split('\n')[1]?.split(', ')[4]).toBe('2')
    expect(more.consumers[0]?.config).toMatchObject({
      'group.id': 'g',
      'auto.offset.reset': 'latest',
      'max.partition.fetch.bytes': '10',
    })
  })

  it('prints a line per reporting interval with --show-detailed-stats, and no summary', async () => {
    const result = await run(
      [
        ...BASE,
        '--messages',
        '3',
        '--show-detailed-stats',
        '--reporting-interval',
        '150',
        '--date-format',
        'HH:mm:ss.SSS',
      ],
      (consumer) => {
        consumer.delayMs = 100
        consumer.batches = [
          [record({ value: 'abcd' })],
          [record({ value: 'abcd' })],
          [record({ value: 'abcd' })],
        ]
      },
    )
    expect(result.stdout).toBe(
      'time, threadId, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec\n' +
        '10:00:00.323, 0, 0.0000, 0.0000, 2, 10.0000, 0, 200, 0.0000, 10.0000\n',
    )
  })

  it('prints the usage for option errors and a missing required option', async () => {
    const missing = await run(['--bootstrap-server', 'localhost:9092', '--messages', '1'])
    expect(missing.code).toBe(1)
    expect(missing.stderr.split('\n')[0]).toBe('Missing required argument "[topic]"')
    expect(missing.stderr).toContain('--timeout [Long: milliseconds]')
    expect(missing.stderr).toMatch(/\(default:\s+perf-consumer-\d+\)/)
    const threads = await run([...BASE, '--messages', '1', '--threads', '2'])
    expect(threads.stderr.split('\n')[0]).toBe('threads is not a recognized option')
    expect((await run([...BASE])).stderr.split('\n')[0]).toBe('Missing required argument "[messages]"')
    expect((await run([])).stderr.split('\n')[0]).toBe(
      'This tool is used to verify the consumer performance.',
    )
    expect(await run([...BASE, '--messages', '1', '--print-metrics'])).toMatchObject({
      code: 1,
      stdout: '',
      stderr:
        '[playground] --print-metrics is not available: the playground consumer keeps no metrics registry.\n',
    })
  })

  it('fails after the header on values read late, with the message and stack trace', async () => {
    const cases: Array<[string[], string]> = [
      [
        ['--messages', 'ten'],
        "Cannot parse argument 'ten' of option messages\njoptsimple.OptionArgumentConversionException: Cannot parse argument 'ten' of option messages\n\n",
      ],
      [
        ['--messages', '1', '--reporting-interval', '0'],
        'Reporting interval must be greater than 0.\njava.lang.IllegalArgumentException: Reporting interval must be greater than 0.\n\n',
      ],
      [
        ['--messages', '1', '--date-format', 'yyyy-qq'],
        "Illegal pattern character 'q'\njava.lang.IllegalArgumentException: Illegal pattern character 'q'\n\n",
      ],
      [
        ['--messages', '1', '--consumer.config', 'c.properties'],
        'c.properties\njava.nio.file.NoSuchFileException: c.properties\n\n',
      ],
    ]
    for (const [argv, stderr] of cases) {
      expect(await run([...BASE, ...argv])).toMatchObject({ code: 1, stdout: HEADER, stderr })
    }
  })
})

describe('SimpleDateFormat', () => {
  const at = Date.UTC(2024, 4, 1, 13, 5, 9, 7)
  it('formats the fields Kafka users pass to --date-format, in UTC', () => {
    expect(new SimpleDateFormat('yyyy-MM-dd HH:mm:ss:SSS').format(at)).toBe('2024-05-01 13:05:09:007')
    expect(new SimpleDateFormat("EEE, d MMM yy 'at' h:mm a z").format(at)).toBe(
      'Wed, 1 May 24 at 1:05 PM UTC',
    )
    expect(new SimpleDateFormat("EEEE MMMM D S Z X ''").format(at)).toBe("Wednesday May 122 7 +0000 Z '")
    expect(new SimpleDateFormat("'o''clock' k K").format(Date.UTC(2024, 0, 1, 0, 0))).toBe("o'clock 24 0")
  })
  it('refuses unknown letters and open quotes as Java does', () => {
    expect(() => new SimpleDateFormat('yyyy-qq')).toThrow("Illegal pattern character 'q'")
    expect(() => new SimpleDateFormat("yyyy 'open")).toThrow('Unterminated quote')
  })
})
