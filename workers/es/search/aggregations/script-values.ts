/**
 * An aggregation's values from a `script` instead of a `field` (ES 8.17: ValuesSourceConfig.resolve with a script and
 * no field, AggregationScript run per document, read through ScriptBytesValues / ScriptLongValues /
 * ScriptDoubleValues): the terms aggregation's, the numeric metrics' and a composite source's.
 *
 * The values source type is the aggregation's `value_type` hint (ValueType.lenientParse: `string`; `double`,
 * `float`; `number`, `numeric`, `long`, `integer`, `short`, `byte`; `date`; `boolean`; any other text is no hint)
 * or the aggregation's default: keyword for `terms`, numeric (doubles) for the metrics and `histogram`, date for
 * `date_histogram`.
 * - keyword: each value's String.valueOf (a null inside a list is the empty term);
 * - numeric, date and boolean: a Number's longValue (doubleValue for `double`), a ZonedDateTime's epoch millis, a
 *   Boolean's 1 or 0, else aggregation_execution_exception "Unsupported script value [x], expected a number, date,
 *   or boolean".
 * A null result, or an empty list, is no value; a list gives one value per item. The script sees `params` and `doc`
 * (the document's doc values, doc-lookup.ts) and is compiled on each shard when the aggregation collects, so a
 * compile error fails the shard as in ES.
 */
import { EsException, illegalArgumentException } from '../../errors/index.ts'
import type { ShardContext } from './aggregation-context.ts'
import { SearchScript, type ScriptSpec } from '../../script/search-script.ts'
import { HostObject, Num, javaString, type Value } from '../../script/painless-values.ts'
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
