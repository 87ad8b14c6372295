/**
 * Painless' lambdas and method references as values, and the JDK methods that take them (the functional-interface
 * methods of the allowlist course notes use):
 *
 * - a FunctionRef is a lambda (`x -> x * 2`, `(a, b) -> { return a - b }`) or a method reference (`String::length`,
 *   `Integer::parseInt`), called with the functional interface's arguments; a lambda whose parameter count is not
 *   the interface method's is Painless' "Incorrect number of parameters for [test] in [java.util.function.Predicate]";
 * - List: removeIf (Predicate), forEach (Consumer), replaceAll (UnaryOperator), sort (Comparator, or null: natural
 *   order), stream; Map: computeIfAbsent, computeIfPresent, compute, merge, forEach; Collections.sort;
 * - a JavaStream (java.util.stream.Stream over a List's items, evaluated eagerly): filter, map, sorted, distinct,
 *   limit, skip, count, forEach, anyMatch, allMatch, noneMatch, reduce(identity, BinaryOperator), collect with
 *   Collectors.toList() or Collectors.joining([delimiter]).
 * Natural order compares numbers by value and Strings by UTF-16 code units (Comparable.compareTo); anything else is
 * the ClassCastException a Comparable cast raises. List.sort and Stream.sorted are stable, as TimSort is.
 */
import { assignable, javaEquals, truthy } from './painless-operators.ts'
import { HostObject, Num, className, mapKeys, type Value } from './painless-values.ts'
import { classCast, illegalArgument } from './script-errors.ts'

/** A functional interface's method: its name, its interface's name and its parameter count. */
interface FunctionalInterface {
  readonly method: string
  readonly type: string
  readonly arity: number
}

const PREDICATE: FunctionalInterface = { method: 'test', type: 'java.util.function.Predicate', arity: 1 }
const CONSUMER: FunctionalInterface = { method: 'accept', type: 'java.util.function.Consumer', arity: 1 }
const BI_CONSUMER: FunctionalInterface = { method: 'accept', type: 'java.util.function.BiConsumer', arity: 2 }
export const FUNCTION: FunctionalInterface = {
  method: 'apply',
  type: 'java.util.function.Function',
  arity: 1,
}
const UNARY: FunctionalInterface = { method: 'apply', type: 'java.util.function.UnaryOperator', arity: 1 }
const BI_FUNCTION: FunctionalInterface = { method: 'apply', type: 'java.util.function.BiFunction', arity: 2 }
const BINARY: FunctionalInterface = { method: 'apply', type: 'java.util.function.BinaryOperator', arity: 2 }
const COMPARATOR: FunctionalInterface = { method: 'compare', type: 'java.util.Comparator', arity: 2 }

/** A lambda or a method reference: `arity` its parameter count (null for a method reference, which adapts). */
export class FunctionRef extends HostObject {
  readonly className = 'org.elasticsearch.painless.LambdaBootstrap$Lambda'

  constructor(
    readonly arity: number | null,
    private readonly body: (args: readonly Value[]) => Value,
  ) {
    super()
  }

  /** Called as `iface`'s method. */
  invoke(iface: FunctionalInterface, args: readonly Value[]): Value {
    if (this.arity !== null && this.arity !== iface.arity) {
      throw illegalArgument(`Incorrect number of parameters for [${iface.method}] in [${iface.type}]`)
    }
    return this.body(args)
  }
}

export function functionArg(value: Value | undefined, iface: FunctionalInterface): FunctionRef {
  if (value instanceof FunctionRef) return value
  throw classCast(`Cannot cast ${className(value ?? null)} to ${iface.type}`)
}

function test(fn: FunctionRef, item: Value): boolean {
  return truthy(fn.invoke(PREDICATE, [item]))
}

/** Comparable.compareTo of two values of one kind. */
export function naturalCompare(a: Value, b: Value): number {
  if (a instanceof Num && b instanceof Num) {
    if (a.integral && b.integral) return a.exact < b.exact ? -1 : a.exact > b.exact ? 1 : 0
    return a.value < b.value ? -1 : a.value > b.value ? 1 : 0
  }
  if (typeof a === 'string' && typeof b === 'string') {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      if (a.charCodeAt(i) !== b.charCodeAt(i)) return a.charCodeAt(i) - b.charCodeAt(i)
    }
    return a.length - b.length
  }
  throw classCast(`Cannot cast ${className(a)} to java.lang.Comparable`)
}

function comparator(value: Value | undefined): (a: Value, b: Value) => number {
  if (value === null || value === undefined) return naturalCompare
  const fn = functionArg(value, COMPARATOR)
  return (a, b) => {
    const result = fn.invoke(COMPARATOR, [a, b])
    if (result instanceof Num && result.kind === 'int') return result.value
    throw classCast(`Cannot cast ${className(result)} to java.lang.Integer`)
  }
}

/** List.sort and Collections.sort: a stable sort in place. */
export function sortList(list: Value[], order: Value | undefined): void {
  const compare = comparator(order)
  const sorted = [...list].sort(compare)
  for (let i = 0; i < sorted.length; i++) list[i] = sorted[i]!
}

/** A List's functional methods; undefined when `name/arity` is none of them. */
export function listFunctionalMethod(self: Value[], name: string, args: readonly Value[]): Value | undefined {
  const [a] = args
  switch (`${name}/${args.length}`) {
    case 'removeIf/1': {
      const fn = functionArg(a, PREDICATE)
      const kept = self.filter((item) => !test(fn, item))
      const removed = kept.length !== self.length
      self.splice(0, self.length, ...kept)
      return removed
    }
    case 'forEach/1': {
      const fn = functionArg(a, CONSUMER)
      for (const item of [...self]) fn.invoke(CONSUMER, [item])
      return null
    }
    case 'replaceAll/1': {
      const fn = functionArg(a, UNARY)
      for (let i = 0; i < self.length; i++) self[i] = fn.invoke(UNARY, [self[i]!])
      return null
    }
    case 'sort/1':
      sortList(self, a)
      return null
    case 'stream/0':
      return new JavaStream([...self])
  }
  return undefined
}

/** A Map's functional methods; undefined when `name/arity` is none of them. */
export function mapFunctionalMethod(
  self: Map<string, Value>,
  name: string,
  args: readonly Value[],
  key: (value: Value) => string,
): Value | undefined {
  const [a = null, b = null, c] = args
  switch (`${name}/${args.length}`) {
    case 'computeIfAbsent/2': {
      const k = key(a)
      const current = self.get(k) ?? null
      if (current !== null) return current
      const computed = functionArg(b, FUNCTION).invoke(FUNCTION, [a])
      if (computed !== null) self.set(k, computed)
      return computed
    }
    case 'computeIfPresent/2':
    case 'compute/2': {
      const k = key(a)
      const current = self.get(k) ?? null
      if (name === 'computeIfPresent' && current === null) return null
      return store(self, k, functionArg(b, BI_FUNCTION).invoke(BI_FUNCTION, [a, current]))
    }
    case 'merge/3': {
      const k = key(a)
      const current = self.get(k) ?? null
      const merged = current === null ? b : functionArg(c, BI_FUNCTION).invoke(BI_FUNCTION, [current, b])
      return store(self, k, merged)
    }
    case 'forEach/1': {
      const fn = functionArg(a, BI_CONSUMER)
      for (const k of mapKeys(self)) fn.invoke(BI_CONSUMER, [k, self.get(k) ?? null])
      return null
    }
  }
  return undefined
}

/** Map.compute's store: a null value removes the key. */
function store(map: Map<string, Value>, key: string, value: Value): Value {
  if (value === null) map.delete(key)
  else map.set(key, value)
  return value
}

/** What Collectors.toList() and Collectors.joining() make: a collect's recipe. */
export class Collector extends HostObject {
  readonly className = 'java.util.stream.Collectors$CollectorImpl'

  constructor(readonly finish: (items: readonly Value[]) => Value) {
    super()
  }
}

/** The Collectors statics; undefined for another name. */
export function collectorsStatic(name: string, args: readonly Value[]): Value | undefined {
  if (name === 'toList' && args.length === 0) return new Collector((items) => [...items])
  if (name === 'joining' && args.length <= 1) {
    const [delimiter = ''] = args
    if (typeof delimiter !== 'string')
      throw classCast(`Cannot cast ${className(delimiter)} to java.lang.CharSequence`)
    return new Collector((items) =>
      items
        .map((item) => {
          if (typeof item === 'string') return item
          throw classCast(`Cannot cast ${className(item)} to java.lang.CharSequence`)
        })
        .join(delimiter),
    )
  }
  return undefined
}

/** A java.util.stream.Stream over items (each operation makes the next stream at once). */
export class JavaStream extends HostObject {
  readonly className = 'java.util.stream.ReferencePipeline$Head'

  constructor(private readonly items: readonly Value[]) {
    super()
  }

  override call(name: string, args: readonly Value[]): Value | undefined {
    const [a, b] = args
    const items = this.items
    switch (`${name}/${args.length}`) {
      case 'filter/1': {
        const fn = functionArg(a, PREDICATE)
        return new JavaStream(items.filter((item) => test(fn, item)))
      }
      case 'map/1': {
        const fn = functionArg(a, FUNCTION)
        return new JavaStream(items.map((item) => fn.invoke(FUNCTION, [item])))
      }
      case 'sorted/0':
      case 'sorted/1':
        return new JavaStream([...items].sort(comparator(a)))
      case 'distinct/0':
        return new JavaStream(items.filter((item, i) => items.findIndex((x) => javaEquals(x, item)) === i))
      case 'limit/1':
      case 'skip/1': {
        const n = Number(long(a ?? null))
        if (n < 0) throw illegalArgument(String(n))
        return new JavaStream(name === 'limit' ? items.slice(0, n) : items.slice(n))
      }
      case 'count/0':
        return Num.long(BigInt(items.length))
      case 'forEach/1': {
        const fn = functionArg(a, CONSUMER)
        for (const item of items) fn.invoke(CONSUMER, [item])
        return null
      }
      case 'anyMatch/1':
      case 'allMatch/1':
      case 'noneMatch/1': {
        const fn = functionArg(a, PREDICATE)
        if (name === 'anyMatch') return items.some((item) => test(fn, item))
        if (name === 'allMatch') return items.every((item) => test(fn, item))
        return !items.some((item) => test(fn, item))
      }
      case 'reduce/2': {
        const fn = functionArg(b, BINARY)
        return items.reduce<Value>((acc, item) => fn.invoke(BINARY, [acc, item]), a ?? null)
      }
      case 'collect/1':
        if (a instanceof Collector) return a.finish(items)
        throw classCast(`Cannot cast ${className(a ?? null)} to java.util.stream.Collector`)
    }
    return undefined
  }
}

function long(value: Value): bigint {
  const converted = assignable('long', value)
  if (converted instanceof Num) return converted.exact
  throw classCast(`Cannot cast ${className(value)} to long`)
}
