/**
 * ByteSize: a byte count in a _cat cell, printed as ES's ByteSizeValue prints it. Without `bytes=` the
 * largest unit the value reaches (b, kb, mb, gb, tb, pb; powers of 1024) with one decimal truncated, not
 * rounded, and a `.0` dropped (Strings.format1Decimals): 249 → `249b`, 90_214 → `88.0kb` → `88kb`,
 * 90_300 → `88.1kb`. With `bytes=b|k|kb|m|mb|g|gb|t|tb|p|pb` the whole number of that unit, rounded down.
 */
import { javaDoubleToString } from '../../xcontent/index.ts'

const UNITS: ReadonlyArray<[suffix: string, aliases: readonly string[]]> = [
  ['b', ['b']],
  ['kb', ['k', 'kb']],
  ['mb', ['m', 'mb']],
  ['gb', ['g', 'gb']],
  ['tb', ['t', 'tb']],
  ['pb', ['p', 'pb']],
]

export class ByteSize {
  constructor(readonly bytes: number) {}

  /** ByteSizeValue.toString. */
  toString(): string {
    let exponent = 0
    while (exponent < UNITS.length - 1 && this.bytes >= 1024 ** (exponent + 1)) exponent++
    return format1Decimals(this.bytes / 1024 ** exponent, UNITS[exponent]![0])
  }

  /** The text a `bytes=` resolution asks for; an unknown resolution prints as toString. */
  render(resolution: string | undefined): string {
    const exponent = UNITS.findIndex(
      ([, aliases]) => resolution !== undefined && aliases.includes(resolution),
    )
    if (exponent < 0) return this.toString()
    return String(Math.floor(this.bytes / 1024 ** exponent))
  }
}

/** Strings.format1Decimals over Double.toString: keeps one fraction digit, drops it when it is 0. */
export function format1Decimals(value: number, suffix: string): string {
  const text = javaDoubleToString(value)
  const dot = text.indexOf('.') + 1
  const exponent = text.indexOf('E')
  const fraction = text.charAt(dot)
  const tail = exponent >= 0 ? text.slice(exponent) : ''
  return fraction === '0'
    ? text.slice(0, dot - 1) + tail + suffix
    : text.slice(0, dot) + fraction + tail + suffix
}
