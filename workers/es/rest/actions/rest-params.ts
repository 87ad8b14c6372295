/**
 * RestRequest's typed parameter readers:
 * - paramAsBoolean(name, false) for flags such as `v`, `help`, `flat_settings`: a bare flag (`?v`) and `true` are
 *   true; absent and anything else are false;
 * - paramAsInt: Integer.parseInt (an optional sign and decimal digits, no spaces, within int32), `fallback` when
 *   absent; anything else is ES's `Failed to parse int parameter [key] with value [v]` illegal_argument_exception caused by
 *   Integer.parseInt's number_format_exception;
 * - paramAsFloat: Float.parseFloat (Java's double syntax, rounded to a float), with the same `float` failure.
 */
import { illegalArgumentException, numberFormatException } from '../../errors/index.ts'
import { javaParseInt } from '../../common/java-integer.ts'
import { javaTrim, parseJavaDouble } from '../../../net/java-double.ts'

export function paramAsBoolean(value: string | undefined): boolean {
  return value === '' || value === 'true'
}

export function paramAsInt(params: ReadonlyMap<string, string>, key: string, fallback: number): number {
  const value = params.get(key)
  if (value === undefined) return fallback
  const n = javaParseInt(value)
  if (n === null)
    throw illegalArgumentException(
      `Failed to parse int parameter [${key}] with value [${value}]`,
      numberFormatException(value),
    )
  return n
}

export function paramAsFloat(params: ReadonlyMap<string, string>, key: string, fallback: number): number {
  const value = params.get(key)
  if (value === undefined) return fallback
  const n = parseJavaDouble(value)
  if (n === null)
    throw illegalArgumentException(
      `Failed to parse float parameter [${key}] with value [${value}]`,
      numberFormatException(value, javaTrim(value) === '' ? 'empty String' : undefined),
    )
  return Math.fround(n)
}
