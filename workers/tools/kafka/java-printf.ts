/**
 * Java's Formatter for `%.Nf` and `%f` (6 digits): the decimal digits Double.toString gives the value (the
 * shortest that read back as it, as JavaScript's own), rounded HALF_UP to N places, so `%.2f` of 1.005 is
 * "1.01" where JavaScript's toFixed gives "1.00". NaN and the infinities print as Java prints them.
 */
export function javaFixed(value: number, digits = 6): string {
  if (Number.isNaN(value)) return 'NaN'
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity'
  const negative = value < 0 || Object.is(value, -0)
  const [mantissa, exponentText] = Math.abs(value).toExponential().split('e') as [string, string]
  const exponent = Number(exponentText)
  // All significant digits, and where the decimal point falls among them.
  let allDigits = mantissa.replace('.', '')
  let point = exponent + 1
  if (point <= 0) {
    allDigits = '0'.repeat(1 - point) + allDigits
    point = 1
  }
  const wanted = point + digits
  if (allDigits.length < wanted) allDigits = allDigits.padEnd(wanted, '0')
  let kept = allDigits.slice(0, wanted)
  if ((allDigits.charCodeAt(wanted) || 48) >= 53) {
    // HALF_UP: add one in the last kept place, carrying through nines.
    const carried = (BigInt(kept) + 1n).toString().padStart(kept.length, '0')
    if (carried.length > kept.length) point++
    kept = carried
  }
  const integer = kept.slice(0, point) || '0'
  const fraction = kept.slice(point)
  const text = digits > 0 ? `${integer}.${fraction}` : integer
  return negative ? `-${text}` : text
}
