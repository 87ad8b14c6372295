/**
 * multi_terms' terms on a shard: each field config resolved as ValuesSourceConfig.resolveUnregistered resolves it
 * (KEYWORD when unmapped or a script without a `value_type`) into the TermValuesSource the registry gives its type,
 * with the KeyConverter that prints its keys and the DocValueFormat of its `format` and `time_zone` (a date's
 * pattern and zone; a number's DecimalFormat; none for keywords, ip addresses and booleans, whose field types refuse
 * them as MappedFieldType.checkNoFormat / checkNoTimeZone do). A document's values are distinct and sorted.
 */
import { illegalArgumentException } from '../../../errors/index.ts'
import { XNumber } from '../../../xcontent/index.ts'
import { zoneOf } from '../aggregation-params.ts'
import type { FieldValue, ShardContext, ValueFormat } from '../aggregation-context.ts'
import { BOOLEAN_FORMAT } from '../doc-value-format.ts'
import type { FieldConfig } from '../multi-values-source.ts'
import {
  noCustomFormat,
  patternFormat,
  resolveValues,
  sourceField,
  unsupportedValuesSourceType,
} from '../values-source.ts'
import { dateFormatOf } from './date-histogram.ts'

/** InternalMultiTerms.KeyConverter (UNSIGNED_LONG has no playground field type). */
export type KeyConverter = 'string' | 'ip' | 'version' | 'long' | 'double'

/** One term's values on a shard: its KeyConverter, its DocValueFormat and each document's distinct values. */
export interface TermValues {
  readonly converter: KeyConverter
  readonly format: ValueFormat | null
  values(doc: number): readonly FieldValue[]
}

/** MappedFieldType.checkNoFormat / checkNoTimeZone of a field type whose DocValueFormat takes neither. */
function checkNoFormat(config: FieldConfig, field: string, typeName: string): void {
  if (config.format !== null) throw noCustomFormat(field, typeName)
  if (config.timeZone !== null)
    throw illegalArgumentException(
      `Field [${field}] of type [${typeName}] does not support custom time zones`,
    )
}

/** ValuesSourceConfig.resolveUnregistered (KEYWORD by default) and the registry's TermValuesSource for its type. */
export function termValues(shard: ShardContext, config: FieldConfig): TermValues {
  let resolved = resolveValues(shard, config.source, config.missing, 'multi_terms')
  const field = sourceField(config.source)
  const type = resolved.info?.type
  const typeName = field === null ? (type ?? 'keyword') : (shard.source.field(field)?.type ?? 'keyword')
  const name = field === null ? '' : shard.source.concreteName(field)
  if (type === 'geo_point') throw unsupportedValuesSourceType(config.source, type, 'multi_terms')
  const distinct = (doc: number): FieldValue[] => {
    const values = resolved.values(doc)
    return values.filter((v, i) => i === 0 || !Object.is(v, values[i - 1]))
  }
  if (resolved.info === null) {
    // an unmapped field reads as a keyword: its `missing` as text, else nothing
    const missing = config.missing
    const text =
      missing instanceof XNumber
        ? missing.text
        : typeof missing === 'string' || typeof missing === 'boolean'
          ? String(missing)
          : null
    return { converter: 'string', format: null, values: () => (text === null ? [] : [text]) }
  }
  if (type === 'keyword' || type === 'ip' || type === 'version' || type === 'boolean') {
    if (field !== null) checkNoFormat(config, name, typeName)
    const converter: KeyConverter =
      type === 'ip' || type === 'version' ? type : type === 'boolean' ? 'long' : 'string'
    return { converter, format: type === 'boolean' ? BOOLEAN_FORMAT : null, values: distinct }
  }
  if (type === 'date') {
    const zone = config.timeZone === null ? null : zoneOf(config.timeZone)
    const format = dateFormatOf(resolved.info.format, config.format, zone)
    // a date's `missing` parses in the field's format (DocValueFormat.DateTime.parseLong), date math included
    if (typeof config.missing === 'string') {
      const millis = format.value(config.missing, shard.now, NaN)
      resolved = resolveValues(shard, config.source, new XNumber(String(millis)), 'multi_terms')
    }
    return { converter: 'long', format, values: distinct }
  }
  // NumberFieldType.docValueFormat: no time zone; a `format` is a DecimalFormat pattern
  if (field !== null && config.timeZone !== null)
    throw illegalArgumentException(`Field [${name}] of type [${typeName}] does not support custom time zones`)
  const format = patternFormat(resolved.info.format, config.format)
  return { converter: type === 'double' ? 'double' : 'long', format, values: distinct }
}
