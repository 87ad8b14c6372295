/**
 * FeatureCommand's offline parts (Kafka 4.1): `version-mapping` (`metadata.version=27 (4.1-IV1)` then each
 * production feature's default level for that release, `kraft.version=1` ...), `feature-dependencies`
 * (`group.version=1 requires:` and `    metadata.version=22 (4.0-IV0)` lines, or `... has no dependencies.`),
 * parseNameAndLevel's `feature=level` with Short.parseShort, and levelToString (metadata.version levels by
 * their release name, `UNKNOWN 5` for one 4.1 does not know). Failures are TerseExceptions (Kafka's TerseException
 * or a RuntimeException: the tool prints only the message).
 */
import {
  LATEST_PRODUCTION_METADATA_LEVEL,
  METADATA_VERSION_FEATURE,
  MINIMUM_METADATA_LEVEL,
  metadataVersionOfLevel,
  metadataVersionOfName,
} from '../../kafka/metadata/metadata-version.ts'
import { PRODUCTION_FEATURES, defaultFeatureLevel, featureDefinition } from '../../kafka/metadata/features.ts'
import { TerseException } from './tool-errors.ts'

const MINIMUM_NAME = metadataVersionOfLevel(MINIMUM_METADATA_LEVEL)?.version ?? ''
export const LATEST_PRODUCTION_NAME = metadataVersionOfLevel(LATEST_PRODUCTION_METADATA_LEVEL)?.version ?? ''

export function levelToString(feature: string, level: number): string {
  if (feature !== METADATA_VERSION_FEATURE) return String(level)
  return metadataVersionOfLevel(level)?.version ?? `UNKNOWN ${level}`
}

/** Short.parseShort: an optional sign and decimal digits within -32768..32767. */
function parseShort(text: string): number | null {
  if (!/^[+-]?\d+$/.test(text)) return null
  const value = Number(text)
  return value >= -32768 && value <= 32767 ? value : null
}

/** FeatureCommand.parseNameAndLevel (both halves trimmed). */
export function parseNameAndLevel(input: string): { name: string; level: number } {
  const equals = input.indexOf('=')
  if (equals < 0)
    throw new TerseException(`Can't parse feature=level string ${input}: equals sign not found.`)
  const name = input.slice(0, equals).trim()
  const levelText = input.slice(equals + 1).trim()
  const level = parseShort(levelText)
  if (level === null) {
    throw new TerseException(
      `Can't parse feature=level string ${input}: unable to parse ${levelText} as a short.`,
    )
  }
  return { name, level }
}

/** FeatureCommand.handleVersionMapping. */
export function versionMapping(releaseVersion: string | null): string {
  const release = releaseVersion ?? LATEST_PRODUCTION_NAME
  const version = metadataVersionOfName(release)
  if (version === undefined) {
    throw new TerseException(
      `Unknown release version '${release}'. Supported versions are: ${MINIMUM_NAME} to ${LATEST_PRODUCTION_NAME}`,
    )
  }
  const lines = [`metadata.version=${version.featureLevel} (${release})`]
  for (const feature of PRODUCTION_FEATURES) {
    lines.push(`${feature.name}=${defaultFeatureLevel(feature, version.featureLevel)}`)
  }
  return lines.map((line) => line + '\n').join('')
}

/** FeatureCommand.handleFeatureDependencies: one block per --feature, stopping at the first failure. */
export function featureDependencies(features: readonly string[], print: (text: string) => void): void {
  for (const argument of features) {
    const { name, level } = parseNameAndLevel(argument)
    if (name === METADATA_VERSION_FEATURE) {
      const version = metadataVersionOfLevel(level)
      if (version === undefined) throw new TerseException(`Unknown metadata.version ${level}`)
      print(`${name}=${level} (${version.version}) has no dependencies.\n`)
      continue
    }
    const definition = featureDefinition(name)
    if (definition === undefined) throw new TerseException(`Unknown feature: ${name}`)
    const featureLevel = definition.levels.find((each) => each.level === level)
    if (featureLevel === undefined) throw new TerseException(`No feature:${name} with feature level ${level}`)
    if (featureLevel.dependencies.size === 0) {
      print(`${name}=${level} has no dependencies.\n`)
      continue
    }
    print(`${name}=${level} requires:\n`)
    for (const [dependency, dependencyLevel] of featureLevel.dependencies) {
      const release =
        dependency === METADATA_VERSION_FEATURE ? ` (${levelToString(dependency, dependencyLevel)})` : ''
      print(`    ${dependency}=${dependencyLevel}${release}\n`)
    }
  }
}
