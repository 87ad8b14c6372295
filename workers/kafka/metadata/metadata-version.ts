/**
 * MetadataVersion as Kafka 4.1.0 defines it (server-common org.apache.kafka.server.common.MetadataVersion):
 * the `metadata.version` feature's levels from 3.3-IV3 (7, MINIMUM_VERSION: the oldest a 4.x cluster can run)
 * to 4.2-IV1 (29), each with its release name and whether it changed the metadata records
 * (didMetadataChange: a downgrade across such a level may lose metadata). LATEST_PRODUCTION is 4.1-IV1 (27):
 * levels above it are unstable and a broker without `unstable.feature.versions.enable` does not support them.
 *
 * Invariants: levels are consecutive from MINIMUM_LEVEL in the order of VERSIONS; names are unique.
 */
export const METADATA_VERSION_FEATURE = 'metadata.version'

export interface MetadataVersion {
  featureLevel: number
  /** `3.3-IV3`: the release and its inter-broker protocol sub-version. */
  version: string
  didMetadataChange: boolean
}

const mv = (featureLevel: number, version: string, didMetadataChange: boolean): MetadataVersion => ({
  featureLevel,
  version,
  didMetadataChange,
})

export const METADATA_VERSIONS: readonly MetadataVersion[] = [
  mv(7, '3.3-IV3', true),
  mv(8, '3.4-IV0', true),
  mv(9, '3.5-IV0', false),
  mv(10, '3.5-IV1', false),
  mv(11, '3.5-IV2', true),
  mv(12, '3.6-IV0', false),
  mv(13, '3.6-IV1', true),
  mv(14, '3.6-IV2', true),
  mv(15, '3.7-IV0', true),
  mv(16, '3.7-IV1', false),
  mv(17, '3.7-IV2', true),
  mv(18, '3.7-IV3', false),
  mv(19, '3.7-IV4', false),
  mv(20, '3.8-IV0', false),
  mv(21, '3.9-IV0', false),
  mv(22, '4.0-IV0', false),
  mv(23, '4.0-IV1', true),
  mv(24, '4.0-IV2', false),
  mv(25, '4.0-IV3', false),
  mv(26, '4.1-IV0', false),
  mv(27, '4.1-IV1', false),
  mv(28, '4.2-IV0', false),
  mv(29, '4.2-IV1', false),
]

/** MetadataVersion.MINIMUM_VERSION (3.3-IV3). */
export const MINIMUM_METADATA_LEVEL = 7
/** MetadataVersion.LATEST_PRODUCTION (4.1-IV1): what `kafka-storage.sh format` writes by default. */
export const LATEST_PRODUCTION_METADATA_LEVEL = 27

/** MetadataVersion.fromFeatureLevel; undefined for a level 4.1 does not know. */
export function metadataVersionOfLevel(level: number): MetadataVersion | undefined {
  return METADATA_VERSIONS[level - MINIMUM_METADATA_LEVEL]
}

/**
 * MetadataVersion.fromVersionString: `4.1-IV1`, or a bare release (`4.1`) for its last sub-version; undefined
 * for anything else.
 */
export function metadataVersionOfName(name: string): MetadataVersion | undefined {
  const exact = METADATA_VERSIONS.find((version) => version.version === name)
  if (exact !== undefined) return exact
  return METADATA_VERSIONS.filter((version) => version.version.startsWith(`${name}-IV`)).at(-1)
}

/** The production versions from 3.3-IV3 to 4.1-IV1, as the tools list them (`3.3-IV3, 3.4-IV0, ...`). */
export function productionMetadataVersionNames(): string[] {
  return METADATA_VERSIONS.filter((version) => version.featureLevel <= LATEST_PRODUCTION_METADATA_LEVEL).map(
    (version) => version.version,
  )
}

/** MetadataVersion.checkIfMetadataChanged: whether a level in (to, from] changed the metadata records. */
export function metadataChangedBetween(from: number, to: number): boolean {
  return METADATA_VERSIONS.some(
    (version) => version.featureLevel > to && version.featureLevel <= from && version.didMetadataChange,
  )
}
