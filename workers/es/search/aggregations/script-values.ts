/**
 * An aggregation's values from a `script` instead of a `field` (ES 8.17: ValuesSourceConfig.resolve with a script and
 * no field, AggregationScript run per document, read through ScriptBytesValues / ScriptLongValues /
 * ScriptDoubleValues): every values-source aggregation's but the geo ones and ip_range, and a composite source's.
 *
 * The values source type is the aggregation's `value_type` hint (ValueType.lenientParse: `string`; `double`,
 * `float`; `number`, `numeric`, `long`, `integer`, `short`, `byte`; `date`; `boolean`; any other text is no hint)
 * or the aggregation's default: keyword for `terms`, `cardinality`, `value_count` and `missing`, numeric (doubles)
 * for the other metrics, `histogram` and `range`, date for `date_histogram` and `date_range`.
 * - keyword: each value's String.valueOf (a null inside a list is the empty term);
 * - numeric, date and boolean: a Number's longValue (doubleValue for `double`), a ZonedDateTime's epoch millis, a
 *   Boolean's 1 or 0, else aggregation_execution_exception "Unsupported script value [x], expected a number, date,
 *   or boolean".
 * A null result, or an empty list, is no value; a list gives one value per item. The script sees `params` and `doc`
 * (the document's doc values, doc-lookup.ts) and is compiled on each shard when the aggregation collects, so a
 * compile error fails the shard as in ES.
 *
 * A value script (a `script` beside a `field`: ValuesSource.WithScript, ValuesSource.Numeric.WithScript) runs once
 * per field value with that value as `_value`, and the document's results are sorted as its doc values are:
 * - keyword: `_value` is the term as a String, the result's toString is the new term (a null result is Java's
 *   NullPointerException);
 * - numeric: `_value` is the value as a Double (a Long for `integral` readers: longValues) and the
 *   result's Number.doubleValue (longValue) the new value; anything but a Number is the ClassCastException of
 *   AggregationScript.runAsDouble's cast, null its NullPointerException.
 */
import { EsException, illegalArgumentException } from '../../errors/index.ts'
import type { FieldValue, ShardContext } from './aggregation-context.ts'
import { SearchScript, type ScriptSpec } from '../../script/search-script.ts'
import { HostObject, Num, className, javaString, type Value } from '../../script/painless-values.ts'
import { compareUtf8 } from '../../index/mapper/doc-values.ts'
import { ZonedDateTime } from '../../script/java-time.ts'

/** The values source type a script source reads its values as (CoreValuesSourceType). */
export type ScriptValuesType = 'keyword' | 'long' | 'double' | 'date' | 'boolean'

/** ValueType.lenientParse of a `value_type` hint as its values source type (null: no hint); ip is not built. */
export function scriptValuesType(hint: string | null): ScriptValuesType | null {
  switch (hint) {
    case 'string':
      return 'keyword'
    case 'double':
    case 'float':
      return 'double'
    case 'number':
    case 'numeric':
    case 'long':
    case 'integer':
    case 'short':
    case 'byte':
      return 'long'
    case 'date':
      return 'date'
    case 'boolean':
      return 'boolean'
    case 'ip':
      throw illegalArgumentException('a script of [value_type] ip is not available in the playground')
    default:
      return null
  }
}

/** The script's values of each document: terms for a keyword source, numbers (doubles when `floating`) otherwise. */
export function scriptDocValues(
  shard: ShardContext,
  spec: ScriptSpec,
  type: ScriptValuesType,
  floating: boolean,
): (doc: number) => Array<string | number> {
  const script = new SearchScript(spec, 'aggs', shard.source, shard.index)
  const convert: (value: Value) => string | number =
    type === 'keyword' ? termOf : (value) => numberOf(value, !floating)
  return (doc) => {
    const value = script.run(doc)
    if (value === null) return []
    // a List, or a doc field's values (ScriptDocValues is a java.util.Collection)
    const items = Array.isArray(value) ? value : value instanceof HostObject ? value.iterable() : undefined
    return items === undefined ? [convert(value)] : items.map((item) => convert(item))
  }
}

/** ScriptBytesValues.set: String.valueOf the value; a null item is the empty term. */
function termOf(value: Value): string {
  return value === null ? '' : javaString(value)
}

/** ScriptLongValues.toLongValue (`integral`) and ScriptDoubleValues.toDoubleValue. */
function numberOf(value: Value, integral: boolean): number {
  if (value instanceof Num) return integral && !value.integral ? Math.trunc(value.value) : value.value
  if (value instanceof ZonedDateTime) return value.millis
  if (typeof value === 'boolean') return value ? 1 : 0
  throw new EsException({
    type: 'aggregation_execution_exception',
    reason: `Unsupported script value [${javaString(value)}], expected a number, date, or boolean`,
    status: 500,
  })
}

/**
 * How a value script reads its field's values: as terms (a numeric field's as Long.toString, or Double.toString when
 * `floating`), or as numbers (longs when `integral`).
 */
export type ValueScriptReader =
  | { readonly kind: 'keyword'; readonly floating: boolean }
  | { readonly kind: 'numeric'; readonly integral: boolean }

/** The value script's values of each document: its field's values (`read`) run through the script as `_value`. */
export function valueScriptDocValues(
  shard: ShardContext,
  spec: ScriptSpec,
  read: (doc: number) => readonly FieldValue[],
  reader: ValueScriptReader,
): (doc: number) => Array<string | number> {
  const script = new SearchScript(spec, 'aggs', shard.source, shard.index)
  if (reader.kind === 'keyword') {
    const text = (value: FieldValue): string =>
      typeof value === 'string' ? value : javaString(numOf(Number(value), reader.floating))
    return (doc) =>
      read(doc)
        .map((value) => {
          const result = script.runWithValue(doc, text(value))
          if (result === null) throw javaNullPointer('"java.lang.Object.toString()" because "run" is null')
          return javaString(result)
        })
        .sort(compareUtf8)
  }
  const { integral } = reader
  return (doc) =>
    read(doc)
      .map((value) => {
        const input = typeof value === 'number' ? value : Number(value)
        const result = script.runWithValue(
          doc,
          integral ? Num.long(BigInt(Math.trunc(input))) : Num.double(input),
        )
        if (result instanceof Num)
          return integral && !result.integral ? Math.trunc(result.value) : result.value
        if (result === null) {
          throw javaNullPointer(
            `"java.lang.Number.${integral ? 'longValue' : 'doubleValue'}()" because the return value of ` +
              '"org.elasticsearch.script.AggregationScript.execute()" is null',
          )
        }
        throw new EsException({
          type: 'class_cast_exception',
          reason: `class ${className(result)} cannot be cast to class java.lang.Number${moduleNote(className(result))}`,
          status: 500,
        })
      })
      .sort((a, b) => a - b)
}

/** A numeric field's value as its bytesValues print it (Long.toString, Double.toString when `floating`). */
function numOf(value: number, floating: boolean): Num {
  return floating ? Num.double(value) : Num.long(BigInt(Math.trunc(value)))
}

/** The JDK's ClassCastException note on where both classes live, for classes of java.base. */
function moduleNote(name: string): string {
  return name.startsWith('java.')
    ? ` (${name} and java.lang.Number are in module java.base of loader 'bootstrap')`
    : ''
}

/** The JDK's helpful NullPointerException on the script's null result (`detail`: the call and what was null). */
function javaNullPointer(detail: string): EsException {
  return new EsException({ type: 'null_pointer_exception', reason: `Cannot invoke ${detail}`, status: 500 })
}
