/**
 * C's printf conversions of a floating value (`%f`, `%e`, `%g` and their capitals, with the flags `-+ #0`,
 * a width and a precision), as glibc prints a double: `%e` has at least two exponent digits, `%g` drops
 * trailing zeros unless `#`, `inf`/`nan` for the special values. Rounding is JavaScript's toFixed and
 * toExponential (a tie exactly halfway rounds up where glibc rounds to even: docs/DEVIATIONS.md).
 */

export interface FloatConversion {
  readonly flags: string
  readonly width: number
  /** Digits after the point (%f, %e) or significant digits (%g); null for the default 6. */
  readonly precision: number | null
  readonly conversion: 'f' | 'F' | 'e' | 'E' | 'g' | 'G'
}

function exponential(value: number, precision: number, alternate: boolean): string {
  const [mantissa, exponent] = value.toExponential(precision).split('e') as [string, string]
  const digits = exponent.replace(/^[+-]/, '').padStart(2, '0')
  return `${mantissa}${alternate && precision === 0 ? '.' : ''}e${exponent[0]}${digits}`
}

function body(value: number, { flags, precision, conversion }: FloatConversion): string {
  const alternate = flags.includes('#')
  const lower = conversion.toLowerCase()
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'nan' : 'inf'
  if (lower === 'f') {
    const text = value.toFixed(precision ?? 6)
    return alternate && precision === 0 ? `${text}.` : text
  }
  if (lower === 'e') return exponential(value, precision ?? 6, alternate)
  const significant = precision === null ? 6 : Math.max(precision, 1)
  const exponent = value === 0 ? 0 : Number(value.toExponential(significant - 1).split('e')[1])
  let text =
    exponent < -4 || exponent >= significant
      ? exponential(value, significant - 1, alternate)
      : value.toFixed(significant - 1 - exponent)
  if (!alternate) text = text.replace(/\.?0+(?=e|$)/, (zeros) => (text.includes('.') ? '' : zeros))
  return text
}

export function formatFloat(value: number, conversion: FloatConversion): string {
  const { flags, width } = conversion
  let text = body(Math.abs(value), conversion)
  if (/[A-Z]/.test(conversion.conversion)) text = text.toUpperCase()
  const negative = value < 0 || Object.is(value, -0)
  const sign = negative ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : ''
  if (flags.includes('-')) return (sign + text).padEnd(width)
  if (flags.includes('0') && Number.isFinite(value)) return sign + text.padStart(width - sign.length, '0')
  return (sign + text).padStart(width)
}
