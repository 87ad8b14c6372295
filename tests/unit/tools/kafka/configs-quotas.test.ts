// kafka-configs for client quota entities (users, clients, ips) against a fake Admin. Texts and checks from
// Kafka 4.1's ConfigCommand (alterConfig's users/clients/ips branches, alterQuotaConfigs, describeQuotaConfigs,
// getAllClientQuotasConfigs, ConfigCommandOptions.entityNames and checkArgs' ip validation).
import { describe, expect, it } from 'vitest'
import type { DescribedClientQuota } from '../../../../workers/clients/kafka/api.ts'
import { kafkaConfigs } from '../../../../workers/tools/kafka/config-command.ts'
import { harness } from './fakes.ts'

const BS = ['--bootstrap-server', 'localhost:9092']

async function run(argv: string[], quotas: DescribedClientQuota[] = []) {
  const h = harness()
  h.admin.clientQuotas = quotas
  const code = await kafkaConfigs([...BS, ...argv], h.context)
  return { code, stdout: h.stdout(), stderr: h.stderr(), admin: h.admin }
}

describe('kafka-configs for client quotas', () => {
  it('describes with a strict filter and prints each entity as describeQuotaConfigs does', async () => {
    const { code, stdout, admin } = await run(
      ['--describe', '--entity-type', 'users', '--entity-name', 'alice', '--entity-type', 'clients'],
      [
        {
          entity: [
            { entityType: 'user', entityName: 'alice' },
            { entityType: 'client-id', entityName: null },
          ],
          values: [
            ['producer_byte_rate', 1024],
            ['request_percentage', 12.5],
          ],
        },
        { entity: [{ entityType: 'user', entityName: 'alice' }], values: [['consumer_byte_rate', 1e7]] },
      ],
    )
    expect(admin.quotaFilters).toEqual([
      {
        components: [
          { entityType: 'user', matchType: 0, match: 'alice' },
          { entityType: 'client-id', matchType: 2, match: null },
        ],
        strict: true,
      },
    ])
    expect([code, stdout]).toEqual([
      0,
      "Quota configs for user-principal 'alice', the default client-id are producer_byte_rate=1024.0, request_percentage=12.5\n" +
        "Quota configs for user-principal 'alice' are consumer_byte_rate=1.0E7\n",
    ])
  })

  it('alters the entity named in command-line order, a default first, adds (in HashMap order) then deletes', async () => {
    const { code, stdout, admin } = await run(
      [
        '--alter',
        '--entity-type',
        'users',
        '--entity-default',
        '--entity-type',
        'clients',
        '--entity-name',
        'c1',
        '--add-config',
        'producer_byte_rate=1024,consumer_byte_rate=2e3',
        '--delete-config',
        'request_percentage',
      ],
      [
        {
          entity: [{ entityType: 'user', entityName: null }],
          values: [['request_percentage', 5]],
        },
      ],
    )
    expect([code, stdout]).toEqual([0, 'Completed updating default config for users in the cluster.\n'])
    expect(admin.quotaAlterations).toEqual([
      {
        entity: [
          { entityType: 'user', entityName: null },
          { entityType: 'client-id', entityName: 'c1' },
        ],
        ops: [
          { key: 'producer_byte_rate', value: 1024 },
          { key: 'consumer_byte_rate', value: 2000 },
          { key: 'request_percentage', value: null },
        ],
      },
    ])
  })

  it('refuses names an entity type does not take, absent deletes and unparsable values', async () => {
    const scram = await run(['--alter', '--client', 'c1', '--add-config', 'SCRAM-SHA-256=[password=x],foo=1'])
    expect([scram.code, scram.stderr]).toEqual([
      1,
      "Only quota configs can be added for 'clients' using --bootstrap-server. Unexpected config names: SCRAM-SHA-256,foo\n",
    ])
    const both = await run([
      '--alter',
      '--user',
      'bob',
      '--add-config',
      'SCRAM-SHA-512=[password=x],producer_byte_rate=1',
    ])
    expect(both.stderr).toBe(
      "Cannot alter both quota and SCRAM credential configs simultaneously for 'users' using --bootstrap-server.\n",
    )
    const absent = await run(['--alter', '--user', 'bob', '--delete-config', 'producer_byte_rate'])
    expect(absent.stderr).toBe('Invalid config(s): producer_byte_rate\n')
    const value = await run(['--alter', '--user', 'bob', '--add-config', 'producer_byte_rate=1k'])
    expect(value.stderr).toBe('Cannot parse quota configuration value for producer_byte_rate: 1k\n')
    const ip = await run(['--alter', '--ip', 'db.example', '--add-config', 'connection_creation_rate=1'])
    expect(ip.stderr).toBe(
      'The entity name for ips must be a valid IP or resolvable host, but it is: db.example\n',
    )
    for (const { admin } of [scram, both, absent, value, ip]) expect(admin.quotaAlterations).toEqual([])
  })
})
