/**
 * Integer.parseInt(s) in base 10: an optional sign and decimal digits (no spaces, no other characters), within
 * int32. The callers raise what their ES code raises for a refused text (a NumberFormatException, or the
 * IllegalArgumentException a REST parameter reader wraps it in).
 */
const INT_MIN = -(2 ** 31)
const INT_MAX = 2 ** 31 - 1

/** The int `text` stands for, or null where Integer.parseInt throws NumberFormatException. */
export function javaParseInt(text: string): number | null {
  if (!/^[+-]?\d+$/.test(text)) return null
  const value = Number(text)
  return value < INT_MIN || value > INT_MAX ? null : value
}
