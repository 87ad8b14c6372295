/**
 * Java's integer parsing as convert, bytes and date use it: Integer.parseInt / Long.parseLong (optional
 * sign, decimal digits, range-checked) and Integer.decode / Long.decode for `0x` hex (Double.parseDouble is
 * common/java-double.ts). A failure is null; callers raise ES's own message.
 * A parsed float or double is set into a document as the Java number (Float.toString / Double.toString), or as
 * that text when it is not finite.
 */
import { XNumber, javaDoubleToString, javaFloatToString, type XContentValue } from '../../xcontent/index.ts'

export const INT_RANGE = [-(2n ** 31n), 2n ** 31n - 1n] as const
export const LONG_RANGE = [-(2n ** 63n), 2n ** 63n - 1n] as const

export function parseJavaInteger(text: string, range: readonly [bigint, bigint]): bigint | null {
  let value: bigint
  if (/^[+-]?\d+$/.test(text)) value = BigInt(text)
  else if (/^-?0[xX][0-9a-fA-F]+$/.test(text)) {
    const negative = text.startsWith('-')
    value = BigInt(negative ? text.slice(1) : text) * (negative ? -1n : 1n)
  } else return null
  return value >= range[0] && value <= range[1] ? value : null
}

/** The value a parsed `float` (rounded to a Java float) or `double` takes in a document. */
export function javaFloatingValue(value: number, type: 'float' | 'double'): XContentValue {
  const text = type === 'float' ? javaFloatToString(Math.fround(value)) : javaDoubleToString(value)
  return Number.isFinite(value) ? new XNumber(text) : text
}
