/**
 * Painless values crossing a node boundary, as ES's StreamOutput.writeGenericValue and StreamInput.readGenericValue
 * carry a script's result (a scripted_metric's combined state from a shard to the coordinating node):
 * - checkWriteable is StreamOutput.checkWriteable: null, Boolean, String, Integer, Long, Float, Double, Lists, Maps
 *   and ZonedDateTime are writeable; anything else a script can hold (`doc` or a field's doc values) is the
 *   illegal_argument_exception "Cannot write type [<canonical class name>] to stream";
 * - ensureNoSelfReferences is CollectionUtils.ensureNoSelfReferences: a List or Map that contains itself, at any
 *   depth, is "Iterable object is self-referencing itself (<hint>)".
 *
 * Wire form (plain data that survives a structured clone): null, booleans and strings as they are; a number as
 * `{num: kind, value}` (a long's value a bigint, so it stays exact); a List as `{list: [...]}`; a Map as
 * `{map: [[key, value], ...], hash}` in insertion order, `hash` when it is a java.util.HashMap (readGenericValue
 * keeps a LinkedHashMap and a HashMap apart); a ZonedDateTime as `{zonedDateTime: millis}`.
 */
import { illegalArgumentException } from '../errors/index.ts'
import { ZonedDateTime } from './java-time.ts'
import { HostObject, JavaHashMap, Num, type NumKind, type Value } from './painless-values.ts'

export type GenericValueWire =
  | null
  | boolean
  | string
  | { readonly num: NumKind; readonly value: number | bigint }
  | { readonly list: readonly GenericValueWire[] }
  | { readonly map: ReadonlyArray<readonly [string, GenericValueWire]>; readonly hash: boolean }
  | { readonly zonedDateTime: number }

/** StreamOutput.checkWriteable. */
export function checkWriteable(value: Value): void {
  if (Array.isArray(value)) value.forEach(checkWriteable)
  else if (value instanceof Map) value.forEach(checkWriteable)
  else if (value instanceof HostObject && !(value instanceof ZonedDateTime)) {
    throw illegalArgumentException(`Cannot write type [${value.className.replaceAll('$', '.')}] to stream`)
  }
}

/** CollectionUtils.ensureNoSelfReferences over Lists and Maps (a Map's values). */
export function ensureNoSelfReferences(value: Value, hint: string): void {
  const ancestors = new Set<Value>()
  const visit = (item: Value): void => {
    const children = Array.isArray(item) ? item : item instanceof Map ? [...item.values()] : null
    if (children === null) return
    if (ancestors.has(item)) {
      throw illegalArgumentException(`Iterable object is self-referencing itself (${hint})`)
    }
    ancestors.add(item)
    children.forEach(visit)
    ancestors.delete(item)
  }
  visit(value)
}

/** writeGenericValue of a value checkWriteable accepted. */
export function writeGenericValue(value: Value): GenericValueWire {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value
  if (value instanceof Num)
    return { num: value.kind, value: value.kind === 'long' ? value.exact : value.value }
  if (Array.isArray(value)) return { list: value.map(writeGenericValue) }
  if (value instanceof ZonedDateTime) return { zonedDateTime: value.millis }
  if (value instanceof HostObject) throw new TypeError(`not writeable: ${value.className}`)
  return {
    map: [...value].map(([key, item]) => [key, writeGenericValue(item)] as const),
    hash: value instanceof JavaHashMap,
  }
}

export function readGenericValue(wire: GenericValueWire): Value {
  if (wire === null || typeof wire === 'boolean' || typeof wire === 'string') return wire
  if ('num' in wire) {
    const { num, value } = wire
    if (num === 'long') return Num.long(BigInt(value))
    if (num === 'char') return Num.char(Number(value))
    return num === 'int'
      ? Num.int(Number(value))
      : num === 'float'
        ? Num.float(Number(value))
        : Num.double(Number(value))
  }
  if ('list' in wire) return wire.list.map(readGenericValue)
  if ('zonedDateTime' in wire) return new ZonedDateTime(wire.zonedDateTime)
  const entries = wire.map.map(([key, item]) => [key, readGenericValue(item)] as const)
  return wire.hash ? new JavaHashMap(entries) : new Map(entries)
}
