/**
 * Java's integer parsing: Integer.parseInt / Long.parseLong (optional sign, decimal digits, range-checked) and
 * Integer.decode / Long.decode for `0x` hex, as ES's convert, bytes and date processors and the Kafka tools'
 * argument parsers read numbers (Double.parseDouble is java-double.ts). A failure is null; callers raise their
 * tool's own message.
 */
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
