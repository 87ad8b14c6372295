/**
 * Java's Double.parseDouble over its decimal forms, the one reading every layer here shares (ES's sort `missing`
 * values and `search_after`, query values of numeric fields, mappers, ingest processors; the Kafka tools' options):
 * the characters up to U+0020 around the text are trimmed; then an optional sign and `NaN`, `Infinity`, or decimal
 * digits with an optional point and a decimal exponent, with an optional `f`/`F`/`d`/`D` suffix. Float.parseFloat
 * reads the same text (the caller rounds it with Math.fround). Hexadecimal floating literals are not read. null
 * where Java throws NumberFormatException; callers raise their own message.
 */
const DOUBLE = /^[+-]?(NaN|Infinity|((\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)[fFdD]?)$/

/** The text with Java's String.trim applied (characters up to U+0020 removed at both ends). */
export function javaTrim(text: string): string {
  return text.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '')
}

export function parseJavaDouble(text: string): number | null {
  const trimmed = javaTrim(text)
  if (!DOUBLE.test(trimmed)) return null
  const body = trimmed.replace(/[fFdD]$/, '')
  return body.endsWith('NaN') ? NaN : Number(body)
}
