// The tool table and bash's answer to an unknown kafka-* command.
import { describe, expect, it } from 'vitest'
import { KAFKA_TOOLS, runKafkaTool } from '../../../../workers/tools/kafka/index.ts'
import { harness } from './fakes.ts'

describe('runKafkaTool', () => {
  it('knows the tools, with or without .sh', async () => {
    expect([...KAFKA_TOOLS.keys()]).toEqual([
      'kafka-topics',
      'kafka-console-producer',
      'kafka-console-consumer',
      'kafka-consumer-groups',
      'kafka-groups',
      'kafka-configs',
      'kafka-metadata-quorum',
      'kafka-get-offsets',
      'kafka-leader-election',
      'kafka-log-dirs',
      'kafka-dump-log',
      'kafka-reassign-partitions',
      'kafka-producer-perf-test',
      'kafka-consumer-perf-test',
      'kafka-delete-records',
      'kafka-storage',
      'kafka-cluster',
      'kafka-server-start',
      'kafka-server-stop',
      'kafka-features',
      'kafka-broker-api-versions',
      'kafka-acls',
      'kafka-transactions',
      'kafka-run-class',
      'connect-standalone',
    ])
    const h = harness()
    expect(await runKafkaTool('kafka-topics.sh', ['--version'], h.context)).toBe(0)
    expect(h.stdout()).toBe('4.1.0\n')
  })

  it('answers an unknown name like bash, with a did-you-mean hint when one is close', async () => {
    const h = harness()
    expect(await runKafkaTool('kafka-topic.sh', [], h.context)).toBe(127)
    expect(h.stderr()).toBe(
      'bash: kafka-topic.sh: command not found\n[playground] Did you mean kafka-topics.sh?\n',
    )
    const feature = harness()
    expect(await runKafkaTool('bin/kafka-feature.sh', [], feature.context)).toBe(127)
    expect(feature.stderr()).toBe(
      'bash: bin/kafka-feature.sh: No such file or directory\n[playground] Did you mean bin/kafka-features.sh?\n',
    )
    const acl = harness()
    expect(await runKafkaTool('kafka-acl.sh', [], acl.context)).toBe(127)
    expect(acl.stderr()).toBe(
      'bash: kafka-acl.sh: command not found\n[playground] Did you mean kafka-acls.sh?\n',
    )
    const records = harness()
    expect(await runKafkaTool('kafka-delete-record.sh', [], records.context)).toBe(127)
    expect(records.stderr()).toBe(
      'bash: kafka-delete-record.sh: command not found\n[playground] Did you mean kafka-delete-records.sh?\n',
    )
    const perf = harness()
    expect(await runKafkaTool('kafka-consumer-perf-tests', [], perf.context)).toBe(127)
    expect(perf.stderr()).toBe(
      'bash: kafka-consumer-perf-tests: command not found\n[playground] Did you mean kafka-consumer-perf-test?\n',
    )
    const far = harness()
    expect(await runKafkaTool('kafka-foo.sh', [], far.context)).toBe(127)
    expect(far.stderr()).toBe('bash: kafka-foo.sh: command not found\n')
  })
})
