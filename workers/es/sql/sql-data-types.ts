/**
 * ES SQL's data types (DataTypes, SqlDataTypes): the type name a mapped field has in SQL (`date` and
 * `date_nanos` are `datetime`; unknown field types `unsupported`), the names CAST accepts (the SQL names such
 * as BIGINT and VARCHAR, and the ES names), and the common type of two numeric types (DataTypeConverter's
 * commonType: the wider of them, any rational type winning over integers).
 */

const FIELD_TYPES: Readonly<Record<string, string>> = {
  text: 'text',
  match_only_text: 'text',
  keyword: 'keyword',
  constant_keyword: 'constant_keyword',
  wildcard: 'keyword',
  long: 'long',
  integer: 'integer',
  short: 'short',
  byte: 'byte',
  unsigned_long: 'unsigned_long',
  double: 'double',
  float: 'float',
  half_float: 'half_float',
  scaled_float: 'scaled_float',
  boolean: 'boolean',
  date: 'datetime',
  date_nanos: 'datetime',
  ip: 'ip',
  version: 'version',
  geo_point: 'geo_point',
  geo_shape: 'geo_shape',
  shape: 'shape',
  binary: 'binary',
  object: 'object',
  nested: 'nested',
}

/** The SQL type of a field of mapping type `esType`. */
export function sqlTypeOfField(esType: string): string {
  return FIELD_TYPES[esType] ?? 'unsupported'
}

const CAST_TYPES: Readonly<Record<string, string>> = {
  BOOLEAN: 'boolean',
  BOOL: 'boolean',
  TINYINT: 'byte',
  BYTE: 'byte',
  SMALLINT: 'short',
  SHORT: 'short',
  INT: 'integer',
  INTEGER: 'integer',
  BIGINT: 'long',
  LONG: 'long',
  REAL: 'float',
  FLOAT: 'double',
  DOUBLE: 'double',
  VARCHAR: 'keyword',
  STRING: 'keyword',
  KEYWORD: 'keyword',
  TEXT: 'text',
  TIMESTAMP: 'datetime',
  DATETIME: 'datetime',
  DATE: 'date',
  TIME: 'time',
  IP: 'ip',
}

/** The format ES SQL reads and queries datetimes in (hit `fields`, range queries). */
export const DATE_FORMAT = 'strict_date_optional_time_nanos'

/** SqlDataTypes.areCompatible: the same type, null, two strings, two numbers, two dates or two intervals. */
export function areCompatible(left: string, right: string): boolean {
  if (left === right || left === 'null' || right === 'null') return true
  if (isString(left) && isString(right)) return true
  if (isNumeric(left) && isNumeric(right)) return true
  return isDateBased(left) && isDateBased(right)
}

/** The type a CAST or `::` names, or null when SQL does not know it. */
export function castTypeName(name: string): string | null {
  return CAST_TYPES[name.toUpperCase()] ?? null
}

const INTEGERS = ['byte', 'short', 'integer', 'long', 'unsigned_long']
const RATIONALS = ['half_float', 'float', 'scaled_float', 'double']

export function isInteger(type: string): boolean {
  return INTEGERS.includes(type)
}

const STRINGS = ['keyword', 'text', 'constant_keyword']

export function isString(type: string): boolean {
  return STRINGS.includes(type)
}

export function isNumeric(type: string): boolean {
  return INTEGERS.includes(type) || RATIONALS.includes(type)
}

export function isDateBased(type: string): boolean {
  return type === 'datetime' || type === 'date'
}

/** SqlDataTypes.isDateOrTimeBased: a date, a datetime or a time. */
export function isDateOrTimeBased(type: string): boolean {
  return isDateBased(type) || type === 'time'
}

/**
 * The common type of `left` and `right` (SqlDataTypeConverter.commonType): null gives the other, two strings text
 * if either is, two numbers the wider, a time and an interval time, a date and a datetime or time datetime, a
 * datetime and an interval the datetime.
 */
export function commonType(left: string, right: string): string {
  if (left === 'null' || left === right) return right
  if (right === 'null') return left
  if (left === 'time' && right.startsWith('interval_')) return left
  if (right === 'time' && left.startsWith('interval_')) return right
  if (isDateOrTimeBased(left) && isDateOrTimeBased(right)) return 'datetime'
  if (isString(left) && isString(right)) return left === 'text' || right === 'text' ? 'text' : 'keyword'
  if (isDateBased(left) && (isDateBased(right) || right.startsWith('interval_'))) return 'datetime'
  if (isDateBased(right) && left.startsWith('interval_')) return 'datetime'
  if (RATIONALS.includes(left) || RATIONALS.includes(right)) {
    if (left === 'double' || right === 'double' || left === 'scaled_float' || right === 'scaled_float')
      return 'double'
    return 'float'
  }
  return INTEGERS.indexOf(left) >= INTEGERS.indexOf(right) ? left : right
}
