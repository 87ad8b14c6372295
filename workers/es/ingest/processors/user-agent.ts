/**
 * The `user_agent` processor (UserAgentProcessor, ES 8 ingest-user-agent): `field`, `target_field` (default
 * `user_agent`), `regex_file` (only `_default_` exists: `[regex_file] regex file [x] doesn't exist (has to exist at
 * node startup)`), `properties` (a list of `name`, `os`, `device`, `original`, `version` in any case; default all;
 * anything else: `[properties] illegal property value [x]. valid values are [NAME, OS, DEVICE, ORIGINAL, VERSION]`),
 * `ignore_missing` (default false) and `ecs` (removed and ignored, as ES 8 does). `extract_device_type: true` is
 * refused: ES reads device types from its own device_type_regexes.yml, which the playground does not have.
 *
 * It parses the string at `field` (null or missing: `field [x] is null, cannot parse user-agent.` unless
 * `ignore_missing`) with the default UserAgentParser and sets at `target_field` a new map holding, for the
 * properties asked for: `name` (the agent's, or `Other`), `os` (`name`, and with a major version also `version`,
 * the parts joined by `.`, and `full`, the name and version; no `os` when no OS pattern matched), `device`
 * (`name`, or `Other`), `original` (the string), `version` (the agent's version, only with a major part).
 */
import { withExpectedSize } from '../../action/source-map.ts'
import type { XContentValue } from '../../xcontent/index.ts'
import type { IngestDocument } from '../ingest-document.ts'
import { classCastException, illegalArgumentException, nullPointerException } from '../ingest-exceptions.ts'
import { javaClassName } from '../java-values.ts'
import type { Processor } from '../processor.ts'
import type { ProcessorConfig } from '../processor-config.ts'
import { defaultUserAgentParser, type VersionedName } from '../user-agent/user-agent-parser.ts'

/** UserAgentProcessor.Property, in its declaration order (an EnumSet iterates in it). */
const PROPERTIES = ['NAME', 'OS', 'DEVICE', 'ORIGINAL', 'VERSION'] as const
type Property = (typeof PROPERTIES)[number]

const DEFAULT_PARSER_NAME = '_default_'

/** The major, minor, patch and build parts joined by `.` up to the first missing one; null without a major. */
function version(name: VersionedName | null): string | null {
  if (name?.major == null) return null
  const parts = [name.major, name.minor, name.patch, name.build]
  const missing = parts.indexOf(null)
  return parts.slice(0, missing < 0 ? parts.length : missing).join('.')
}

function readProperties(config: ProcessorConfig, names: XContentValue[] | null): Set<Property> {
  if (names === null) return new Set(PROPERTIES)
  const asked = new Set<string>()
  for (const name of names) {
    if (name === null) throw nullPointerException()
    if (typeof name !== 'string') throw classCastException(javaClassName(name), 'java.lang.String')
    const property = name.toUpperCase()
    if (!(PROPERTIES as readonly string[]).includes(property)) {
      throw config.error(
        'properties',
        `illegal property value [${name}]. valid values are [${PROPERTIES.join(', ')}]`,
      )
    }
    asked.add(property)
  }
  return new Set(PROPERTIES.filter((property) => asked.has(property)))
}

export function createUserAgent(config: ProcessorConfig): Processor {
  const field = config.string('field')
  const targetField = config.optionalString('target_field') ?? 'user_agent'
  const regexFile = config.optionalString('regex_file') ?? DEFAULT_PARSER_NAME
  const propertyNames = config.optionalList('properties')
  const extractDeviceType = config.boolean('extract_device_type', false)
  const ignoreMissing = config.boolean('ignore_missing', false)
  config.take('ecs')
  if (regexFile !== DEFAULT_PARSER_NAME) {
    throw config.error('regex_file', `regex file [${regexFile}] doesn't exist (has to exist at node startup)`)
  }
  const properties = readProperties(config, propertyNames)
  if (extractDeviceType) {
    throw config.error(
      'extract_device_type',
      'device types are not supported in the playground: ES reads them from its own device_type_regexes.yml',
    )
  }
  const parser = defaultUserAgentParser()
  return {
    type: 'user_agent',
    execute(doc: IngestDocument) {
      const agent = doc.getStringFieldValue(field, ignoreMissing)
      if (agent === null) {
        if (ignoreMissing) return doc
        throw illegalArgumentException(`field [${field}] is null, cannot parse user-agent.`)
      }
      const details = parser.parse(agent)
      const uaDetails = new Map<string, XContentValue>()
      for (const property of properties) {
        if (property === 'ORIGINAL') uaDetails.set('original', agent)
        else if (property === 'NAME') uaDetails.set('name', details.userAgent?.name ?? 'Other')
        else if (property === 'VERSION') {
          const agentVersion = version(details.userAgent)
          if (agentVersion !== null) uaDetails.set('version', agentVersion)
        } else if (property === 'OS') {
          const os = details.operatingSystem
          if (os === null) continue
          const osVersion = version(os)
          const osDetails = new Map<string, XContentValue>([['name', os.name]])
          if (osVersion !== null) {
            osDetails.set('version', osVersion)
            osDetails.set('full', `${os.name} ${osVersion}`)
          }
          // Maps.newMapWithExpectedSize(3): its capacity orders the three keys
          uaDetails.set('os', withExpectedSize(osDetails))
        } else uaDetails.set('device', new Map([['name', details.device?.name ?? 'Other']]))
      }
      doc.setFieldValue(targetField, uaDetails)
      return doc
    },
  }
}
