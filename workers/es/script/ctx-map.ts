/**
 * CtxMap (ES 8.17, org.elasticsearch.script): the `ctx` a write script sees, with the metadata checks of its
 * context's Metadata class. `ctx` holds `_source` and the context's metadata keys and nothing else:
 *
 * - putting a metadata key runs its FieldProperty check: a read-only key is "<key> cannot be updated", null
 *   where not nullable "<key> cannot be null", a value of the wrong class "<key> [v] is wrong type, expected
 *   assignable to [T], not [C]", a long field given a fraction "<key> may only be set to an int or a long but
 *   was [v] with type [C]", an `op` outside its set "[op] must be one of a, b, c, not [v]";
 * - `_source` may be replaced by another map only ("Expected [_source] to be a Map, not [v] with type [C]");
 * - any other key is "Cannot put key [k] with value [v] into ctx";
 * - removing a metadata key needs it writable and nullable ("<key> cannot be removed"); removing anything
 *   else is UnsupportedOperationException "Cannot remove key k from ctx".
 *
 * The contexts (their Metadata subclasses): `_update` (UpdateMetadata), a scripted upsert (UpsertMetadata),
 * `_update_by_query` (UpdateByQueryMetadata) and `_reindex` (ReindexMetadata). The failures are Java
 * exceptions, so the script fails with the "runtime error" script_exception caused by them.
 */
import { JavaException, illegalArgument } from './script-errors.ts'
import { Num, className, javaString, type Value } from './painless-values.ts'

interface FieldProperty {
  /** The class a value must be assignable to: java.lang.String, java.lang.Number, or any. */
  type: 'string' | 'long' | 'any'
  nullable: boolean
  writable: boolean
  /** WritableStringSetField: the values `op` may take. */
  allowed?: readonly string[]
}

type Properties = Readonly<Record<string, FieldProperty>>

const string = (writable: boolean, nullable: boolean): FieldProperty => ({
  type: 'string',
  writable,
  nullable,
})
const long = (writable: boolean, nullable: boolean): FieldProperty => ({ type: 'long', writable, nullable })
const opSet = (...allowed: string[]): FieldProperty => ({ ...string(true, false), allowed })
const NOW = long(false, false)

/** UpdateMetadata: all read-only but `op`, which takes any string (UpdateHelper reads it leniently). */
const UPDATE: Properties = {
  _index: string(false, true),
  _id: string(false, true),
  _version: long(false, false),
  _routing: string(false, true),
  _type: string(false, true),
  op: string(true, true),
  _now: NOW,
}

/** UpsertMetadata: no version or routing; `op` starts as "create". */
const UPSERT: Properties = {
  _index: string(false, false),
  _id: string(false, false),
  op: string(true, true),
  _now: NOW,
}

/** UpdateByQueryMetadata: read-only metadata, `op` one of delete, index, noop. */
const UPDATE_BY_QUERY: Properties = {
  _index: string(false, false),
  _id: string(false, false),
  _version: long(false, false),
  _routing: string(false, true),
  op: opSet('delete', 'index', 'noop'),
  _now: NOW,
}

/** ReindexMetadata: `_index`, `_id`, `_version`, `_routing` and `op` writable; all but `_index` nullable. */
const REINDEX: Properties = {
  _index: string(true, false),
  _id: string(true, true),
  _version: long(true, true),
  _routing: string(true, true),
  op: opSet('delete', 'index', 'noop'),
  _now: NOW,
}

const CTX_PROPERTIES = {
  update: UPDATE,
  upsert: UPSERT,
  update_by_query: UPDATE_BY_QUERY,
  reindex: REINDEX,
}

export type WriteScriptContext = keyof typeof CTX_PROPERTIES

const SOURCE = '_source'

function unsupportedOperation(message: string): JavaException {
  return new JavaException('UnsupportedOperationException', message)
}

function checkValue(key: string, property: FieldProperty, value: Value): void {
  if (value === null) {
    if (!property.nullable) throw illegalArgument(`${key} cannot be null`)
    return
  }
  if (property.type === 'any') return
  const assignable = property.type === 'string' ? typeof value === 'string' : value instanceof Num
  if (!assignable) {
    const expected = property.type === 'string' ? 'java.lang.String' : 'java.lang.Number'
    throw illegalArgument(
      `${key} [${javaString(value)}] is wrong type, expected assignable to [${expected}], not [${className(value)}]`,
    )
  }
  if (value instanceof Num && !Number.isInteger(value.value)) {
    throw illegalArgument(
      `${key} may only be set to an int or a long but was [${javaString(value)}] with type [${className(value)}]`,
    )
  }
  if (property.allowed && !property.allowed.includes(value as string)) {
    throw illegalArgument(
      `[${key}] must be one of ${property.allowed.join(', ')}, not [${javaString(value)}]`,
    )
  }
}

export class CtxMap extends Map<string, Value> {
  private readonly properties: Properties

  /** `metadata` gives the context's keys their first values, in the order the map lists them. */
  constructor(
    context: WriteScriptContext,
    source: Map<string, Value>,
    metadata: Readonly<Record<string, Value>>,
  ) {
    super()
    this.properties = CTX_PROPERTIES[context]
    super.set(SOURCE, source)
    for (const [key, value] of Object.entries(metadata)) super.set(key, value)
  }

  override set(key: string, value: Value): this {
    const property = this.properties[key]
    if (property !== undefined) {
      if (!property.writable) throw illegalArgument(`${key} cannot be updated`)
      checkValue(key, property, value)
    } else if (key === SOURCE) {
      if (!(value instanceof Map)) {
        const type = value === null ? '' : ` with type [${className(value)}]`
        throw illegalArgument(`Expected [${SOURCE}] to be a Map, not [${javaString(value)}]${type}`)
      }
    } else {
      throw illegalArgument(`Cannot put key [${key}] with value [${javaString(value)}] into ctx`)
    }
    return super.set(key, value)
  }

  override delete(key: string): boolean {
    const property = this.properties[key]
    if (property === undefined) throw unsupportedOperation(`Cannot remove key ${key} from ctx`)
    if (!property.writable || !property.nullable) throw illegalArgument(`${key} cannot be removed`)
    return super.delete(key)
  }

  override clear(): void {
    for (const key of Object.keys(this.properties)) this.delete(key)
    this.source().clear()
  }

  /** The `_source` map the script left. */
  source(): Map<string, Value> {
    return super.get(SOURCE) as Map<string, Value>
  }

  /** A metadata key's value as a string (Metadata.getString), or null. */
  text(key: string): string | null {
    const value = super.get(key) ?? null
    return value === null ? null : javaString(value)
  }
}
