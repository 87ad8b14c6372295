/**
 * The `passthrough` object field type as Elasticsearch 8.17's PassThroughObjectMapper has it: an object whose
 * subfields can also be addressed without its prefix (`labels.dim` as `dim`, FieldTypeLookup's pass-through
 * aliases, which searchFields lays over the mapped fields: search-fields.ts).
 * - Mapping: `priority` (required, a non-negative integer read as XContentMapValues.nodeIntegerValue reads it),
 *   `time_series_dimension` (a boolean; `true` needs a time-series index, which the playground has not: refused as
 *   not available), `dynamic`, `enabled` and `properties`; anything else (`subobjects` included: a pass-through
 *   object always has `subobjects: false`) is refused as MappingParser.checkNoRemainingFields refuses it.
 * - GET _mapping prints `type`, `time_series_dimension` (when given), `priority`, `dynamic`, `enabled` (when false)
 *   and the properties, in that order (the order the parameters are kept in here).
 * - Two pass-through objects of one mapping may not share a priority (checkForDuplicatePriorities, a
 *   mapper_exception); a merge keeps the larger priority. A subfield's alias yields to a mapped field of that name,
 *   and between pass-through objects the higher priority wins.
 */
import {
  EsException,
  failedToParseMappingFrom,
  illegalArgumentException,
  mapperException,
} from '../../errors/index.ts'
import { parseBoolean } from '../../common/booleans.ts'
import type { XContentObject, XContentValue } from '../../xcontent/index.ts'
import { setOwn, type FieldMapping, type Mapping } from './mapping.ts'
import { checkNoRemainingFields, integerOption } from './mapping-options.ts'
import { javaToString } from './mapping-parser.ts'

export const PASSTHROUGH = 'passthrough'

/** The parameters ObjectMapper.TypeParser.parseObjectFields reads besides the pass-through ones. */
const OBJECT_PARAMETERS = new Set(['dynamic', 'enabled', 'properties'])

/**
 * PassThroughObjectMapper.TypeParser: the definition's parameters in printing order, `read` turning `dynamic` and
 * `properties` into their mapping values (the properties read as a `subobjects: false` object's). Unknown
 * parameters are refused before a missing or negative priority is.
 */
export function passThroughMapping(
  name: string,
  path: string,
  definition: XContentObject,
  read: (key: string, value: XContentValue) => unknown,
): FieldMapping {
  const rest = new Map(definition)
  rest.delete('type')
  const field: Record<string, unknown> = { type: PASSTHROUGH }
  const dimension = rest.get('time_series_dimension')
  rest.delete('time_series_dimension')
  if (dimension !== undefined && dimension !== null) {
    if (dimensionValue(name, dimension))
      throw illegalArgumentException(
        '[time_series_dimension] on a field of type [passthrough] is not available in the playground',
      )
    field.time_series_dimension = false
  }
  const priority = integerOption(rest, 'priority', -1)
  const object: Record<string, unknown> = {}
  for (const key of OBJECT_PARAMETERS) {
    if (!rest.has(key)) continue
    object[key] = read(key, rest.get(key)!)
    rest.delete(key)
  }
  checkNoRemainingFields(name, rest)
  if (priority < 0)
    throw failedToParseMappingFrom(
      mapperException(
        `Pass-through object [${path}] is missing a non-negative value for parameter [priority]`,
      ),
    )
  field.priority = priority
  if (object.dynamic !== undefined) field.dynamic = object.dynamic
  if (object.enabled === false) field.enabled = false
  if (object.properties !== undefined) setOwn(field, 'properties', object.properties)
  return field as unknown as FieldMapping
}

/** nodeBooleanValue(node, name + "time_series_dimension"): the name and the parameter's, with no dot between. */
function dimensionValue(name: string, value: XContentValue): boolean {
  if (typeof value === 'boolean') return value
  try {
    return parseBoolean(javaToString(value))
  } catch (error) {
    if (!(error instanceof EsException)) throw error
    throw failedToParseMappingFrom(
      illegalArgumentException(`Could not convert [${name}time_series_dimension] to boolean`, error),
    )
  }
}

/**
 * PassThroughObjectMapper.merge's parameters (the caller merges the properties): the update's
 * `time_series_dimension` and `dynamic` where it sets them, the larger priority, in printing order.
 */
export function mergePassThrough(current: FieldMapping, incoming: FieldMapping): FieldMapping {
  const dimension = incoming.time_series_dimension ?? current.time_series_dimension
  const dynamic = incoming.dynamic ?? current.dynamic
  const { enabled } = current
  return {
    type: PASSTHROUGH,
    ...(dimension !== undefined ? { time_series_dimension: dimension } : {}),
    priority: Math.max(current.priority!, incoming.priority!),
    ...(dynamic !== undefined ? { dynamic } : {}),
    ...(enabled !== undefined ? { enabled } : {}),
  }
}

/** Every pass-through object of the mapping with its full path, in the order GET _mapping prints them. */
function passThroughObjects(mapping: Mapping): [string, FieldMapping][] {
  const out: [string, FieldMapping][] = []
  const walk = (properties: Record<string, FieldMapping>, prefix: string): void => {
    for (const name of Object.keys(properties).sort()) {
      const field = properties[name]!
      if (field.type === PASSTHROUGH) out.push([prefix + name, field])
      if (field.properties !== undefined) walk(field.properties, `${prefix}${name}.`)
    }
  }
  walk(mapping.properties, '')
  return out
}

/** PassThroughObjectMapper.checkForDuplicatePriorities, as MappingLookup runs it on a new mapping. */
export function checkPassThroughPriorities(mapping: Mapping): void {
  const seen = new Map<number, string>()
  for (const [path, field] of passThroughObjects(mapping)) {
    const conflict = seen.get(field.priority!)
    if (conflict !== undefined)
      throw mapperException(
        `Pass-through object [${path}] has a conflicting param [priority=${field.priority}] with object [${conflict}]`,
      )
    seen.set(field.priority!, path)
  }
}

/**
 * FieldTypeLookup's pass-through aliases: each leaf subfield's name without the object's prefix → its full path,
 * the highest priority first to claim a name. `mapped` says whether a name is a field already, which keeps it.
 */
export function passThroughAliases(mapping: Mapping, mapped: (name: string) => boolean): Map<string, string> {
  const aliases = new Map<string, string>()
  const objects = passThroughObjects(mapping).sort(([, a], [, b]) => b.priority! - a.priority!)
  for (const [path, field] of objects) {
    for (const [name, subfield] of Object.entries(field.properties ?? {})) {
      if (subfield.type === 'alias' || subfield.properties !== undefined) continue
      if (!aliases.has(name) && !mapped(name)) aliases.set(name, `${path}.${name}`)
    }
  }
  return aliases
}
