/**
 * Dynamic templates, as Elasticsearch 8.17's DynamicTemplate and RootObjectMapper read, check, merge, match
 * and print them.
 *
 * Stored form (DynamicTemplate below): plain JSON, so an index's mapping persists and crosses workers as it is.
 * The pattern lists keep what was given (a single value as a list of one); `match_pattern` is absent for the
 * default (simple wildcards); `mapping` is the template's mapping as JSON text, its keys in the order given.
 *
 * Parsing (RootObjectMapper.processField, DynamicTemplate.parse) refuses what ES refuses, every error wrapped by
 * MapperService as `Failed to parse mapping: …`: a `dynamic_templates` that is not a list, an entry without
 * exactly one name, an unknown template parameter, a template without `mapping`, an unknown
 * match_mapping_type, an unknown match_pattern, a `regex` pattern that does not compile. Validation
 * (RootObjectMapper.validateDynamicTemplate): unless the mapping names `{name}`, it must build a field for at
 * least one of the JSON kinds the template matches, else `dynamic template [t] has invalid content [...],
 * attempted to validate it with the following match_mapping_type: [...]`, caused by the last kind's error.
 *
 * Matching (DynamicTemplate.match): path_match against the full dotted path, match against the field's own
 * name (any pattern of a list may match), then neither path_unmatch nor unmatch may match, then the value's JSON
 * kind must be one the template covers; the first template that matches wins.
 */
import {
  EsException,
  failedToParseMappingFrom,
  illegalArgumentException,
  mapperParsingException,
} from '../../errors/index.ts'
import {
  parseJson,
  toJson,
  type JsonOut,
  type XContentObject,
  type XContentValue,
} from '../../xcontent/index.ts'
import { simpleMatch } from '../../common/simple-match.ts'
import { compileSafeJavaPattern } from '../../ingest/java-regex.ts'
import { FIELD_TYPES, UNMODELLED_ES_FIELD_TYPES, type FieldMapping } from './mapping.ts'
import { javaToString, parseFieldMapping } from './mapping-parser.ts'

export interface DynamicTemplate {
  name: string
  match?: string[]
  path_match?: string[]
  unmatch?: string[]
  path_unmatch?: string[]
  match_mapping_type?: string[]
  unmatch_mapping_type?: string[]
  match_pattern?: 'simple' | 'regex'
  /** The template's `mapping`, as JSON text. */
  mapping: string
}

/** DynamicTemplate.XContentFieldType, in its enum order: the JSON kinds a new field's value is detected as. */
export const XCONTENT_FIELD_TYPES = [
  'object',
  'string',
  'long',
  'double',
  'boolean',
  'date',
  'binary',
] as const
export type XContentFieldType = (typeof XCONTENT_FIELD_TYPES)[number]

/** XContentFieldType.defaultMappingType: what `{dynamic_type}` stands for (a string is text, a double a float). */
export function defaultMappingType(kind: XContentFieldType): string {
  return kind === 'string' ? 'text' : kind === 'double' ? 'float' : kind
}

const PATTERN_LISTS = [
  'match',
  'path_match',
  'unmatch',
  'path_unmatch',
  'match_mapping_type',
  'unmatch_mapping_type',
] as const

/** The root's `dynamic_templates` value, parsed and validated. */
export function parseDynamicTemplates(value: XContentValue): DynamicTemplate[] {
  if (!Array.isArray(value)) {
    throw failedToParseMappingFrom(
      mapperParsingException('Dynamic template syntax error. An array of named objects is expected.'),
    )
  }
  return value.map((node) => {
    if (!(node instanceof Map) || node.size !== 1) {
      throw failedToParseMappingFrom(mapperParsingException('A dynamic template must be defined with a name'))
    }
    const [name, params] = [...node][0]!
    const template = parseTemplate(name, params instanceof Map ? params : new Map<string, XContentValue>())
    validateTemplate(template)
    return template
  })
}

function parseTemplate(name: string, conf: XContentObject): DynamicTemplate {
  const template: Partial<DynamicTemplate> & { name: string } = { name }
  let matchPattern = 'default'
  for (const [key, value] of conf) {
    if ((PATTERN_LISTS as readonly string[]).includes(key)) {
      const list = (template[key as (typeof PATTERN_LISTS)[number]] ??= [])
      list.push(...patternList(key, value))
    } else if (key === 'match_pattern') matchPattern = javaToString(value)
    else if (key === 'mapping' || key === 'runtime') {
      if (template.mapping !== undefined) {
        throw failedToParseMappingFrom(
          mapperParsingException(
            `mapping and runtime cannot be both specified in the same dynamic template [${name}]`,
          ),
        )
      }
      if (key === 'runtime') {
        throw failedToParseMappingFrom(
          illegalArgumentException('runtime fields in dynamic templates are not available in the playground'),
        )
      }
      template.mapping = toJson(value instanceof Map ? value : new Map())
    } else
      throw failedToParseMappingFrom(illegalArgumentException(`Illegal dynamic template parameter: [${key}]`))
  }
  if (template.mapping === undefined) {
    throw failedToParseMappingFrom(
      mapperParsingException(`template [${name}] must have either mapping or runtime set`),
    )
  }
  const parsed = template as DynamicTemplate
  templateKinds(parsed)
  if (matchPattern !== 'default' && matchPattern !== 'simple' && matchPattern !== 'regex') {
    throw failedToParseMappingFrom(
      illegalArgumentException(`No matching pattern matched on [${matchPattern}]`),
    )
  }
  if (matchPattern !== 'default') parsed.match_pattern = matchPattern
  if (matchPattern === 'regex') {
    // DynamicTemplate.parse checks them in this order (its allPatterns list).
    const checked = (['match', 'unmatch', 'path_match', 'path_unmatch'] as const).flatMap(
      (key) => parsed[key] ?? [],
    )
    for (const pattern of checked) {
      if (typeof compileSafeJavaPattern(pattern) === 'string') {
        throw failedToParseMappingFrom(
          mapperParsingException(
            `Pattern [${pattern}] of type [regex] is invalid. Cannot create dynamic template [${name}].`,
          ),
        )
      }
    }
  }
  return parsed
}

/** DynamicTemplate.addEntriesToPatternList: a list must hold strings; a single value is read as its text. */
function patternList(key: string, value: XContentValue): string[] {
  if (!Array.isArray(value)) return [javaToString(value)]
  return value.map((entry) => {
    if (typeof entry !== 'string') {
      throw failedToParseMappingFrom(
        mapperParsingException(
          `[${key}] values must either be a string or list of strings, but was [${javaToString(value)}]`,
        ),
      )
    }
    return entry
  })
}

/** The JSON kinds a template covers: `*`, or none named with match / path_match / unmatch_mapping_type set, is all. */
function templateKinds(template: DynamicTemplate): XContentFieldType[] {
  const named = template.match_mapping_type ?? []
  const wildcard =
    (named.length === 0 &&
      [template.match, template.path_match, template.unmatch_mapping_type].some(
        (list) => (list ?? []).length > 0,
      )) ||
    (named.length === 1 && named[0] === '*')
  const matched = wildcard ? [...XCONTENT_FIELD_TYPES] : named.map(xContentFieldType)
  const unmatched = new Set((template.unmatch_mapping_type ?? []).map(xContentFieldType))
  return matched.filter((kind) => !unmatched.has(kind))
}

function xContentFieldType(value: string): XContentFieldType {
  const kind = XCONTENT_FIELD_TYPES.find((candidate) => candidate === value)
  if (kind !== undefined) return kind
  throw failedToParseMappingFrom(
    illegalArgumentException(
      `No field type matched on [${value}], possible values are [${XCONTENT_FIELD_TYPES.join(', ')}]`,
    ),
  )
}

/**
 * RootObjectMapper.validateDynamicTemplate: the mapping must build a field for at least one kind it covers;
 * `checkField` adds the index's own checks of a built field (its analyzers, index-analysis.ts).
 */
export function validateTemplate(
  template: DynamicTemplate,
  checkField?: (field: FieldMapping) => void,
): void {
  if (containsSnippet(parseJson(template.mapping), '{name}')) return
  const kinds = templateKinds(template)
  let lastError: EsException | null = null
  for (const kind of kinds) {
    try {
      checkField?.(templateField(template, `__dynamic__${template.name}`, kind))
      lastError = null
      break
    } catch (error) {
      if (!(error instanceof EsException)) throw error
      lastError =
        error.causedBy !== undefined && error.reason.startsWith('Failed to parse mapping: ')
          ? error.causedBy
          : error
    }
  }
  if (lastError === null) return
  const message =
    `dynamic template [${template.name}] has invalid content [${toJson(templateToJson(template))}], ` +
    `attempted to validate it with the following match_mapping_type: [${kinds.join(', ')}]`
  throw mapperParsingException(
    `Failed to parse mapping: ${message}`,
    illegalArgumentException(message, lastError),
  )
}

function containsSnippet(value: XContentValue, snippet: string): boolean {
  if (typeof value === 'string') return value.includes(snippet)
  if (Array.isArray(value)) return value.some((entry) => containsSnippet(entry, snippet))
  if (value instanceof Map) {
    return [...value].some(([key, entry]) => key.includes(snippet) || containsSnippet(entry, snippet))
  }
  return false
}

/**
 * The field a template maps a new field to (DynamicFieldsBuilder.applyMatchingTemplate): its mapping with
 * `{name}` and `{dynamic_type}` replaced, the type defaulting to the kind's default mapping type.
 */
export function templateField(
  template: DynamicTemplate,
  name: string,
  kind: XContentFieldType,
): FieldMapping {
  const dynamicType = defaultMappingType(kind)
  const config = substitute(parseJson(template.mapping), name, dynamicType) as XContentObject
  const given = config.get('type')
  const type = given === undefined ? dynamicType : javaToString(given)
  if (!FIELD_TYPES.has(type)) {
    if (UNMODELLED_ES_FIELD_TYPES.has(type))
      throw illegalArgumentException(`the [${type}] field type is not available in the playground`)
    throw illegalArgumentException(`No mapper found for type [${type}]`)
  }
  config.set('type', type)
  return parseFieldMapping(name, config)
}

/** DynamicTemplate.processMap: `{name}`, `{dynamic_type}` and `{dynamicType}` replaced in keys and strings. */
function substitute(value: XContentValue, name: string, dynamicType: string): XContentValue {
  const replace = (text: string) =>
    text
      .replaceAll('{name}', name)
      .replaceAll('{dynamic_type}', dynamicType)
      .replaceAll('{dynamicType}', dynamicType)
  if (typeof value === 'string') return replace(value)
  if (Array.isArray(value)) return value.map((entry) => substitute(entry, name, dynamicType))
  if (value instanceof Map) {
    return new Map([...value].map(([key, entry]) => [replace(key), substitute(entry, name, dynamicType)]))
  }
  return value
}

/** The first template that maps a new field at `path` (its own name `name`) whose value is of `kind`. */
export function findTemplate(
  templates: readonly DynamicTemplate[],
  path: string,
  name: string,
  kind: XContentFieldType,
): DynamicTemplate | null {
  return templates.find((template) => templateMatches(template, path, name, kind)) ?? null
}

function templateMatches(
  template: DynamicTemplate,
  path: string,
  name: string,
  kind: XContentFieldType,
): boolean {
  const matches = (pattern: string, value: string) =>
    template.match_pattern === 'regex' ? regexMatches(pattern, value) : simpleMatch(pattern, value)
  const { path_match: pathMatch = [], match = [], path_unmatch: pathUnmatch = [], unmatch = [] } = template
  if (pathMatch.length > 0 && !pathMatch.some((pattern) => matches(pattern, path))) return false
  if (match.length > 0 && !match.some((pattern) => matches(pattern, name))) return false
  if (pathUnmatch.some((pattern) => matches(pattern, path))) return false
  if (unmatch.some((pattern) => matches(pattern, name))) return false
  return templateKinds(template).includes(kind)
}

/** Java's String.matches: the whole value must match. */
function regexMatches(pattern: string, value: string): boolean {
  const compiled = compileSafeJavaPattern(pattern)
  if (typeof compiled === 'string') return false
  const whole = new RegExp(`^(?:${compiled.source})$`, compiled.flags.replace('g', ''))
  return whole.test(value)
}

/** DynamicTemplate.toXContent: the pattern lists (one value as a string), match_pattern, then `mapping` sorted by key. */
export function templateToJson(template: DynamicTemplate): Map<string, JsonOut> {
  const out = new Map<string, JsonOut>()
  for (const key of PATTERN_LISTS) {
    const list = template[key] ?? []
    if (list.length > 0) out.set(key, list.length === 1 ? list[0]! : list)
  }
  if (template.match_pattern !== undefined) out.set('match_pattern', template.match_pattern)
  const mapping = parseJson(template.mapping) as XContentObject
  out.set('mapping', new Map([...mapping].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))))
  return out
}

/**
 * RootObjectMapper.merge: an update that names `dynamic_templates` replaces the list (a mapping update), or, for
 * index templates composed into one mapping, replaces same-named templates in place and appends new ones.
 */
export function mergeDynamicTemplates(
  existing: readonly DynamicTemplate[] | undefined,
  update: readonly DynamicTemplate[] | undefined,
  byName: boolean,
): DynamicTemplate[] | undefined {
  if (update === undefined) return existing === undefined ? undefined : [...existing]
  if (!byName || existing === undefined) return [...update]
  const merged = new Map(existing.map((template) => [template.name, template]))
  for (const template of update) merged.set(template.name, template)
  return [...merged.values()]
}
