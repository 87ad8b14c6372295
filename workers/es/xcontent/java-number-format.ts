/**
 * Java's Double.toString and Float.toString as JDK 19+ specifies them (Raffaello Giulietti's shortest-decimal
 * algorithm, JDK-4511638; Elasticsearch 8.17 bundles JDK 23), which Jackson uses to write doubles and floats.
 *
 * The digits: the shortest decimal that rounds to the value in its own format (float64 or float32); among
 * equally short ones the closest; and when the shortest has one digit, a closer two-digit decimal wins
 * (so Double.MIN_VALUE is `4.9E-324` where JavaScript says `5e-324`).
 * The layout: plain `123.45` / `0.001` / `100.0` when 10^-3 <= |v| < 10^7, else `1.0E7`, `1.2345E-5`; always a
 * digit after the point; `NaN`, `Infinity`, `-Infinity`, `-0.0`.
 *
 * Known gap: float digits are searched with JavaScript's correctly rounded `toExponential` and checked with
 * `Math.fround(Number(s))`, a double rounding that can misjudge a decimal lying exactly halfway between floats.
 */

export function javaDoubleToString(value: number): string {
  const magnitude = Math.abs(value)
  const shortest = parseExponential(magnitude.toExponential())
  return format(
    value,
    preferTwoDigits(magnitude, shortest, (s) => Number(s) === magnitude),
  )
}

export function javaFloatToString(value: number): string {
  const magnitude = Math.abs(Math.fround(value))
  const roundTrips = (s: string): boolean => Math.fround(Number(s)) === magnitude
  let precision = 1
  while (precision < 9 && !roundTrips(magnitude.toExponential(precision - 1))) precision++
  const shortest = parseExponential(magnitude.toExponential(precision - 1))
  return format(Math.fround(value), preferTwoDigits(magnitude, shortest, roundTrips))
}

interface Decimal {
  digits: string
  exponent: number
}

/** Java's rule for a one-digit shortest: the closest of the one- and two-digit decimals that round back. */
function preferTwoDigits(magnitude: number, shortest: Decimal, roundTrips: (s: string) => boolean): Decimal {
  if (shortest.digits.length !== 1 || magnitude === 0 || !Number.isFinite(magnitude)) return shortest
  const two = magnitude.toExponential(1)
  const candidate = parseExponential(two)
  return candidate.digits.length === 2 && roundTrips(two) ? candidate : shortest
}

/** `d.ddde±x` to digits without trailing zeros and the exponent of the first digit. */
function parseExponential(s: string): Decimal {
  const e = s.indexOf('e')
  const digits = s.slice(0, e).replace('.', '').replace(/0+$/, '') || '0'
  return { digits, exponent: Number(s.slice(e + 1)) }
}

function format(value: number, decimal: Decimal): string {
  if (Number.isNaN(value)) return 'NaN'
  if (value === Infinity) return 'Infinity'
  if (value === -Infinity) return '-Infinity'
  const sign = value < 0 || Object.is(value, -0) ? '-' : ''
  if (value === 0) return sign + '0.0'
  const { digits, exponent } = decimal
  if (exponent >= -3 && exponent < 7) {
    const point = exponent + 1
    if (point <= 0) return sign + '0.' + '0'.repeat(-point) + digits
    if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length) + '.0'
    return sign + digits.slice(0, point) + '.' + digits.slice(point)
  }
  return sign + (digits[0] ?? '0') + '.' + (digits.slice(1) || '0') + 'E' + exponent
}
