// kafka-get-offsets against a fake Admin: Kafka 4.1's GetOffsetShell output (topic:partition:offset
// sorted by the `topic-partition` string, unknown offsets left out) and its error texts
// (GetOffsetShellTest's messages, TerseException as `Error occurred: ...`).
import { describe, expect, it } from 'vitest'
import { kafkaGetOffsets } from '../../../../workers/tools/kafka/get-offset-shell.ts'
import { KafkaError } from '../../../../workers/clients/kafka/api.ts'
import { harness } from './fakes.ts'

function setup() {
  const h = harness()
  h.admin.addTopic('t', 12)
  h.admin.addTopic('u', 2)
  h.admin.addTopic('__consumer_offsets', 2, [1], true)
  for (const topic of ['t', 'u', '__consumer_offsets']) {
    for (let p = 0; p < 12; p++) {
      h.admin.logStart.set(`${topic}-${p}`, p)
      h.admin.logEnd.set(`${topic}-${p}`, 100 + p)
    }
  }
  return h
}

async function run(...argv: string[]) {
  const h = setup()
  const code = await kafkaGetOffsets(argv, h.context)
  return { code, stdout: h.stdout(), stderr: h.stderr(), admin: h.admin }
}

const B = ['--bootstrap-server', 'localhost:9092']

describe('kafka-get-offsets', () => {
  it('prints latest offsets sorted as strings (t-10 before t-2)', async () => {
    const { code, stdout } = await run(...B, '--topic', 't', '--partitions', '1,2,10')
    expect(code).toBe(0)
    expect(stdout).toBe('t:1:101\nt:10:110\nt:2:102\n')
  })

  it('includes internal topics unless --exclude-internal-topics', async () => {
    const all = await run(...B, '--topic-partitions', ':1')
    expect(all.stdout).toBe('__consumer_offsets:1:101\nt:1:101\nu:1:101\n')
    const external = await run(...B, '--topic-partitions', ':1', '--exclude-internal-topics')
    expect(external.stdout).toBe('t:1:101\nu:1:101\n')
  })

  it('applies --topic-partitions ranges: lower inclusive, upper exclusive', async () => {
    const { stdout } = await run(...B, '--topic-partitions', 't:9-,u:-1', '--time', 'earliest')
    expect(stdout).toBe('t:10:10\nt:11:11\nt:9:9\nu:0:0\n')
  })

  it('matches --topic as a regex over the whole name and sends special --time values', async () => {
    const h = setup()
    const asked: number[] = []
    h.admin.byTimestamp = (_, timestamp) => {
      asked.push(timestamp)
      return timestamp === -5 ? -1 : 7
    }
    await kafkaGetOffsets([...B, '--topic', 'u|v', '--time', '-3'], h.context)
    await kafkaGetOffsets([...B, '--topic', 'u', '--time', 'latest-tiered'], h.context)
    await kafkaGetOffsets([...B, '--topic', 'u', '--time', 'earliest-local'], h.context)
    expect(asked).toEqual([-3, -3, -5, -5, -4, -4])
    expect(h.stdout()).toBe('u:0:7\nu:1:7\nu:0:7\nu:1:7\n')
  })

  it('reports filters that match nothing and malformed arguments', async () => {
    expect(await run(...B, '--topic', 'nope')).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'Error occurred: Could not match any topic-partitions with the specified filters\n',
    })
    expect((await run(...B, '--topic-partitions', 't:0', '--topic', 't')).stderr).toBe(
      'Error occurred: --topic-partitions cannot be used with --topic or --partitions\n',
    )
    expect((await run(...B, '--time', 'foo')).stderr).toBe(
      'Error occurred: Malformed time argument foo. Please use -1 or latest / -2 or earliest / -3 or max-timestamp / -4 or earliest-local / -5 or latest-tiered, or a specified long format timestamp\n',
    )
    expect((await run(...B, '--partitions', '1,x')).stderr).toBe(
      'Error occurred: --partitions expects a comma separated list of numeric partition ids, but received: 1,x\n',
    )
    expect((await run(...B, '--topic-partitions', 't:1:2')).stderr).toBe(
      'Error occurred: org.apache.kafka.tools.TerseException: Invalid rule specification: t:1:2\n' +
        'java.lang.RuntimeException: org.apache.kafka.tools.TerseException: Invalid rule specification: t:1:2\n' +
        'Caused by: org.apache.kafka.tools.TerseException: Invalid rule specification: t:1:2\n\n',
    )
    expect((await run(...B, '--topic-partition', 't')).stderr).toBe(
      'Error occurred: topic-partition is not a recognized option\n',
    )
    expect((await run(...B, '--command-config', 'admin.properties')).stderr).toBe(
      'Error occurred: admin.properties\njava.nio.file.NoSuchFileException: admin.properties\n\n',
    )
  })

  it('prints the usage when --bootstrap-server is missing or invalid', async () => {
    const missing = await run('--topic', 't')
    expect(missing.code).toBe(1)
    expect(missing.stderr.split('\n')[0]).toBe('Missing required argument "[bootstrap-server]"')
    expect(missing.stderr).toContain('--time <String: <timestamp> / -1 or')
    const invalid = await run('--bootstrap-server', 'localhost')
    expect(
      invalid.stderr.startsWith('Please provide valid host:port like host1:9091,host2:9092\n\nOption'),
    ).toBe(true)
    const none = await run()
    expect(none.stderr.startsWith('An interactive shell for getting topic-partition offsets.\nOption')).toBe(
      true,
    )
  })

  it('skips a partition whose lookup fails, naming the error', async () => {
    const h = setup()
    h.admin.listOffsets = async (requests) => {
      const [request] = requests
      if (request!.partition === 0) {
        throw new KafkaError('org.apache.kafka.common.errors.LeaderNotAvailableException', 'no leader')
      }
      return [{ ...request!, offset: 5, timestamp: -1, leaderEpoch: null }]
    }
    expect(await kafkaGetOffsets([...B, '--topic', 'u'], h.context)).toBe(0)
    expect(h.stdout()).toBe('u:1:5\n')
    expect(h.stderr()).toBe(
      'Skip getting offsets for topic-partition u-0 due to error: org.apache.kafka.common.errors.LeaderNotAvailableException: no leader\n',
    )
  })
})
