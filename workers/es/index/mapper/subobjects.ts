/**
 * The `subobjects` parameter of the root and of `object` fields, as Elasticsearch 8.17's ObjectMapper reads, builds,
 * merges and prints it (ObjectMapper.Subobjects, parseSubobjects, asFlattenedFieldMappers, MergeResult):
 * - it is `true` or `false` (a JSON boolean or that text in any case); `auto` exists behind the `sub_objects_auto`
 *   feature flag, off in a release build, so it is refused as any other value: "unknown subobjects value: auto";
 * - under `subobjects: false` a property's dotted name is one leaf (`"time.max"`), a `nested` property is refused,
 *   and an object property (a `passthrough` one too) is auto-flattened into its leaves (`time: {properties: {max}}`
 *   is `time.max`) unless it sets `enabled: false`, `subobjects: true` or a `dynamic` other than its container's (the
 *   container's own or inherited, `true` at the root), which fails the mapping;
 * - it cannot change once set, nor can an object's `enabled` (the root's name is `_doc`); GET _mapping prints it after `dynamic` and `enabled`.
 * A container's properties are kept as a Record whose keys may hold dots; they never hold an object field.
 */
import {
  EsException,
  failedToParseMapping,
  failedToParseMappingFrom,
  illegalArgumentException,
  mapperException,
} from '../../errors/index.ts'
import { ownField, setOwn, type DynamicMode, type FieldMapping } from './mapping.ts'
import type { XContentValue } from '../../xcontent/index.ts'
import { javaToString } from './mapping-parser.ts'

/** ObjectMapper.Subobjects.from: a boolean, or `true` / `false` as text in any case; else a parse_exception. */
export function parseSubobjects(value: XContentValue): boolean {
  if (typeof value === 'boolean') return value
  if (typeof value === 'string') {
    if (value.toLowerCase() === 'true') return true
    if (value.toLowerCase() === 'false') return false
  }
  const reason = `unknown subobjects value: ${javaToString(value)}`
  throw failedToParseMappingFrom(new EsException({ type: 'parse_exception', reason, status: 400 }))
}

/** ObjectMapper.TypeParser.parseProperties under subobjects false: a `nested` property is refused. */
export function nestedInFlatContainer(name: string, container: string): EsException {
  return failedToParseMapping(
    `Tried to add nested object [${name}] to object [${container}] which does not support subobjects`,
  )
}

/**
 * A property of a `subobjects: false` container, `name` as given: a leaf as it is, an object flattened into its
 * leaves (asFlattenedFieldMappers), each set into `out` under its dotted name. `dynamic` is the container's
 * (MapperBuilderContext's), which a flattened object may not contradict.
 */
export function addFlattened(
  out: Record<string, FieldMapping>,
  name: string,
  field: FieldMapping,
  dynamic: DynamicMode,
  merge: (existing: FieldMapping, incoming: FieldMapping, name: string) => FieldMapping,
): void {
  // a passthrough object is an ObjectMapper too: flattened as an object is
  if (field.type !== 'object' && field.type !== 'passthrough') {
    const existing = ownField(out, name)
    setOwn(out, name, existing === undefined ? field : merge(existing, field, name))
    return
  }
  const reason = notFlattenable(field, dynamic)
  if (reason !== null)
    throw failedToParseMappingFrom(
      illegalArgumentException(
        `Object mapper [${name}] was found in a context where subobjects is set to false. ` +
          `Auto-flattening [${name}] failed because ${reason}`,
      ),
    )
  for (const [child, mapping] of Object.entries(field.properties ?? {}))
    addFlattened(out, `${name}.${child}`, mapping, dynamic, merge)
}

/** ObjectMapper.checkFlattenable: why an object cannot be flattened into its container, or null. */
function notFlattenable(field: FieldMapping, dynamic: DynamicMode): string | null {
  if (field.dynamic !== undefined && field.dynamic !== dynamic) {
    const given = field.dynamic.toUpperCase()
    return `the value of [dynamic] (${given}) is not compatible with the value from its parent context (${dynamic.toUpperCase()})`
  }
  if (field.enabled === false) return 'the value of [enabled] is [false]'
  if (field.subobjects === true) return 'the value of [subobjects] is [true]'
  return null
}

/**
 * ObjectMapper.Builder.merge: an object's `enabled` or `subobjects` (`parameter`) set by an update must be the one in
 * place (true when unset), a MapperException otherwise; `path` is the object's (`_doc` for the root).
 */
export function checkObjectParameterUpdate(
  parameter: 'enabled' | 'subobjects',
  existing: boolean | undefined,
  update: boolean | undefined,
  path: string,
): void {
  if (update === undefined || (existing ?? true) === update) return
  throw mapperException(`the [${parameter}] parameter can't be updated for the object mapping [${path}]`)
}
