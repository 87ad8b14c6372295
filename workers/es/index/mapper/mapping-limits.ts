/**
 * The mapping limits of an index (IndexSettings' index.mapping.* limits) and MappingLookup's checks of them.
 *
 * The total fields count is RootObjectMapper.getTotalFieldsCount: every object, nested and passthrough field
 * counts 1 plus what is under it, a leaf 1 plus its multi-fields, an alias 1, and each runtime field 1; metadata
 * fields and the root itself do not count. checkMappingLimits is MappingLookup.checkLimits, run on the whole
 * mapping after index creation and every PUT _mapping (ES's DocumentMapper.validate): total fields, then object
 * depth (an object's dots + 2), then field name length (each object's and field's own name, multi-fields
 * included), then the nested fields, each an illegal_argument_exception. A document's dynamic fields are checked
 * as they are added (document-parser.ts, DocumentParserContext.addDynamicMapper).
 * The settings are kept as their text in IndexMetadata.otherSettings (validated when set: index-scoped-settings.ts).
 */
import { illegalArgumentException, type EsException } from '../../errors/index.ts'
import type { OtherSettingValue } from '../index-scoped-settings.ts'
import { hasProperties, type FieldMapping, type Mapping } from './mapping.ts'

export interface MappingLimits {
  /** index.mapping.total_fields.limit */
  totalFields: number
  /** index.mapping.total_fields.ignore_dynamic_beyond_limit */
  ignoreDynamicBeyondLimit: boolean
  /** index.mapping.depth.limit */
  depth: number
  /** index.mapping.nested_fields.limit */
  nestedFields: number
  /** index.mapping.nested_objects.limit */
  nestedObjects: number
  /** index.mapping.field_name_length.limit */
  fieldNameLength: number
}

/** IndexSettings' defaults (field_name_length.limit: Long.MAX_VALUE). */
export const DEFAULT_MAPPING_LIMITS: MappingLimits = {
  totalFields: 1000,
  ignoreDynamicBeyondLimit: false,
  depth: 20,
  nestedFields: 50,
  nestedObjects: 10_000,
  fieldNameLength: Number.MAX_SAFE_INTEGER,
}

/** The limits an index's (or a template's) settings set, the defaults for the rest (and for a template's null). */
export function mappingLimits(
  settings: Readonly<Record<string, OtherSettingValue | null>> | undefined,
): MappingLimits {
  const number = (key: string, fallback: number): number => {
    const value = settings?.[key]
    return typeof value === 'string' ? Number(value) : fallback
  }
  const d = DEFAULT_MAPPING_LIMITS
  return {
    totalFields: number('index.mapping.total_fields.limit', d.totalFields),
    ignoreDynamicBeyondLimit: settings?.['index.mapping.total_fields.ignore_dynamic_beyond_limit'] === 'true',
    depth: number('index.mapping.depth.limit', d.depth),
    nestedFields: number('index.mapping.nested_fields.limit', d.nestedFields),
    nestedObjects: number('index.mapping.nested_objects.limit', d.nestedObjects),
    fieldNameLength: number('index.mapping.field_name_length.limit', d.fieldNameLength),
  }
}

/** Mapper.getTotalFieldsCount of one field: an object's own 1 and its children's, a leaf's 1 and its multi-fields. */
export function fieldTotalCount(field: FieldMapping): number {
  if (hasProperties(field)) return 1 + propertiesTotalCount(field.properties ?? {})
  return 1 + Object.keys(field.fields ?? {}).length
}

function propertiesTotalCount(properties: Record<string, FieldMapping>): number {
  let sum = 0
  for (const field of Object.values(properties)) sum += fieldTotalCount(field)
  return sum
}

/** RootObjectMapper.getTotalFieldsCount: the fields under the root and the runtime fields. */
export function totalFieldsCount(mapping: Mapping): number {
  return propertiesTotalCount(mapping.properties) + Object.keys(mapping.runtime ?? {}).length
}

/** MappingLookup.checkFieldLimit; `adding` > 0 is a document's dynamic fields not yet in the mapping. */
export function totalFieldsLimitExceeded(limit: number, adding = 0): EsException {
  const suffix = adding > 0 ? ` while adding new fields [${adding}]` : ''
  return illegalArgumentException(`Limit of total fields [${limit}] has been exceeded${suffix}`)
}

/** MappingLookup.checkObjectDepthLimit for one object path (null: within the limit). */
export function objectDepthLimitExceeded(limit: number, objectPath: string): EsException | null {
  const depth = objectPath.split('.').length + 1
  if (depth <= limit) return null
  return illegalArgumentException(
    `Limit of mapping depth [${limit}] has been exceeded due to object field [${objectPath}]`,
  )
}

/** MappingLookup.checkLimits on a whole mapping. */
export function checkMappingLimits(mapping: Mapping, limits: MappingLimits): void {
  if (totalFieldsCount(mapping) > limits.totalFields) throw totalFieldsLimitExceeded(limits.totalFields)
  const objects: string[] = []
  const names: string[] = []
  let nested = 0
  const walk = (properties: Record<string, FieldMapping>, prefix: string): void => {
    for (const [name, field] of Object.entries(properties)) {
      names.push(name)
      if (hasProperties(field)) {
        objects.push(prefix + name)
        if (field.type === 'nested') nested++
        walk(field.properties ?? {}, `${prefix}${name}.`)
      } else names.push(...Object.keys(field.fields ?? {}))
    }
  }
  walk(mapping.properties, '')
  for (const path of objects) {
    const exceeded = objectDepthLimitExceeded(limits.depth, path)
    if (exceeded) throw exceeded
  }
  const long = names.find((name) => name.length > limits.fieldNameLength)
  if (long !== undefined)
    throw illegalArgumentException(
      `Field name [${long}] is longer than the limit of [${limits.fieldNameLength}] characters`,
    )
  if (nested > limits.nestedFields)
    throw illegalArgumentException(`Limit of nested fields [${limits.nestedFields}] has been exceeded`)
}
