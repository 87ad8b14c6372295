/**
 * The feature flags of Kafka 4.1.0 besides metadata.version (server-common Feature, KRaftVersion,
 * TransactionVersion, GroupVersion, EligibleLeaderReplicasVersion, ShareVersion, StreamsVersion), in
 * Feature.PRODUCTION_FEATURES order. Each level has the metadata.version from which it is the default
 * (bootstrapMetadataVersion: Feature.defaultLevel picks the highest level whose bootstrap level is at or below
 * the release's) and the features it depends on (FeatureVersion.dependencies). `supportedMax` is the top of
 * the range a 4.1 node supports without `unstable.feature.versions.enable` (BrokerFeatures /
 * QuorumFeatures.defaultSupportedFeatures); a feature is supported only when it is above 0.
 *
 * Where the corpus read for this lacked the 4.1.0 text: ShareVersion and StreamsVersion come from the 4.1
 * branch's files (SV_1 of share.version at 4.2-IV0 depending on metadata.version 27; SV_1 of streams.version
 * at 4.2-IV1), their supported maximum of 1 from a 4.1-based cluster's `kafka-features describe`;
 * EligibleLeaderReplicasVersion ELRV_1 (default from 4.1-IV0, depends on metadata.version 24) from the 4.1
 * branch's file.
 *
 * Invariants: each feature's levels start at 0 and are consecutive; bootstrap levels never decrease.
 */
import { LATEST_PRODUCTION_METADATA_LEVEL, METADATA_VERSION_FEATURE } from './metadata-version.ts'

export interface FeatureLevel {
  level: number
  /** The metadata.version level from which this is the feature's default. */
  bootstrapMetadataLevel: number
  dependencies: ReadonlyMap<string, number>
}

export interface FeatureDefinition {
  name: string
  levels: readonly FeatureLevel[]
  supportedMax: number
}

export const KRAFT_VERSION_FEATURE = 'kraft.version'

const level = (
  featureLevel: number,
  bootstrapMetadataLevel: number,
  dependencies: ReadonlyArray<[string, number]> = [],
): FeatureLevel => ({ level: featureLevel, bootstrapMetadataLevel, dependencies: new Map(dependencies) })

/** The metadata.version level MINIMUM_VERSION, where every feature's level 0 is the default. */
const MINIMUM = 7

export const PRODUCTION_FEATURES: readonly FeatureDefinition[] = [
  { name: KRAFT_VERSION_FEATURE, levels: [level(0, MINIMUM), level(1, 21)], supportedMax: 1 },
  {
    name: 'transaction.version',
    levels: [level(0, MINIMUM), level(1, 24), level(2, 24)],
    supportedMax: 2,
  },
  {
    name: 'group.version',
    levels: [level(0, MINIMUM), level(1, 22, [[METADATA_VERSION_FEATURE, 22]])],
    supportedMax: 1,
  },
  {
    name: 'eligible.leader.replicas.version',
    levels: [level(0, MINIMUM), level(1, 26, [[METADATA_VERSION_FEATURE, 24]])],
    supportedMax: 1,
  },
  {
    name: 'share.version',
    levels: [level(0, MINIMUM), level(1, 28, [[METADATA_VERSION_FEATURE, 27]])],
    supportedMax: 1,
  },
  { name: 'streams.version', levels: [level(0, MINIMUM), level(1, 29)], supportedMax: 1 },
]

export function featureDefinition(name: string): FeatureDefinition | undefined {
  return PRODUCTION_FEATURES.find((feature) => feature.name === name)
}

/** Feature.defaultLevel: the feature's level for a cluster formatted (or upgraded) at `metadataLevel`. */
export function defaultFeatureLevel(feature: FeatureDefinition, metadataLevel: number): number {
  return feature.levels.filter((each) => each.bootstrapMetadataLevel <= metadataLevel).at(-1)?.level ?? 0
}

/**
 * The finalized levels a 4.1 `kafka-storage.sh format` writes with its default --release-version (4.1-IV1)
 * for a static quorum (controller.quorum.voters): metadata.version and every feature at its default,
 * except kraft.version, which a static quorum keeps at 0 (the Formatter sets 1 only with --standalone or
 * --initial-controllers). Levels of 0 are not written.
 */
export function bootstrapFeatureLevels(): Map<string, number> {
  const levels = new Map([[METADATA_VERSION_FEATURE, LATEST_PRODUCTION_METADATA_LEVEL]])
  for (const feature of PRODUCTION_FEATURES) {
    const defaultLevel =
      feature.name === KRAFT_VERSION_FEATURE
        ? 0
        : defaultFeatureLevel(feature, LATEST_PRODUCTION_METADATA_LEVEL)
    if (defaultLevel > 0) levels.set(feature.name, defaultLevel)
  }
  return levels
}
