/**
 * FeatureControlManager.updateFeatures of Kafka 4.1: validates each requested feature level against the
 * finalized levels in the controller's ClusterMetadata and answers INVALID_UPDATE_VERSION with Kafka's
 * message (`Invalid update version 3 for feature group.version. Local controller 1 only supports versions
 * 0-1`), or gives the FeatureLevelRecord that sets it. Every node runs the same software, so the controller's
 * supported range is every broker's and controller's (QuorumFeatures.reasonNotSupported checks them all).
 *
 * Checks, in Kafka's order: the level is not negative; the local controller supports it; for a feature other
 * than metadata.version, its dependencies hold among the levels this request would leave (Feature.validateVersion);
 * a lower level needs a downgrade type and a higher one the upgrade type; metadata.version then refuses levels
 * a downgrade across a level that changed the metadata (unsafe downgrades are not supported
 * in 4.1). kraft.version is the quorum's, not the metadata log's: this static quorum keeps it at 0
 * (docs/DEVIATIONS.md). validateOnly gives the answers and no records.
 */
import type { FeatureUpdate, UpdateFeaturesResult } from '../../protocol/kafka-features.ts'
import type { ClusterMetadata } from '../metadata/cluster-metadata.ts'
import type { MetadataRecord } from '../metadata/metadata-records.ts'
import { KRAFT_VERSION_FEATURE, featureDefinition } from '../metadata/features.ts'
import {
  LATEST_PRODUCTION_METADATA_LEVEL,
  METADATA_VERSION_FEATURE,
  MINIMUM_METADATA_LEVEL,
  metadataChangedBetween,
} from '../metadata/metadata-version.ts'

export interface VersionRange {
  min: number
  max: number
}

/** The range this node's software supports for a feature; max 0 when it does not know the feature. */
export function supportedRange(feature: string): VersionRange {
  if (feature === METADATA_VERSION_FEATURE)
    return { min: MINIMUM_METADATA_LEVEL, max: LATEST_PRODUCTION_METADATA_LEVEL }
  const definition = featureDefinition(feature)
  return { min: 0, max: definition?.supportedMax ?? 0 }
}

/** org.apache.kafka.metadata.VersionRange.toString: `N` for one level, else `min-max`. */
function rangeText(range: VersionRange): string {
  return range.min === range.max ? String(range.min) : `${range.min}-${range.max}`
}

/** QuorumFeatures.reasonNotSupported for the local controller. */
function reasonNotSupported(controllerId: number, feature: string, level: number): string | null {
  const range = supportedRange(feature)
  if (level >= range.min && level <= range.max) return null
  const what = `Local controller ${controllerId}`
  return range.max === 0
    ? `${what} does not support this feature.`
    : `${what} only supports versions ${rangeText(range)}`
}

/** Feature.validateVersion: the dependencies of `feature` at `level` among the proposed levels. */
function dependencyError(
  feature: string,
  level: number,
  proposed: ReadonlyMap<string, number>,
): string | null {
  const dependencies = featureDefinition(feature)?.levels.find((each) => each.level === level)?.dependencies
  for (const [dependency, needed] of dependencies ?? []) {
    if ((proposed.get(dependency) ?? 0) < needed)
      return `${feature} could not be set to ${level} because it depends on ${dependency} level ${needed}`
  }
  return null
}

/**
 * FeatureControlManager.updateMetadataVersion's refusal of a downgrade across a level that changed the metadata
 * (the supported range already keeps the level within 3.3-IV3 to 4.1-IV1).
 */
function metadataDowngradeError(
  current: number,
  level: number,
  upgradeType: FeatureUpdate['upgradeType'],
): string | null {
  if (level >= current || !metadataChangedBetween(current, level)) return null
  const invalid = (message: string): string => `Invalid metadata.version ${level}. ${message}`
  if (upgradeType === 'UNSAFE_DOWNGRADE')
    return invalid('Unsafe metadata downgrade is not supported in this version.')
  return invalid(
    'Refusing to perform the requested downgrade because it might delete metadata information. ' +
      'Retry using UNSAFE_DOWNGRADE if you want to force the downgrade to proceed.',
  )
}

function updateError(
  update: FeatureUpdate,
  controllerId: number,
  finalized: ReadonlyMap<string, number>,
  proposed: ReadonlyMap<string, number>,
): string | null {
  const { feature, maxVersionLevel: level, upgradeType } = update
  const invalid = (message: string): string =>
    `Invalid update version ${level} for feature ${feature}. ${message}`
  const current = finalized.get(feature) ?? 0
  if (level < 0) return invalid('A feature version cannot be less than 0.')
  const unsupported = reasonNotSupported(controllerId, feature, level)
  if (unsupported !== null) return invalid(unsupported)
  if (feature !== METADATA_VERSION_FEATURE) {
    // Feature.featureFromName: only a disable (level 0) of an unknown feature gets this far.
    if (featureDefinition(feature) === undefined) return invalid(`Feature ${feature} not found.`)
    const missing = dependencyError(feature, level, proposed)
    if (missing !== null) return invalid(missing)
  }
  if (level < current && upgradeType === 'UPGRADE') {
    return invalid(
      "Can't downgrade the version of this feature without setting the upgrade type to either safe or unsafe downgrade.",
    )
  }
  if (level > current && upgradeType !== 'UPGRADE') return invalid("Can't downgrade to a newer version.")
  if (feature === METADATA_VERSION_FEATURE) return metadataDowngradeError(current, level, upgradeType)
  if (feature === KRAFT_VERSION_FEATURE && level !== current) {
    return invalid(
      '[playground] The metadata quorum is static (controller.quorum.voters), so kraft.version stays at 0.',
    )
  }
  return null
}

/** The answers to one UpdateFeatures request, by feature name ascending, and the records of those that passed. */
export function updateFeaturesRecords(
  metadata: ClusterMetadata,
  controllerId: number,
  updates: readonly FeatureUpdate[],
): { results: UpdateFeaturesResult[]; records: MetadataRecord[] } {
  const finalized = metadata.finalizedFeatures
  const proposed = new Map(finalized)
  for (const update of updates) proposed.set(update.feature, update.maxVersionLevel)
  const results: UpdateFeaturesResult[] = []
  const records: MetadataRecord[] = []
  for (const update of [...updates].sort((a, b) =>
    a.feature < b.feature ? -1 : a.feature > b.feature ? 1 : 0,
  )) {
    const message = updateError(update, controllerId, finalized, proposed)
    results.push({
      feature: update.feature,
      error: message === null ? null : 'INVALID_UPDATE_VERSION',
      message,
    })
    // kraft.version lives in the quorum's own records, never in a FeatureLevelRecord.
    if (message === null && update.feature !== KRAFT_VERSION_FEATURE) {
      records.push({ type: 'FeatureLevelRecord', name: update.feature, featureLevel: update.maxVersionLevel })
    }
  }
  return { results, records }
}
