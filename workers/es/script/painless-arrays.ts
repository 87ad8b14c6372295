/**
 * Painless' arrays (the language specification's "Operators: Array" and NewArrayNode): `new int[n]` filled with its
 * component type's default value, `new int[2][3]` nested (an unsized trailing dimension, `new int[2][]`, leaves
 * nulls), `new String[] {a, b}` with each item converted to the component type as a store does. An index may be
 * negative, counted from the end (Painless' brace access normalizes it); one still out of range is the JDK's
 * ArrayIndexOutOfBoundsException "Index -1 out of bounds for length 5" of the normalized index, and a negative
 * size NegativeArraySizeException whose message is the size.
 */
import { assignable } from './painless-operators.ts'
import { JAVA_CLASS_NAMES, JavaArray, Num, className, type Value } from './painless-values.ts'
import { JavaException, classCast } from './script-errors.ts'

const DEFAULTS: Readonly<Record<string, Value>> = {
  int: Num.int(0),
  byte: Num.int(0),
  short: Num.int(0),
  char: Num.char(0),
  long: Num.long(0n),
  float: Num.float(0),
  double: Num.double(0),
  boolean: false,
}

/** A variable's or an array item's value before anything is stored: zero, false or null. */
export function defaultValue(type: string): Value {
  return DEFAULTS[type] ?? null
}

/** PainlessLookupUtility.typeToCanonicalTypeName: `java.lang.String`, `int`, `def`, `int[]`. */
export function canonicalTypeName(type: string): string {
  const element = type.replace(/(\[\])+$/, '')
  const name = element === 'def' ? 'def' : (JAVA_CLASS_NAMES[element] ?? element)
  return name + type.slice(element.length)
}

function size(value: Value): number {
  if (value instanceof Num && value.kind === 'int') {
    if (value.value < 0) throw new JavaException('NegativeArraySizeException', String(value.value))
    return value.value
  }
  throw classCast(`Cannot cast ${className(value)} to int`)
}

/** `new T[d0][d1]...`: `type` the whole array type, `dims` the sizes given (at least one). */
export function newArray(type: string, dims: readonly Value[]): JavaArray {
  const sizes = dims.map(size)
  const build = (arrayType: string, depth: number): JavaArray => {
    const component = arrayType.slice(0, -2)
    const items: Value[] = []
    for (let i = 0; i < sizes[depth]!; i++) {
      items.push(depth + 1 < sizes.length ? build(component, depth + 1) : defaultValue(component))
    }
    return new JavaArray(arrayType, items)
  }
  return build(type, 0)
}

/** `new T[] {a, b}`. */
export function initializedArray(type: string, items: readonly Value[]): JavaArray {
  const component = type.slice(0, -2)
  return new JavaArray(
    type,
    items.map((item) => assignable(component, item)),
  )
}

/** The position an index reads or writes (negative from the end). */
export function arrayIndex(array: JavaArray, key: Value): number {
  if (!(key instanceof Num) || key.kind !== 'int') throw classCast(`Cannot cast ${className(key)} to int`)
  const at = key.value < 0 ? key.value + array.items.length : key.value
  if (at < 0 || at >= array.items.length) {
    throw new JavaException(
      'ArrayIndexOutOfBoundsException',
      `Index ${at} out of bounds for length ${array.items.length}`,
    )
  }
  return at
}
