/**
 * The root object's parameters besides `dynamic` and `properties`, as Elasticsearch 8.17 reads, merges and prints
 * them (RootObjectMapper, Mapping, MappingParser):
 * - `enabled: false`: documents are kept whole in `_source` and nothing of them is indexed or mapped;
 * - `subobjects` (read by mapping-parser.ts, subobjects.ts): set once, printed after `enabled`;
 * - `_meta`: any JSON, kept and shown as given; `_routing` (routing-field.ts); `_source` (source-field.ts);
 * - `dynamic_date_formats` (a list, one pattern, or `none`; an `epoch_` format is refused), `dynamic_templates`
 *   (dynamic-templates.ts), `date_detection` and `numeric_detection`, used by dynamic mapping (dynamic-mapping.ts).
 * Each is kept only when a mapping sets it (ES's Explicit), so GET _mapping shows exactly what was set, in
 * ObjectMapper.toXContent's order: dynamic, enabled, subobjects, _meta, the metadata fields by name (_routing, _source),
 * dynamic_date_formats, dynamic_templates, date_detection, numeric_detection, then properties.
 * A merge takes what the update sets; `enabled` and `subobjects` cannot change (ObjectMapper.merge's mapper_exception).
 */
import { DateFormatter } from '../../common/time/index.ts'
import { parseBoolean } from '../../common/booleans.ts'
import {
  EsException,
  failedToParseMappingFrom,
  illegalArgumentException,
  mapperParsingException,
} from '../../errors/index.ts'
import {
  RawJson,
  toJson,
  type JsonOut,
  type XContentObject,
  type XContentValue,
} from '../../xcontent/index.ts'
import type { Mapping } from './mapping.ts'
import { javaToString } from './mapping-parser.ts'
import { mergeDynamicTemplates, parseDynamicTemplates, templateToJson } from './dynamic-templates.ts'
import { mergeSourceField, parseSourceField, sourceFieldToJson } from './source-field.ts'
import { mergeRoutingField, parseRoutingField } from './routing-field.ts'
import { checkObjectParameterUpdate } from './subobjects.ts'

type RootParameters = Omit<Mapping, 'dynamic' | 'properties'>

/** XContentMapValues.nodeBooleanValue(node, name), a failure wrapped as a mapping's. */
export function nodeBooleanValue(value: XContentValue, name: string): boolean {
  if (typeof value === 'boolean') return value
  try {
    return parseBoolean(javaToString(value))
  } catch (error) {
    if (!(error instanceof EsException)) throw error
    throw failedToParseMappingFrom(illegalArgumentException(`Could not convert [${name}] to boolean`, error))
  }
}

export function parseRootParameters(root: XContentObject): RootParameters {
  const out: RootParameters = {}
  for (const [key, value] of root) {
    if (key === 'enabled') out.enabled = nodeBooleanValue(value, 'enabled.enabled')
    else if (key === '_meta') out._meta = toJson(value)
    else if (key === '_routing') out._routing = parseRoutingField(value)
    else if (key === '_source') out._source = parseSourceField(value)
    else if (key === 'dynamic_date_formats') out.dynamic_date_formats = dynamicDateFormats(value)
    else if (key === 'dynamic_templates') out.dynamic_templates = parseDynamicTemplates(value)
    else if (key === 'date_detection') out.date_detection = nodeBooleanValue(value, 'date_detection')
    else if (key === 'numeric_detection') out.numeric_detection = nodeBooleanValue(value, 'numeric_detection')
  }
  return out
}

/** RootObjectMapper.processField for `dynamic_date_formats`: each pattern must compile and not be an epoch. */
function dynamicDateFormats(value: XContentValue): string[] {
  if (!Array.isArray(value) && javaToString(value) === 'none') return []
  const patterns = (Array.isArray(value) ? value : [value]).map(javaToString)
  for (const pattern of patterns) {
    if (pattern.startsWith('epoch_'))
      throw failedToParseMappingFrom(
        mapperParsingException(`Epoch [${pattern}] is not supported as dynamic date format`),
      )
    try {
      DateFormatter.forPattern(pattern)
    } catch (error) {
      if (error instanceof EsException) throw failedToParseMappingFrom(error)
      throw error
    }
  }
  return patterns
}

/** RootObjectMapper.merge and Mapping.merge over the root's parameters; `indexTemplate`: templates merge by name. */
export function mergeRootParameters(
  existing: Mapping,
  update: Mapping,
  indexTemplate: boolean,
): RootParameters {
  if (!indexTemplate) {
    checkObjectParameterUpdate('enabled', existing.enabled, update.enabled, '_doc')
    checkObjectParameterUpdate('subobjects', existing.subobjects, update.subobjects, '_doc')
  }
  const merged: RootParameters = {
    enabled: update.enabled ?? existing.enabled,
    subobjects: update.subobjects ?? existing.subobjects,
    _meta: update._meta ?? existing._meta,
    _routing: mergeRoutingField(existing._routing, update._routing, indexTemplate),
    _source: mergeSourceField(existing._source, update._source, indexTemplate),
    dynamic_date_formats: update.dynamic_date_formats ?? existing.dynamic_date_formats,
    dynamic_templates: mergeDynamicTemplates(
      existing.dynamic_templates,
      update.dynamic_templates,
      indexTemplate,
    ),
    date_detection: update.date_detection ?? existing.date_detection,
    numeric_detection: update.numeric_detection ?? existing.numeric_detection,
  }
  for (const key of Object.keys(merged) as Array<keyof RootParameters>) {
    if (merged[key] === undefined) delete merged[key]
  }
  return merged
}

/** The root's parameters into GET _mapping's JSON, after `dynamic` (see the header for the order). */
export function rootParametersToJson(mapping: Mapping, out: { [key: string]: JsonOut }): void {
  if (mapping.enabled !== undefined && !mapping.enabled) out.enabled = false
  if (mapping.subobjects !== undefined) out.subobjects = mapping.subobjects
  if (mapping._meta !== undefined) out._meta = new RawJson(mapping._meta)
  if (mapping._routing?.required === true) out._routing = { required: true }
  const source = mapping._source === undefined ? null : sourceFieldToJson(mapping._source)
  if (source !== null) out._source = source
  if (mapping.dynamic_date_formats !== undefined) out.dynamic_date_formats = mapping.dynamic_date_formats
  if (mapping.dynamic_templates !== undefined) {
    out.dynamic_templates = mapping.dynamic_templates.map(
      (template) => new Map([[template.name, templateToJson(template)]]),
    )
  }
  if (mapping.date_detection !== undefined) out.date_detection = mapping.date_detection
  if (mapping.numeric_detection !== undefined) out.numeric_detection = mapping.numeric_detection
}
