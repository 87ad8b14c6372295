// kafka-run-class.sh: its USAGE line, the JVM's answer for a class it cannot load, the [playground] line for
// another Kafka class, and TransactionalMessageCopier's argparse4j errors and its producer/consumer configs
// (the streams-examples classes it runs are tested in streams/).
import { describe, expect, it } from 'vitest'
import { runKafkaTool } from '../../../../workers/tools/kafka/index.ts'
import { KafkaError } from '../../../../workers/clients/kafka/api.ts'
import { harness, record } from './fakes.ts'

/** TransactionalMessageCopier started with --group-mode on demo, its consumer's fake to set up before it polls. */
function groupModeCopier() {
  const h = harness()
  const argv = ['org.apache.kafka.tools.TransactionalMessageCopier', '--bootstrap-server', 'b:9092']
  const copy = runKafkaTool(
    'kafka-run-class.sh',
    [
      ...argv,
      '--input-topic',
      'demo',
      '--input-partition',
      '0',
      '--output-topic',
      'out',
      '--transactional-id',
      't',
      '--group-mode',
    ],
    h.context,
  )
  return { h, copy, consumer: h.consumers[0]! }
}

describe('kafka-run-class', () => {
  it('prints the script usage without a class, and the JVM error for an unknown one', async () => {
    const h = harness()
    expect(await runKafkaTool('kafka-run-class.sh', [], h.context)).toBe(1)
    expect(h.stdout()).toBe(
      'USAGE: kafka-run-class.sh [-daemon] [-name servicename] [-loggc] classname [opts]\n',
    )
    const unknown = harness()
    expect(
      await runKafkaTool('kafka-run-class.sh', ['-name', 'x', 'com.example.Main'], unknown.context),
    ).toBe(1)
    expect(unknown.stderr()).toBe(
      'Error: Could not find or load main class com.example.Main\nCaused by: java.lang.ClassNotFoundException: com.example.Main\n',
    )
    const kafkaClass = harness()
    expect(
      await runKafkaTool('kafka-run-class.sh', ['kafka.tools.DumpLogSegments'], kafkaClass.context),
    ).toBe(1)
    expect(kafkaClass.stderr()).toBe(
      '[playground] kafka-run-class.sh runs only org.apache.kafka.tools.TransactionalMessageCopier, org.apache.kafka.streams.examples.wordcount.WordCountDemo, org.apache.kafka.streams.examples.wordcount.WordCountProcessorDemo, org.apache.kafka.streams.examples.pipe.PipeDemo here; the other Kafka classes have their own scripts.\n',
    )
  })

  it('runs TransactionalMessageCopier with its argparse4j checks and client configs', async () => {
    const copier = 'org.apache.kafka.tools.TransactionalMessageCopier'
    const h = harness()
    expect(await runKafkaTool('kafka-run-class.sh', [copier, '--input-topic', 'in'], h.context)).toBe(1)
    expect(h.stderr().split('\n').at(-2)).toBe(
      'transactional-message-copier: error: argument --input-partition is required',
    )
    const typed = harness()
    const args = ['--bootstrap-server', 'b:9092', '--input-topic', 'in', '--output-topic', 'out']
    expect(
      await runKafkaTool(
        'kafka-run-class.sh',
        [copier, ...args, '--input-partition', 'x', '--transactional-id', 't'],
        typed.context,
      ),
    ).toBe(1)
    expect(typed.stderr().split('\n').at(-2)).toBe(
      `transactional-message-copier: error: argument --input-partition: could not convert 'x' to Integer (For input string: "x")`,
    )
    const run = harness()
    expect(
      await runKafkaTool(
        'kafka-run-class.sh',
        [copier, ...args, '--input-partition', '0', '--transactional-id', 't', '--transaction-size', '7'],
        run.context,
      ),
    ).toBe(0)
    expect(run.producers[0]?.config).toEqual({
      'bootstrap.servers': 'b:9092',
      'transactional.id': 't',
      'batch.size': '512',
      'max.in.flight.requests.per.connection': '5',
      'transaction.timeout.ms': '60000',
    })
    expect(run.consumers[0]?.config['group.id']).toBe('-1')
    expect(run.consumers[0]?.config['max.poll.records']).toBe('7')
    expect(run.stdout()).toBe(
      '{"consumed":0,"shutdown_complete":"t","totalProcessed":0,"time":"2024/05/01 10:00:00:123","remaining":0}\n',
    )
  })

  it('in --group-mode counts the records left from the rebalance callback before it copies any', async () => {
    const { h, copy, consumer } = groupModeCopier()
    consumer.batches = [[record({ value: 'a' }), record({ value: 'b' }), record({ value: 'c' })]]
    consumer.endOffset = 3
    // ListOffsets answers long after the first poll got its records; a third poll means a copier still running.
    consumer.endOffsetsTicks = 100
    consumer.onPoll = (count) => {
      if (count === 3) h.interrupt()
    }
    expect(await copy).toBe(0)
    const line = (fields: string): string => `{"consumed":${fields}`
    expect(h.stdout().replace(/"time":"[^"]*"/g, '"time":"T"')).toBe(
      [
        line(
          '0,"stage":"ProcessLoop","totalProcessed":0,"progress":"t","time":"T","remaining":9223372036854775807}',
        ),
        line('0,"stage":"RebalanceComplete","totalProcessed":0,"progress":"t","time":"T","remaining":3}'),
        line('3,"shutdown_complete":"t","totalProcessed":3,"time":"T","remaining":0}'),
        '',
      ].join('\n'),
    )
    expect(h.producers[0]?.transactionCalls).toEqual(['init', 'begin', 'offsets demo-0@0', 'commit'])
  })

  it('in --group-mode ends with the exception the rebalance callback threw, before copying', async () => {
    const { h, copy, consumer } = groupModeCopier()
    consumer.batches = [[record({ value: 'a' })]]
    consumer.endOffsetsTicks = 100
    consumer.endOffsetsError = new KafkaError(
      'org.apache.kafka.common.errors.TimeoutException',
      'Timeout of 60000ms expired before the position for partition demo-0 could be determined',
    )
    expect(await copy).toBe(1)
    expect(h.stderr()).toBe(
      'Exception in thread "main" org.apache.kafka.common.errors.TimeoutException: Timeout of 60000ms expired before the position for partition demo-0 could be determined\n',
    )
    expect(h.producers[0]?.transactionCalls).toEqual(['init'])
  })
})
