// kafka-console-producer against a fake Producer. Texts from Kafka 4.1's ConsoleProducer,
// LineMessageReader, ToolsUtils.validateBootstrapServer and ErrorLoggingCallback sources.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { KafkaError } from '../../../../workers/clients/kafka/api.ts'
import { kafkaConsoleProducer } from '../../../../workers/tools/kafka/console-producer.ts'
import { TS, harness } from './fakes.ts'

const HELP = readFileSync(new URL('./fixtures/kafka-console-producer-help.txt', import.meta.url), 'utf8')
const BS = ['--bootstrap-server', 'localhost:9092', '--topic', 'orders']
const text = (bytes: Uint8Array | null) => (bytes === null ? null : new TextDecoder().decode(bytes))

async function run(
  argv: string[],
  stdin: string[] = [],
  setup: (h: ReturnType<typeof harness>) => void = () => undefined,
) {
  const h = harness(stdin)
  setup(h)
  const code = await kafkaConsoleProducer(argv, h.context)
  const sent = h.producers.flatMap((p) => p.sent.map((r) => [text(r.key), text(r.value)]))
  return { code, stdout: h.stdout(), stderr: h.stderr(), sent, h }
}

describe('kafka-console-producer', () => {
  it('sends each line as a value with a null key and prints nothing', async () => {
    const result = await run(BS, ['hello', 'world'])
    expect([result.code, result.stdout, result.stderr]).toEqual([0, '', ''])
    expect(result.sent).toEqual([
      [null, 'hello'],
      [null, 'world'],
    ])
    expect(result.h.producers[0]?.closed).toBe(true)
  })

  it('parses keys with parse.key and key.separator', async () => {
    const result = await run(
      [...BS, '--property', 'parse.key=true', '--property', 'key.separator=:'],
      ['user1:{"amount": 12}', 'u2:a:b'],
    )
    expect(result.sent).toEqual([
      ['user1', '{"amount": 12}'],
      ['u2', 'a:b'],
    ])
  })

  it('stops at a line without the key separator, after sending the earlier lines', async () => {
    const result = await run([...BS, '--property', 'parse.key=true'], ['k\tv', 'abc', 'never'])
    expect(result.code).toBe(1)
    expect(result.sent).toEqual([['k', 'v']])
    expect(result.stderr).toBe(
      "org.apache.kafka.common.KafkaException: No key separator found on line number 2: 'abc'\n",
    )
  })

  it('takes the whole line as value under ignore.error=true', async () => {
    const result = await run(
      [...BS, '--property', 'parse.key=true', '--property', 'ignore.error=true'],
      ['abc'],
    )
    expect(result.sent).toEqual([[null, 'abc']])
  })

  it('parses headers and the null marker', async () => {
    const result = await run(
      [
        ...BS,
        '--property',
        'parse.headers=true',
        '--property',
        'parse.key=true',
        '--property',
        'null.marker=NULL',
      ],
      ['h1:v1,h2:NULL\tNULL\tvalue'],
    )
    const sent = result.h.producers[0]?.sent[0]
    expect(sent?.key).toBeNull()
    expect(sent?.headers?.map((h) => [h.key, text(h.value)])).toEqual([
      ['h1', 'v1'],
      ['h2', null],
    ])
  })

  it('derives the producer configs as producerProps does', async () => {
    const result = await run(
      [
        ...BS,
        '--producer-property',
        'acks=1',
        '--producer-property',
        'linger.ms=5',
        '--timeout',
        '7',
        '--sync',
      ],
      ['x'],
    )
    expect(result.h.producers[0]?.config).toMatchObject({
      acks: '1',
      'linger.ms': '7',
      'batch.size': '16384',
      'compression.type': 'none',
      'client.id': 'console-producer',
      'bootstrap.servers': 'localhost:9092',
    })
    expect((await run([...BS, '--request-required-acks', 'all'], ['x'])).h.producers[0]?.config['acks']).toBe(
      'all',
    )
  })

  it('logs a failed asynchronous send and goes on', async () => {
    const result = await run(BS, ['bad', 'good'], (h) => {
      h.context.kafka = {
        ...h.context.kafka,
        producer: (servers, config) => {
          const producer = harness().context.kafka.producer(servers, config)
          const send = producer.send.bind(producer)
          producer.send = async (record) => {
            if (text(record.value) === 'bad') {
              throw new KafkaError(
                'org.apache.kafka.common.errors.RecordTooLargeException',
                'The message is 3 bytes too big.',
              )
            }
            return send(record)
          }
          return producer
        },
      }
    })
    expect(result.code).toBe(0)
    expect(result.stderr).toBe(
      `${TS} ERROR Error when sending message to topic orders with key: null, value: 3 bytes with error: (org.apache.kafka.clients.producer.internals.ErrorLoggingCallback)\n` +
        'org.apache.kafka.common.errors.RecordTooLargeException: The message is 3 bytes too big.\n',
    )
  })

  it('on Ctrl+C reads no more lines, runs its shutdown hook (close) and exits 130', async () => {
    const h = harness()
    // A pipe that gives one line, then another only after the Ctrl+C.
    h.context.stdin = (async function* () {
      yield 'before'
      await h.context.interrupt.whenInterrupted
      yield 'after'
    })()
    const code = kafkaConsoleProducer(BS, h.context)
    // Every step the tool can take before the signal (a macrotask runs after all pending microtasks).
    await new Promise((resolve) => setTimeout(resolve, 0))
    h.interrupt()
    expect(await code).toBe(130)
    expect(h.producers[0]?.sent.map((r) => text(r.value))).toEqual(['before'])
    expect(h.producers[0]?.closed).toBe(true)
  })

  it('on Ctrl+C with a send in flight, close() waits for it and its failure is logged before the exit', async () => {
    const h = harness(['stuck'])
    let failInFlight: () => void = () => undefined
    const producer = h.context.kafka.producer('localhost:9092', {})
    h.context.kafka = { ...h.context.kafka, producer: () => producer }
    producer.send = () =>
      new Promise((_, reject) => {
        failInFlight = () =>
          reject(
            new KafkaError(
              'org.apache.kafka.common.errors.TimeoutException',
              'Expiring 1 record(s) for orders-0:120000 ms has passed since batch creation',
            ),
          )
      })
    producer.close = async () => failInFlight()
    const code = kafkaConsoleProducer(BS, h.context)
    // Every step the tool can take before the signal (a macrotask runs after all pending microtasks).
    await new Promise((resolve) => setTimeout(resolve, 0))
    h.interrupt()
    expect(await code).toBe(130)
    expect(h.stderr()).toBe(
      `${TS} ERROR Error when sending message to topic orders with key: null, value: 5 bytes with error: (org.apache.kafka.clients.producer.internals.ErrorLoggingCallback)\n` +
        'org.apache.kafka.common.errors.TimeoutException: Expiring 1 record(s) for orders-0:120000 ms has passed since batch creation\n',
    )
  })

  it.each([
    [['--topic', 'orders'], 'Error while validating the bootstrap address\n'],
    [
      ['--topic', 'orders', '--bootstrap-server', 'localhost'],
      'Please provide valid host:port like host1:9091,host2:9092\n',
    ],
    [['--bootstrap-server', 'localhost:9092'], 'Missing required argument "[topic]"'],
    [[], 'This tool helps to read data from standard input and publish it to Kafka.'],
    [['--topic'], 'Option topic requires an argument'],
  ])('%j prints the usage error with the help table', async (argv, message) => {
    const result = await run(argv)
    expect([result.code, result.stdout, result.stderr]).toEqual([1, '', `${message}\n${HELP}`])
  })

  it('answers the removed --broker-list like Kafka 4.x, then the playground hint', async () => {
    const result = await run(['--broker-list', 'localhost:9092', '--topic', 'orders'])
    expect(result.code).toBe(1)
    expect(result.stderr).toBe(
      `broker-list is not a recognized option\n${HELP}[playground] Kafka 4.0 removed --broker-list from kafka-console-producer: use --bootstrap-server localhost:9092 instead.\n`,
    )
  })

  it('prints a bad number option as its message alone', async () => {
    const result = await run([...BS, '--batch-size', 'big'], ['x'])
    expect([result.code, result.stderr]).toEqual([1, "Cannot parse argument 'big' of option batch-size\n"])
  })
})
