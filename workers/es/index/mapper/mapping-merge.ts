/**
 * Merging a mapping update into an index's mapping, as ES 8's MapperService merges a PUT _mapping:
 * - new fields (and new multi-fields) are added; objects merge field by field; `dynamic` is replaced
 *   when the update names it; an object and a `nested` field never merge into each other (ObjectMapper's and
 *   NestedObjectMapper's merge errors);
 * - a field's type never changes: `mapper [a.b] cannot be changed from type [long] to [text]` (an object
 *   is type `object`), and a leaf given for an object is `can't merge a non object mapping [a] with an
 *   object mapping`, both illegal_argument_exception; an object's `enabled` and `subobjects` cannot change (but
 *   through index templates), and under `subobjects: false` the
 *   update's objects are flattened into dotted leaves (subobjects.ts);
 * - parameters that cannot be updated (`analyzer`, `format`, and any other parameter both sides set)
 *   must keep their value, the update's default included: `Mapper for [title] conflicts with existing
 *   mapper:\n\tCannot update parameter [analyzer] from [english] to [default]`; updatable parameters
 *   (`search_analyzer`, `search_quote_analyzer`, `ignore_above`, `ignore_malformed`, `coerce`, `meta`, a
 *   flattened field's `depth_limit`, a flattened or keyword field's `eager_global_ordinals` and
 *   `split_queries_on_whitespace`, a token_count's `analyzer`) take the update's value, and `norms` (text,
 *   search_as_you_type, keyword) may go from true to false only; a scaled_float's doubles and a floating type's
 *   `null_value` print as Java doubles.
 * - an alias (field-alias.ts) merges only with an alias, whose path replaces its own; a join field keeps its
 *   relations (join-field.ts), and a mapping keeps one join field; a constant_keyword's `value` is set once
 *   (constant-keyword-field.ts);
 * - the root's other parameters merge as root-object-mapper.ts says (`indexTemplate`: index templates composed
 *   into one mapping, whose dynamic templates merge by name, and where a leaf field's definition replaces the one
 *   before it whole); copy_to targets are checked on the result (copy-to.ts).
 * The input mappings are not modified.
 */
import { illegalArgumentException } from '../../errors/index.ts'
import { javaDoubleToString } from '../../xcontent/index.ts'
import {
  hasProperties,
  NUMBER_FIELD_TYPES,
  ownField,
  runtimeFields,
  setOwn,
  type DynamicMode,
  type FieldMapping,
  type Mapping,
} from './mapping.ts'
import { addFlattened, checkObjectParameterUpdate } from './subobjects.ts'
import { checkPassThroughPriorities, mergePassThrough, PASSTHROUGH } from './passthrough-object.ts'
import { mergeRuntime } from './runtime-field.ts'
import { mergeRootParameters } from './root-object-mapper.ts'
import { validateCopyTo } from './copy-to.ts'
import { checkOneJoinField, mergeJoinMapping } from './join-field.ts'
import { printsAsDouble } from './number-field.ts'
import { mergeConstantKeyword } from './constant-keyword-field.ts'
import { DEFAULT_DATE_FORMAT } from './doc-values.ts'
import { DEFAULT_DATE_NANOS_FORMAT } from './date-nanos-field.ts'

const UPDATABLE = new Set([
  'search_analyzer',
  'search_quote_analyzer',
  'ignore_above',
  'ignore_malformed',
  'coerce',
  'meta',
])
/** Per type, its updatable parameters besides the shared ones (Parameter's `updateable` true). */
const TYPE_UPDATABLE: Readonly<Record<string, ReadonlySet<string>>> = {
  flattened: new Set(['depth_limit', 'eager_global_ordinals', 'split_queries_on_whitespace']),
  keyword: new Set(['eager_global_ordinals', 'split_queries_on_whitespace']),
  // TokenCountFieldMapper's analyzerParam
  token_count: new Set(['analyzer']),
}
/** The defaults the point-indexed field types (numbers, dates, ip) share. */
const POINT_FIELD_DEFAULTS = { index: 'true', doc_values: 'true', store: 'false', null_value: 'null' }
/** Per type, the value a non-updatable parameter has when a mapping leaves it out, as conflicts print it. */
const DEFAULTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  text: { analyzer: 'default', norms: 'true' },
  search_as_you_type: { analyzer: 'default', norms: 'true' },
  keyword: {
    index: 'true',
    doc_values: 'true',
    store: 'false',
    null_value: 'null',
    index_options: 'docs',
    norms: 'false',
    normalizer: 'null',
  },
  date: { format: DEFAULT_DATE_FORMAT, ...POINT_FIELD_DEFAULTS },
  date_nanos: { format: DEFAULT_DATE_NANOS_FORMAT, ...POINT_FIELD_DEFAULTS },
  ip: POINT_FIELD_DEFAULTS,
  scaled_float: POINT_FIELD_DEFAULTS,
  rank_feature: { positive_score_impact: 'true' },
  rank_features: { positive_score_impact: 'true' },
  counted_keyword: { index: 'true' },
  token_count: { ...POINT_FIELD_DEFAULTS, enable_position_increments: 'true' },
  unsigned_long: POINT_FIELD_DEFAULTS,
  binary: { store: 'false', doc_values: 'false' },
  flattened: { index: 'true', doc_values: 'true', null_value: 'null', index_options: 'docs' },
  wildcard: { null_value: 'null' },
  ...Object.fromEntries([...NUMBER_FIELD_TYPES].map((type) => [type, POINT_FIELD_DEFAULTS])),
}

/** A leaf field's parameter value: mapping parameters are scalars. */
type Scalar = string | number | boolean | null

export function mergeMapping(existing: Mapping, update: Mapping, indexTemplate = false): Mapping {
  const dynamic = update.dynamic ?? existing.dynamic
  const runtime = mergeRuntime(runtimeFields(existing), update.runtime)
  const root = mergeRootParameters(existing, update, indexTemplate)
  const merged: Mapping = {
    ...(dynamic !== undefined ? { dynamic } : {}),
    ...(runtime !== undefined ? { runtime } : {}),
    ...root,
    properties: mergeProperties(
      existing.properties,
      update.properties,
      '',
      indexTemplate,
      root.subobjects === false ? (dynamic ?? 'true') : null,
    ),
  }
  validateCopyTo(merged)
  checkOneJoinField(merged)
  checkPassThroughPriorities(merged)
  return merged
}

/**
 * An object's properties merged with the update's. `flat`: the object has `subobjects: false` (the `dynamic` its
 * children see), so the update's objects are flattened into its dotted leaves (subobjects.ts).
 */
function mergeProperties(
  existing: Record<string, FieldMapping>,
  update: Record<string, FieldMapping>,
  prefix: string,
  indexTemplate: boolean,
  flat: DynamicMode | null,
): Record<string, FieldMapping> {
  const out: Record<string, FieldMapping> = {}
  for (const [name, field] of Object.entries(existing)) setOwn(out, name, field)
  // ObjectMapper's merge of index templates: a field definition always replaces an existing one
  const merge = (current: FieldMapping, incoming: FieldMapping, name: string): FieldMapping =>
    indexTemplate && !hasProperties(current) && !hasProperties(incoming)
      ? incoming
      : mergeFieldMapping(current, incoming, prefix + name, indexTemplate, flat ?? 'true')
  for (const [name, incoming] of Object.entries(update)) {
    if (flat !== null) {
      addFlattened(out, name, incoming, flat, merge)
      continue
    }
    const current = ownField(out, name)
    setOwn(out, name, current === undefined ? incoming : merge(current, incoming, name))
  }
  return out
}

/** One field merged with its update (`path` its full name, for the errors); also two definitions of a field in one mapping. */
export function mergeFieldMapping(
  current: FieldMapping,
  incoming: FieldMapping,
  path: string,
  indexTemplate = false,
  dynamic: DynamicMode = 'true',
): FieldMapping {
  // FieldAliasMapper.merge: an alias takes the update's alias, and nothing else.
  if (current.type === 'alias') {
    if (incoming.type === 'alias') return incoming
    throw illegalArgumentException(
      `Cannot merge a field alias mapping [${path}] with a mapping that is not for a field alias.`,
    )
  }
  if (hasProperties(current)) {
    if (!hasProperties(incoming)) {
      throw illegalArgumentException(`can't merge a non object mapping [${path}] with an object mapping`)
    }
    if (current.type !== incoming.type && (current.type === PASSTHROUGH || incoming.type === PASSTHROUGH))
      throw illegalArgumentException(`can't merge a non object mapping [${path}] with an object mapping`)
    if (current.type !== incoming.type) {
      throw illegalArgumentException(
        current.type === 'nested'
          ? `can't merge a non nested mapping [${path}] with a nested mapping`
          : `can't merge a nested mapping [${path}] with a non-nested mapping`,
      )
    }
    const passThrough = current.type === PASSTHROUGH
    if (!indexTemplate) {
      if (!passThrough) checkObjectParameterUpdate('enabled', current.enabled, incoming.enabled, path)
      checkObjectParameterUpdate('subobjects', current.subobjects, incoming.subobjects, path)
    }
    const subobjects = incoming.subobjects ?? current.subobjects
    const enabled = indexTemplate ? (incoming.enabled ?? current.enabled) : current.enabled
    const inner = incoming.dynamic ?? current.dynamic ?? dynamic
    return {
      ...(passThrough ? mergePassThrough(current, incoming) : current),
      ...(!passThrough && incoming.dynamic !== undefined ? { dynamic: incoming.dynamic } : {}),
      ...(!passThrough && enabled !== undefined ? { enabled } : {}),
      ...(subobjects !== undefined ? { subobjects } : {}),
      properties: mergeProperties(
        current.properties ?? {},
        incoming.properties ?? {},
        `${path}.`,
        indexTemplate,
        subobjects === false || passThrough ? inner : null,
      ),
    }
  }
  if (incoming.type !== current.type) {
    throw illegalArgumentException(
      `mapper [${path}] cannot be changed from type [${current.type}] to [${incoming.type}]`,
    )
  }
  if (current.type === 'join') return mergeJoinMapping(current, incoming, path)
  if (current.type === 'constant_keyword') return mergeConstantKeyword(current, incoming, path)
  const conflicts: string[] = []
  const merged: Record<string, Scalar> = { type: current.type }
  const keys = new Set([...Object.keys(current), ...Object.keys(incoming)])
  for (const key of keys) {
    if (key === 'type' || key === 'fields') continue
    const before = ownField(current as unknown as Record<string, Scalar>, key)
    const after = ownField(incoming as unknown as Record<string, Scalar>, key)
    const fallback = DEFAULTS[current.type]?.[key]
    const updatable = UPDATABLE.has(key) || TYPE_UPDATABLE[current.type]?.has(key) === true
    if (updatable || (before === undefined && fallback === undefined)) {
      if (after !== undefined) setOwn(merged, key, after)
      continue
    }
    const text = (value: Scalar | undefined): string =>
      (current.type === 'scaled_float' || printsAsDouble(current, key)) && typeof value === 'number'
        ? javaDoubleToString(value)
        : String(value)
    const from = text(before ?? fallback)
    const to = after === undefined && fallback === undefined ? from : text(after ?? fallback)
    // Parameter.normsParam's merge validator: norms may be turned off, never on
    if (key === 'norms' && from === 'true' && to === 'false') {
      if (after !== undefined) setOwn(merged, key, after)
      continue
    }
    if (from !== to) conflicts.push(`Cannot update parameter [${key}] from [${from}] to [${to}]`)
    if (before !== undefined) setOwn(merged, key, before)
  }
  if (conflicts.length > 0) {
    throw illegalArgumentException(
      `Mapper for [${path}] conflicts with existing mapper:\n\t${conflicts.join('\n\t')}`,
    )
  }
  if (current.fields !== undefined || incoming.fields !== undefined) {
    const fields = mergeProperties(current.fields ?? {}, incoming.fields ?? {}, `${path}.`, false, null)
    return { ...(merged as unknown as FieldMapping), fields }
  }
  return merged as unknown as FieldMapping
}
