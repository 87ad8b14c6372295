/**
 * A mapping's JSON as ES returns it (GET _mapping, GET <index>, _cluster/state): ObjectMapper.toXContent's order
 * at the root (`dynamic`, the root parameters, `runtime`, `properties`), properties sorted by name at every level,
 * `type: object` left out (but for an object without properties, which shows only it; an object's `dynamic`,
 * `enabled` and `subobjects` first), a field's parameters in the order they were given (a dense_vector's in its Builder's order) with `copy_to` last (a scaled_float's
 * `scaling_factor` and `null_value`, and a double, float or half_float's `null_value`, as Java doubles).
 * Kept apart from mapping.ts, which the parsers import, so that printing's imports make no cycle with them.
 */
import { JavaDouble, type JsonOut } from '../../xcontent/index.ts'
import { SCALED_FLOAT_DOUBLE_PARAMETERS } from './scaled-float-field.ts'
import { printsAsDouble } from './number-field.ts'
import { runtimeFields, setOwn, type FieldMapping, type Mapping } from './mapping.ts'
import { runtimeToJson } from './runtime-field.ts'
import { rootParametersToJson } from './root-object-mapper.ts'
import { inBuilderOrder } from './dense-vector-field.ts'

/**
 * The JSON form ES returns (ObjectMapper.toXContent's order): `dynamic`, the root parameters
 * (root-object-mapper.ts), `runtime`, then properties sorted by name at every level, `type: object` left out
 * unless the object has no properties.
 */
export function mappingToJson(mapping: Mapping): { [key: string]: JsonOut } {
  const out: { [key: string]: JsonOut } = {}
  if (mapping.dynamic !== undefined) out.dynamic = mapping.dynamic
  rootParametersToJson(mapping, out)
  const runtime = runtimeFields(mapping)
  if (Object.keys(runtime).length > 0) out.runtime = runtimeToJson(runtime)
  if (Object.keys(mapping.properties).length > 0) out.properties = propertiesToJson(mapping.properties)
  return out
}

function propertiesToJson(properties: Record<string, FieldMapping>): { [key: string]: JsonOut } {
  const out: { [key: string]: JsonOut } = {}
  for (const name of Object.keys(properties).sort()) setOwn(out, name, fieldToJson(properties[name]!))
  return out
}

function fieldToJson(field: FieldMapping): { [key: string]: JsonOut } {
  if (field.type === 'nested') return nestedToJson(field)
  const out: { [key: string]: JsonOut } = {}
  // ObjectMapper.toXContent names the type of an object only when it has no properties, which it then leaves out.
  const empty = field.type === 'object' && Object.keys(field.properties ?? {}).length === 0
  if (field.type !== 'object' || empty) out.type = field.type
  const ordered =
    field.type === 'dense_vector'
      ? inBuilderOrder(field)
      : field.type === 'object'
        ? objectInOrder(field)
        : field
  for (const [key, value] of Object.entries(ordered)) {
    if (key === 'type' || key === 'copy_to' || value === undefined) continue
    // an object without properties shows none (ObjectMapper.serializeMappers)
    if (key === 'properties' && Object.keys(value as object).length === 0) continue
    out[key] =
      key === 'properties' || key === 'fields'
        ? propertiesToJson(value as Record<string, FieldMapping>)
        : value !== null &&
            ((field.type === 'scaled_float' && SCALED_FLOAT_DOUBLE_PARAMETERS.has(key)) ||
              printsAsDouble(field, key))
          ? new JavaDouble(value as number)
          : (value as string | number | boolean)
  }
  // FieldMapper.doXContentBody: the parameters, the multi-fields, then copy_to (always a list).
  if (field.copy_to !== undefined && field.copy_to.length > 0) out.copy_to = field.copy_to
  return out
}

/**
 * ObjectMapper.toXContent's order of an object's parameters: `dynamic`, `enabled` (only when false), `subobjects`, then
 * the others.
 */
function objectInOrder(field: FieldMapping): FieldMapping {
  const { dynamic, enabled, subobjects, ...others } = field
  return { dynamic, ...(enabled === false ? { enabled } : {}), subobjects, ...others }
}

/**
 * NestedObjectMapper.toXContent: `type`, `include_in_parent` and `include_in_root` only when true, `dynamic`, `enabled`
 * only when false, then the properties (left out when there are none).
 */
function nestedToJson(field: FieldMapping): { [key: string]: JsonOut } {
  const out: { [key: string]: JsonOut } = { type: 'nested' }
  if (field.include_in_parent === true) out.include_in_parent = true
  if (field.include_in_root === true) out.include_in_root = true
  if (field.dynamic !== undefined) out.dynamic = field.dynamic
  if (field.enabled === false) out.enabled = false
  const properties = field.properties ?? {}
  if (Object.keys(properties).length > 0) out.properties = propertiesToJson(properties)
  return out
}
