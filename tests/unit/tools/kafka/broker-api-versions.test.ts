// kafka-broker-api-versions against a fake Admin: Node.toString, NodeApiVersions.toString(true) with its
// usable / unusable / UNSUPPORTED / UNKNOWN forms, a broker that fails, and the joptsimple usage texts.
import { describe, expect, it } from 'vitest'
import {
  kafkaBrokerApiVersions,
  nodeApiVersionsText,
} from '../../../../workers/tools/kafka/broker-api-versions-command.ts'
import { CLIENT_APIS } from '../../../../workers/protocol/api-keys.ts'
import { KafkaError } from '../../../../workers/clients/kafka/api.ts'
import { harness } from './fakes.ts'

const node = (id: number) => ({ id, host: 'localhost', port: 9091 + id, rack: null })

describe('kafka-broker-api-versions', () => {
  it('prints every client API in key order, the ones not advertised as UNSUPPORTED', () => {
    const text = nodeApiVersionsText([
      { apiKey: 18, minVersion: 0, maxVersion: 4 },
      { apiKey: 0, minVersion: 0, maxVersion: 20 },
      { apiKey: 1, minVersion: 30, maxVersion: 31 },
      { apiKey: 3, minVersion: 0, maxVersion: 0 },
      { apiKey: 200, minVersion: 1, maxVersion: 2 },
    ])
    const lines = text.split('\n')
    expect(lines[0]).toBe('(')
    expect(lines.at(-1)).toBe(')')
    expect(lines.slice(1, 5)).toEqual([
      '\tProduce(0): 0 to 20 [usable: 13],',
      '\tFetch(1): 30 to 31 [unusable: node too new],',
      '\tListOffsets(2): UNSUPPORTED,',
      '\tMetadata(3): 0 [usable: 0],',
    ])
    expect(lines).toContain('\tApiVersions(18): 0 to 4 [usable: 4],')
    expect(lines.at(-2)).toBe('\tUNKNOWN(200): 1 to 2')
    expect(lines.length).toBe(CLIENT_APIS.length + 1 + 2)
  })

  it('prints each broker by id with its answer or its error', async () => {
    const h = harness()
    h.admin.brokerVersions = [
      {
        node: node(2),
        versions: new KafkaError('org.apache.kafka.common.errors.TimeoutException', 'Timed out.'),
      },
      {
        node: node(1),
        versions: CLIENT_APIS.flatMap((key) =>
          key.advertised === null
            ? []
            : [{ apiKey: key.id, minVersion: key.advertised.min, maxVersion: key.advertised.max }],
        ),
      },
    ]
    const code = await kafkaBrokerApiVersions(['--bootstrap-server', 'localhost:9092'], h.context)
    expect(code).toBe(0)
    const out = h.stdout().split('\n')
    expect(out[0]).toBe('localhost:9092 (id: 1 rack: null isFenced: false) -> (')
    expect(out).toContain('\tGetTelemetrySubscriptions(71): UNSUPPORTED,')
    expect(out.at(-2)).toBe(
      'localhost:9093 (id: 2 rack: null isFenced: false) -> ERROR: org.apache.kafka.common.errors.TimeoutException: Timed out.',
    )
  })

  it('needs --bootstrap-server and prints the usage, --help and --version as CommandDefaultOptions', async () => {
    const missing = harness()
    expect(await kafkaBrokerApiVersions(['--command-config', 'x'], missing.context)).toBe(1)
    expect(missing.stderr()).toMatch(
      /^Missing required argument "\[bootstrap-server\]"\nOption +Description +\n/,
    )
    expect(missing.stderr()).toContain('--bootstrap-server <String: server(s)')
    const help = harness()
    expect(await kafkaBrokerApiVersions(['--help'], help.context)).toBe(1)
    expect(help.stderr()).toMatch(/^This tool helps to retrieve broker version information.\n/)
    const version = harness()
    expect(await kafkaBrokerApiVersions(['--version'], version.context)).toBe(0)
    expect(version.stdout()).toBe('4.1.0\n')
  })
})
