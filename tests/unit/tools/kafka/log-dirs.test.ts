// kafka-log-dirs against a fake Admin: Kafka 4.1's LogDirsCommand lines and its Jackson JSON, whose keys
// follow java.util.HashMap order ("partition","size","offsetLag","isFuture"; "partitions","error","logDir";
// "brokers","version"), and the --broker-list check.
import { describe, expect, it } from 'vitest'
import { kafkaLogDirs } from '../../../../workers/tools/kafka/log-dirs-command.ts'
import { logDirFor } from '../../../../workers/protocol/log-dirs.ts'
import { harness } from './fakes.ts'

const B = ['--bootstrap-server', 'localhost:9092']

function setup() {
  const h = harness()
  h.admin.cluster = {
    clusterId: 'c',
    controllerId: 1,
    nodes: [3, 1, 2].map((id) => ({ id, host: 'localhost', port: 9091 + id, rack: null })),
  }
  for (const broker of [1, 2, 3]) {
    h.admin.logDirs.set(broker, [
      {
        logDir: logDirFor(broker),
        error: null,
        replicas: [
          { topic: 'a', partition: 0, size: 75 * broker, offsetLag: 0, isFuture: false },
          { topic: 'b', partition: 0, size: 0, offsetLag: 0, isFuture: false },
        ],
      },
    ])
  }
  return h
}

describe('kafka-log-dirs', () => {
  it('logDirFor follows the quickstart layout', () => {
    expect([1, 2, 3].map(logDirFor)).toEqual([
      '/tmp/kraft-combined-logs',
      '/tmp/kraft-combined-logs-2',
      '/tmp/kraft-combined-logs-3',
    ])
  })

  it('describes the asked brokers, filtered to --topic-list', async () => {
    const h = setup()
    expect(
      await kafkaLogDirs([...B, '--describe', '--broker-list', '2,1', '--topic-list', 'a'], h.context),
    ).toBe(0)
    expect(h.admin.describedLogDirs).toEqual([[1, 2]])
    expect(h.stdout()).toBe(
      'Querying brokers for log directories information\n' +
        'Received log directory information from brokers 1,2\n' +
        '{"brokers":[{"broker":1,"logDirs":[{"partitions":[{"partition":"a-0","size":75,"offsetLag":0,"isFuture":false}],"error":null,"logDir":"/tmp/kraft-combined-logs"}]},' +
        '{"broker":2,"logDirs":[{"partitions":[{"partition":"a-0","size":150,"offsetLag":0,"isFuture":false}],"error":null,"logDir":"/tmp/kraft-combined-logs-2"}]}],"version":1}\n',
    )
  })

  it('rejects brokers that do not exist', async () => {
    const h = setup()
    expect(await kafkaLogDirs([...B, '--describe', '--broker-list', '1,7,5'], h.context)).toBe(1)
    expect(h.stdout()).toBe('')
    expect(h.stderr()).toBe(
      'ERROR: The given brokers do not exist from --broker-list: 5,7. Current existent brokers: 1,2,3\n',
    )
  })

  it('requires --describe and reports a bad broker id with its trace', async () => {
    const h = setup()
    expect(await kafkaLogDirs([...B], h.context)).toBe(1)
    expect(h.stderr().split('\n')[0]).toBe('Missing required argument "[describe]"')
    const bad = setup()
    expect(await kafkaLogDirs([...B, '--describe', '--broker-list', 'x'], bad.context)).toBe(1)
    expect(bad.stderr()).toBe(
      'For input string: "x"\njava.lang.NumberFormatException: For input string: "x"\n\n',
    )
  })
})
