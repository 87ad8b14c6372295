/**
 * How a row value is written: as text (SimpleFormatter's TEXT option, StringUtils.toString: `null` for null,
 * a datetime in ISO form with milliseconds and its offset id, a time as `HH:mm:ss.SSS` and its offset id, a double or float as Java prints it), as a
 * CSV/TSV cell (the same, but null is the empty string), and as JSON (a double as a Java double, a float as a
 * Java float, a datetime as its ISO string, an interval as its ISO-8601 duration).
 */
import {
  JavaDouble,
  JavaFloat,
  javaDoubleToString,
  javaFloatToString,
  type JsonOut,
} from '../xcontent/index.ts'
import { DateTimeValue, IntervalValue, TimeValue, type SqlValue } from './sql-values.ts'

const DOUBLES = new Set(['double', 'scaled_float'])
const FLOATS = new Set(['float', 'half_float'])

export function textValue(value: SqlValue, type: string): string {
  if (value === null) return 'null'
  return cellValue(value, type)
}

export function cellValue(value: SqlValue, type: string): string {
  if (value === null) return ''
  if (value instanceof DateTimeValue || value instanceof TimeValue) return value.toString()
  if (typeof value === 'number') {
    if (DOUBLES.has(type)) return javaDoubleToString(value)
    if (FLOATS.has(type)) return javaFloatToString(value)
  }
  return String(value)
}

export function jsonValue(value: SqlValue, type: string): JsonOut {
  if (value instanceof DateTimeValue || value instanceof TimeValue) return value.toString()
  if (value instanceof IntervalValue) return value.iso()
  if (typeof value === 'number') {
    if (DOUBLES.has(type)) return new JavaDouble(value)
    if (FLOATS.has(type)) return new JavaFloat(value)
  }
  return value
}
