// kafka-features against a fake Admin: Kafka 4.1's FeatureCommand text for describe, the update lines and
// their failure summary, --release-version's expansion, version-mapping, feature-dependencies and the errors
// mainNoExit prints as their message alone.
import { describe, expect, it } from 'vitest'
import { kafkaFeatures } from '../../../../workers/tools/kafka/feature-command.ts'
import { KafkaError } from '../../../../workers/clients/kafka/api.ts'
import { harness } from './fakes.ts'

const BOOTSTRAP = ['--bootstrap-server', 'localhost:9092']

async function run(argv: string[], setup: (h: ReturnType<typeof harness>) => void = () => undefined) {
  const h = harness()
  setup(h)
  const code = await kafkaFeatures(argv, h.context)
  return { code, stdout: h.stdout(), stderr: h.stderr(), admin: h.admin }
}

describe('kafka-features', () => {
  it('describe prints each supported feature sorted, metadata.version by release name', async () => {
    const result = await run([...BOOTSTRAP, 'describe'], (h) => {
      h.admin.features = {
        supportedFeatures: {
          'metadata.version': { minVersion: 7, maxVersion: 27 },
          'group.version': { minVersion: 0, maxVersion: 1 },
        },
        finalizedFeatures: { 'metadata.version': { minVersionLevel: 1, maxVersionLevel: 30 } },
        finalizedFeaturesEpoch: null,
      }
    })
    expect(result.stdout).toBe(
      'Feature: group.version\tSupportedMinVersion: 0\tSupportedMaxVersion: 1\tFinalizedVersionLevel: 0\tEpoch: -\n' +
        'Feature: metadata.version\tSupportedMinVersion: 3.3-IV3\tSupportedMaxVersion: 4.1-IV1\tFinalizedVersionLevel: UNKNOWN 30\tEpoch: -\n',
    )
  })

  it('prints one line per feature by name and counts the failures on stderr', async () => {
    const result = await run(
      [...BOOTSTRAP, 'upgrade', '--feature', 'share.version=1', '--feature', 'group.version = 2'],
      (h) =>
        h.admin.featureErrors.set(
          'group.version',
          new KafkaError('org.apache.kafka.common.errors.InvalidUpdateVersionException', 'No.'),
        ),
    )
    expect(result).toMatchObject({
      code: 1,
      stdout: 'Could not upgrade group.version to 2. No.\nshare.version was upgraded to 1.\n',
      stderr: '1 out of 2 operation(s) failed.\n',
    })
  })

  it('words a dry run and a disable as FeatureCommand does', async () => {
    const dry = await run([
      ...BOOTSTRAP,
      'downgrade',
      '--feature',
      'group.version=0',
      '--dry-run',
      '--unsafe',
    ])
    expect(dry.stdout).toBe('group.version can be downgraded to 0.\n')
    expect(dry.admin.featureUpdates).toEqual([
      {
        updates: new Map([['group.version', { maxVersionLevel: 0, upgradeType: 'UNSAFE_DOWNGRADE' }]]),
        validateOnly: true,
      },
    ])
    const disable = await run([...BOOTSTRAP, 'disable', '--feature', 'share.version', '--dry-run'], (h) =>
      h.admin.featureErrors.set('share.version', new KafkaError('x.InvalidUpdateVersionException', 'Nope.')),
    )
    expect(disable.stdout).toBe('Can not disable share.version. Nope.\n')
  })

  it('expands --release-version to every production feature, leaving out upgrades to 0', async () => {
    const result = await run([...BOOTSTRAP, 'upgrade', '--release-version', '4.0-IV3'])
    expect([...(result.admin.featureUpdates[0]?.updates ?? new Map()).entries()]).toEqual([
      ['metadata.version', { maxVersionLevel: 25, upgradeType: 'UPGRADE' }],
      ['kraft.version', { maxVersionLevel: 1, upgradeType: 'UPGRADE' }],
      ['transaction.version', { maxVersionLevel: 2, upgradeType: 'UPGRADE' }],
      ['group.version', { maxVersionLevel: 1, upgradeType: 'UPGRADE' }],
    ])
  })

  it('rejects what FeatureCommand rejects before asking the cluster', async () => {
    const cases: Array<[string[], string]> = [
      [['upgrade'], 'You must specify at least one feature to upgrade\n'],
      [
        ['upgrade', '--release-version', '4.1', '--feature', 'a=1'],
        'Can not specify `release-version` with other feature flags.\n',
      ],
      [
        ['upgrade', '--feature', 'a=x'],
        "Can't parse feature=level string a=x: unable to parse x as a short.\n",
      ],
      [['upgrade', '--feature', 'a=1', '--feature', 'a=2'], 'Feature a was specified more than once.\n'],
      [['upgrade', '--feature', '=1'], 'Provided feature can not be empty.\n'],
      [
        ['version-mapping', '--release-version', '3.2'],
        "Unknown release version '3.2'. Supported versions are: 3.3-IV3 to 4.1-IV1\n",
      ],
      [['feature-dependencies', '--feature', 'foo=1'], 'Unknown feature: foo\n'],
      [
        ['feature-dependencies', '--feature', 'group.version=3'],
        'No feature:group.version with feature level 3\n',
      ],
      [['feature-dependencies', '--feature', 'metadata.version=3'], 'Unknown metadata.version 3\n'],
    ]
    for (const [argv, stderr] of cases) {
      const result = await run([...BOOTSTRAP, ...argv], (h) => {
        h.admin.updateFeatures = async (updates) => {
          if ([...updates.keys()].some((name) => name.trim() === ''))
            throw new KafkaError('java.lang.IllegalArgumentException', 'Provided feature can not be empty.')
          return new Map()
        }
      })
      expect({ argv, code: result.code, stderr: result.stderr }).toEqual({ argv, code: 1, stderr })
    }
  })

  it('lists the supported metadata versions for an unknown --metadata', async () => {
    const result = await run([...BOOTSTRAP, 'upgrade', '--metadata', '9.9'])
    expect(result.stdout).toBe(' `metadata` flag is deprecated and may be removed in a future release.\n')
    expect(result.stderr).toMatch(
      /^Unknown metadata.version 9.9. Supported metadata.version are 3.3-IV3, 3.4-IV0, .*, 4.1-IV0, 4.1-IV1\n$/,
    )
  })

  it('prints the version mapping and the dependencies of a release', async () => {
    const mapping = await run([...BOOTSTRAP, 'version-mapping', '--release-version', '4.0'])
    expect(mapping.stdout).toBe(
      'metadata.version=25 (4.0)\nkraft.version=1\ntransaction.version=2\ngroup.version=1\n' +
        'eligible.leader.replicas.version=0\nshare.version=0\nstreams.version=0\n',
    )
    const deps = await run([
      ...BOOTSTRAP,
      'feature-dependencies',
      '--feature',
      'eligible.leader.replicas.version=1',
    ])
    expect(deps.stdout).toBe(
      'eligible.leader.replicas.version=1 requires:\n    metadata.version=24 (4.0-IV2)\n',
    )
  })

  it('needs a bootstrap option and points --bootstrap-controller at the brokers', async () => {
    const missing = await run(['describe'])
    expect(missing.stderr).toContain(
      'kafka-features: error: one of the arguments --bootstrap-server --bootstrap-controller is required\n',
    )
    const controller = await run(['--bootstrap-controller', 'localhost:19092', 'describe'])
    expect(controller).toMatchObject({ code: 1, stderr: expect.stringContaining('[playground]') as string })
  })
})
