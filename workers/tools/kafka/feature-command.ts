/**
 * kafka-features.sh (org.apache.kafka.tools.FeatureCommand of Kafka 4.1, argparse4j): one of
 * --bootstrap-server / --bootstrap-controller is required, then `describe` (one tab-separated line per
 * supported feature, sorted: `Feature: group.version\tSupportedMinVersion: 0\tSupportedMaxVersion: 1\t
 * FinalizedVersionLevel: 1\tEpoch: 42`), `upgrade` / `downgrade` (--metadata, deprecated, --release-version
 * with every production feature's default level, or --feature name=level; --dry-run validates only;
 * downgrade --unsafe), `disable --feature name` (level 0), `version-mapping` and `feature-dependencies`
 * (feature-versions.ts). An update prints one line per feature in name order (`group.version was upgraded
 * to 1.`, `Could not upgrade x to 2. <the controller's message>`, `... can be ...` / `Can not ...` for a dry
 * run) and then `N out of M operation(s) failed.` on stderr, exit 1. Failures print their message alone
 * (mainNoExit); argparse4j errors print usage and `kafka-features: error: ...`. The playground's clients reach
 * brokers only, so --bootstrap-controller answers one `[playground]` line.
 */
import type { Tool, ToolContext } from '../tool.ts'
import type { Admin, AdminFeatureUpdate } from '../../clients/kafka/api.ts'
import { KafkaError } from '../../clients/kafka/api.ts'
import { PRODUCTION_FEATURES, defaultFeatureLevel } from '../../kafka/metadata/features.ts'
import {
  METADATA_VERSION_FEATURE,
  metadataVersionOfName,
  productionMetadataVersionNames,
} from '../../kafka/metadata/metadata-version.ts'
import type { FeatureUpgradeType } from '../../protocol/kafka-features.ts'
import { parseArgs, stringValue, type Namespace, type ProgramSpec } from './argparse.ts'
import { featureDependencies, levelToString, parseNameAndLevel, versionMapping } from './feature-versions.ts'
import { asJavaException, futureGet, TerseException } from './tool-errors.ts'
import { runToolMain } from './tool-main.ts'
import { loadProps } from './tool-files.ts'
import { clientLog } from './tool-log.ts'

const BOOTSTRAP = 'bootstrap'
const DRY_RUN = { flags: ['--dry-run'], action: 'storeTrue' } as const
const UNSAFE = { flags: ['--unsafe'], action: 'storeTrue' } as const
const FEATURE = { flags: ['--feature'], action: 'append' } as const

const FEATURE_COMMAND: ProgramSpec = {
  prog: 'kafka-features',
  arguments: [
    { flags: ['--bootstrap-server'], action: 'store', group: BOOTSTRAP },
    { flags: ['--bootstrap-controller'], action: 'store', group: BOOTSTRAP },
    { flags: ['--command-config'], action: 'store' },
  ],
  requiredGroups: [BOOTSTRAP],
  subcommands: new Map([
    ['describe', { arguments: [] }],
    [
      'upgrade',
      {
        arguments: [
          { flags: ['--metadata'], action: 'store' },
          { flags: ['--release-version'], action: 'store' },
          FEATURE,
          DRY_RUN,
        ],
      },
    ],
    [
      'downgrade',
      {
        arguments: [
          { flags: ['--metadata'], action: 'store' },
          { flags: ['--release-version'], action: 'store' },
          FEATURE,
          UNSAFE,
          DRY_RUN,
        ],
      },
    ],
    ['disable', { arguments: [FEATURE, UNSAFE, DRY_RUN] }],
    ['version-mapping', { arguments: [{ flags: ['--release-version'], action: 'store' }] }],
    ['feature-dependencies', { arguments: [{ ...FEATURE, required: true }] }],
  ]),
}

function listValue(namespace: Namespace, name: string): string[] | null {
  const value = namespace.values.get(name)
  return Array.isArray(value) ? value : null
}

async function describe(admin: Admin, context: ToolContext): Promise<void> {
  const metadata = await futureGet(admin.describeFeatures())
  const epoch = metadata.finalizedFeaturesEpoch === null ? '-' : String(metadata.finalizedFeaturesEpoch)
  for (const feature of Object.keys(metadata.supportedFeatures).sort()) {
    const range = metadata.supportedFeatures[feature] ?? { minVersion: 0, maxVersion: 0 }
    const finalized = metadata.finalizedFeatures[feature]?.maxVersionLevel ?? 0
    context.out.stdout(
      `Feature: ${feature}\tSupportedMinVersion: ${levelToString(feature, range.minVersion)}\t` +
        `SupportedMaxVersion: ${levelToString(feature, range.maxVersion)}\t` +
        `FinalizedVersionLevel: ${levelToString(feature, finalized)}\tEpoch: ${epoch}\n`,
    )
  }
}

function unknownMetadataVersion(name: string): TerseException {
  return new TerseException(
    `Unknown metadata.version ${name}. Supported metadata.version are ${productionMetadataVersionNames().join(', ')}`,
  )
}

function metadataLevel(name: string): number {
  const version = metadataVersionOfName(name)
  if (version === undefined) throw unknownMetadataVersion(name)
  return version.featureLevel
}

/** FeatureCommand.handleUpgradeOrDowngrade: the updates a command line asks for, in the order given. */
function requestedUpdates(
  namespace: Namespace,
  upgradeType: FeatureUpgradeType,
  context: ToolContext,
): Map<string, AdminFeatureUpdate> {
  const metadata = stringValue(namespace, 'metadata')
  const features = listValue(namespace, 'feature')
  const release = stringValue(namespace, 'release_version')
  if (release !== null && (metadata !== null || features !== null))
    throw new TerseException('Can not specify `release-version` with other feature flags.')
  const updates = new Map<string, AdminFeatureUpdate>()
  if (release !== null) {
    const level = metadataLevel(release)
    updates.set(METADATA_VERSION_FEATURE, { maxVersionLevel: level, upgradeType })
    for (const feature of PRODUCTION_FEATURES) {
      const featureLevel = defaultFeatureLevel(feature, level)
      // Don't send a request to upgrade a feature to 0.
      if (upgradeType !== 'UPGRADE' || featureLevel > 0)
        updates.set(feature.name, { maxVersionLevel: featureLevel, upgradeType })
    }
    return updates
  }
  if (metadata !== null) {
    context.out.stdout(' `metadata` flag is deprecated and may be removed in a future release.\n')
    updates.set(METADATA_VERSION_FEATURE, { maxVersionLevel: metadataLevel(metadata), upgradeType })
  }
  for (const feature of features ?? []) {
    const { name, level } = parseNameAndLevel(feature)
    if (updates.has(name)) throw new TerseException(`Feature ${name} was specified more than once.`)
    updates.set(name, { maxVersionLevel: level, upgradeType })
  }
  return updates
}

function disableUpdates(
  namespace: Namespace,
  upgradeType: FeatureUpgradeType,
): Map<string, AdminFeatureUpdate> {
  const updates = new Map<string, AdminFeatureUpdate>()
  for (const feature of listValue(namespace, 'feature') ?? []) {
    if (updates.has(feature)) throw new TerseException(`Feature ${feature} was specified more than once.`)
    updates.set(feature, { maxVersionLevel: 0, upgradeType })
  }
  return updates
}

/** FeatureCommand.update: one line per feature, by name. */
async function update(
  op: 'upgrade' | 'downgrade' | 'disable',
  admin: Admin,
  updates: ReadonlyMap<string, AdminFeatureUpdate>,
  dryRun: boolean,
  context: ToolContext,
): Promise<void> {
  if (updates.size === 0) throw new TerseException(`You must specify at least one feature to ${op}`)
  let outcomes: Map<string, KafkaError | null>
  try {
    outcomes = await admin.updateFeatures(updates, { validateOnly: dryRun })
  } catch (error) {
    // A request that failed as a whole fails every feature's future; a rejected argument is thrown at once.
    const exception = asJavaException(error)
    if (exception.className === 'java.lang.IllegalArgumentException') throw error
    const failed = new KafkaError(exception.className, exception.javaMessage ?? 'null')
    outcomes = new Map([...updates.keys()].map((name) => [name, failed]))
  }
  let failures = 0
  for (const feature of [...updates.keys()].sort()) {
    const level = updates.get(feature)?.maxVersionLevel ?? 0
    const failure = outcomes.get(feature) ?? null
    if (failure !== null) {
      const suffix = op === 'disable' ? `disable ${feature}` : `${op} ${feature} to ${level}`
      context.out.stdout(`${dryRun ? 'Can not ' : 'Could not '}${suffix}. ${failure.message}\n`)
      failures++
    } else {
      const outcome = op === 'disable' ? 'disabled.' : `${op}d to ${level}.`
      context.out.stdout(`${feature}${dryRun ? ' can be ' : ' was '}${outcome}\n`)
    }
  }
  if (failures > 0) throw new TerseException(`${failures} out of ${updates.size} operation(s) failed.`)
}

function downgradeType(namespace: Namespace): FeatureUpgradeType {
  return namespace.values.get('unsafe') === true ? 'UNSAFE_DOWNGRADE' : 'SAFE_DOWNGRADE'
}

async function execute(namespace: Namespace, context: ToolContext): Promise<void> {
  const commandConfig = stringValue(namespace, 'command_config')
  if (commandConfig !== null) loadProps(context, commandConfig)
  if (namespace.values.has('bootstrap_controller')) {
    throw new TerseException(
      "[playground] The playground's tools reach the brokers only: use --bootstrap-server localhost:9092.",
    )
  }
  const admin = context.kafka.admin(stringValue(namespace, 'bootstrap_server') ?? '', clientLog(context))
  const dryRun = namespace.values.get('dry_run') === true
  try {
    switch (namespace.command) {
      case 'describe':
        return await describe(admin, context)
      case 'upgrade':
        return await update(
          'upgrade',
          admin,
          requestedUpdates(namespace, 'UPGRADE', context),
          dryRun,
          context,
        )
      case 'downgrade': {
        const updates = requestedUpdates(namespace, downgradeType(namespace), context)
        return await update('downgrade', admin, updates, dryRun, context)
      }
      case 'disable':
        return await update(
          'disable',
          admin,
          disableUpdates(namespace, downgradeType(namespace)),
          dryRun,
          context,
        )
      case 'version-mapping':
        context.out.stdout(versionMapping(stringValue(namespace, 'release_version')))
        return
      default:
        featureDependencies(listValue(namespace, 'feature') ?? [], (text) => context.out.stdout(text))
    }
  } finally {
    await admin.close()
  }
}

export const kafkaFeatures: Tool = (argv, context) =>
  runToolMain(context.out, () => execute(parseArgs(FEATURE_COMMAND, argv), context), {
    uncaught: (exception) => `${exception.javaMessage ?? 'null'}\n`,
  })
