// WordCountDemo run through kafka-run-class.sh on the fake clients (workers/tools/kafka/streams/): the internal
// topics it creates and their configs, its clients' configs, what it writes to the repartition topic, the
// changelog and the output, its commit after commit.interval.ms and the purge of the repartition topic, and the
// close on Ctrl+C.
import { describe, expect, it } from 'vitest'
import { runKafkaTool } from '../../../../../workers/tools/kafka/index.ts'
import { deserializeLong } from '../../../../../workers/tools/kafka/streams/serdes.ts'
import { ShellFiles } from '../../../../../workers/tools/shell/shell-files.ts'
import { harness, record } from '../fakes.ts'

const WORD_COUNT = 'org.apache.kafka.streams.examples.wordcount.WordCountDemo'
const INPUT = 'streams-plaintext-input'
const REPARTITION = 'streams-wordcount-KSTREAM-AGGREGATE-STATE-STORE-0000000003-repartition'
const CHANGELOG = 'streams-wordcount-KSTREAM-AGGREGATE-STATE-STORE-0000000003-changelog'
const decode = (bytes: Uint8Array | null): string | null =>
  bytes === null ? null : new TextDecoder().decode(bytes)

function withInputTopic(partitions: number) {
  const h = harness()
  h.admin.addTopic(INPUT, partitions)
  return h
}

describe('a Streams application run by kafka-run-class', () => {
  it('creates its internal topics with the input partition count and Streams configs', async () => {
    const h = withInputTopic(3)
    const run = runKafkaTool('kafka-run-class.sh', [WORD_COUNT], h.context)
    h.consumers[0]!.onPoll = () => h.interrupt()
    expect(await run).toBe(130)
    expect(h.admin.created).toEqual([
      {
        name: REPARTITION,
        numPartitions: 3,
        configs: { 'cleanup.policy': 'delete', 'segment.bytes': '52428800', 'retention.ms': '-1' },
      },
      {
        name: CHANGELOG,
        numPartitions: 3,
        configs: { 'message.timestamp.type': 'CreateTime', 'cleanup.policy': 'compact' },
      },
    ])
    const consumer = h.consumers[0]!
    expect(consumer.calls[0]).toBe(`subscribe ${INPUT},${REPARTITION}`)
    expect(consumer.config['group.id']).toBe('streams-wordcount')
    expect(consumer.config['client.id']).toMatch(/^streams-wordcount-[0-9a-f-]{36}-StreamThread-1-consumer$/)
    expect(consumer.config['enable.auto.commit']).toBe('false')
    expect(consumer.config['auto.offset.reset']).toBe('earliest')
    expect(h.producers[0]?.config['linger.ms']).toBe('100')
    expect(h.producers[0]?.closed).toBe(true)
    expect(consumer.calls.at(-1)).toBe('close')
    expect(h.stderr()).toBe(
      '[2024-05-01 10:00:00,123] WARN Using an OS temp directory in the state.dir property can cause failures with writing the checkpoint file due to the fact that this directory can be cleared by the OS. Resolved state.dir: [/tmp/kafka-streams] (org.apache.kafka.streams.processor.internals.StateDirectory)\n',
    )
  })

  it('counts through the repartition topic, commits after commit.interval.ms and purges what it committed', async () => {
    const h = withInputTopic(1)
    const run = runKafkaTool('kafka-run-class.sh', [WORD_COUNT], h.context)
    const consumer = h.consumers[0]!
    consumer.assigned = [
      { topic: INPUT, partition: 0 },
      { topic: REPARTITION, partition: 0 },
    ]
    const producer = h.producers[0]!
    consumer.batches = [[record({ topic: INPUT, offset: 0, value: 'kafka streams kafka' })]]
    consumer.onPoll = (count) => {
      // the repartition records come back in the next poll, as the consumer would fetch them
      if (count === 2) {
        consumer.batches.push(
          producer.sent.map((sent, offset) =>
            record({ topic: REPARTITION, offset, key: sent.key, value: decode(sent.value) }),
          ),
        )
      }
      if (count === 310) h.interrupt()
    }
    expect(await run).toBe(130)
    const sent = producer.sent.map(
      (r) => `${r.topic}${r.partition === undefined ? '' : `-${r.partition}`} ${decode(r.key)}`,
    )
    expect(sent).toEqual([
      `${REPARTITION} kafka`,
      `${REPARTITION} streams`,
      `${REPARTITION} kafka`,
      `${CHANGELOG}-0 kafka`,
      'streams-wordcount-output kafka',
      `${CHANGELOG}-0 streams`,
      'streams-wordcount-output streams',
      `${CHANGELOG}-0 kafka`,
      'streams-wordcount-output kafka',
    ])
    expect(
      producer.sent
        .filter((r) => r.topic === 'streams-wordcount-output')
        .map((r) => deserializeLong(r.value)),
    ).toEqual([1n, 1n, 2n])
    // one commit once 30 s had passed (the fake's polls take 100 ms each), none at close: nothing new since
    expect(consumer.calls.filter((call) => call.startsWith('commitSync'))).toEqual([
      `commitSync ${INPUT}-0@1,${REPARTITION}-0@3`,
    ])
    expect(h.admin.deleteRecordsCalls).toEqual([[{ topic: REPARTITION, partition: 0, beforeOffset: 3 }]])
  })

  it('waits for Ctrl+C after a [playground] line when its source topic is missing', async () => {
    const h = harness()
    const run = runKafkaTool('kafka-run-class.sh', [WORD_COUNT], h.context)
    await Promise.resolve()
    h.interrupt()
    expect(await run).toBe(130)
    expect(h.stderr().split('\n').at(-2)).toBe(
      '[playground] source topic streams-plaintext-input is missing: the real client logs a MissingSourceTopicException at ERROR and shuts down; the JVM waits for Ctrl+C.',
    )
    expect(h.admin.created).toEqual([])
  })

  it('reads its optional config file as WordCountDemo does', async () => {
    const missing = harness()
    expect(
      await runKafkaTool('kafka-run-class.sh', [WORD_COUNT, 'streams.properties'], missing.context),
    ).toBe(1)
    expect(missing.stderr()).toBe(
      'Exception in thread "main" java.io.FileNotFoundException: streams.properties (No such file or directory)\n',
    )
    const h = withInputTopic(1)
    h.context.files = new ShellFiles()
    h.context.files.write('streams.properties', 'group.protocol=streams\n')
    const run = runKafkaTool('kafka-run-class.sh', [WORD_COUNT, 'streams.properties', 'extra'], h.context)
    await Promise.resolve()
    h.interrupt()
    expect(await run).toBe(130)
    expect(h.stdout()).toBe(
      'Warning: Some command line arguments were ignored. This demo only accepts an optional configuration file.\n',
    )
    expect(h.stderr()).toBe(
      "[playground] group.protocol=streams: the playground's Kafka Streams runs the classic protocol only.\n",
    )
  })
})
