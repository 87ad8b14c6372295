/**
 * java.text.DecimalFormat as ES's DocValueFormat.Decimal builds it: `new DecimalFormat(pattern,
 * DecimalFormatSymbols(Locale.ROOT))` (digits 0-9, `.` decimal and `,` grouping separators, `-` minus, `%`, `‰`,
 * `∞`), RoundingMode.HALF_EVEN, and a NaN printed as "NaN" (ES checks it before formatting).
 *
 * Pattern (DecimalFormat.applyPattern): `positive[;negative]`, each a prefix, a number part of `#`, `0`, `,` and
 * `.`, and a suffix; quoted text (`'#'`, `''` for a quote) is literal; `%` in a prefix or suffix multiplies by 100,
 * `‰` by 1000. The integer part's zeros are the minimum integer digits, the fraction's zeros and `#`s the minimum and
 * maximum fraction digits, the digits after the last `,` the grouping size; "###.##" reads as "#0.##". Without a
 * negative subpattern a negative number is `-` + the positive prefix. Errors are applyPattern's
 * IllegalArgumentExceptions ("Malformed pattern", "Multiple decimal separators in pattern", "Unexpected '0' in
 * pattern"). Scientific notation (`E`) and the currency sign are not modelled: refused as not available.
 *
 * Rounding works on the double's exact decimal value, which is what DigitList's HALF_EVEN decides on.
 */
import { illegalArgumentException } from '../errors/index.ts'

interface Affixes {
  prefix: string
  suffix: string
}

export class DecimalFormat {
  private readonly positive: Affixes
  private readonly negative: Affixes
  private readonly multiplier: number
  private readonly minInteger: number
  private readonly minFraction: number
  private readonly maxFraction: number
  private readonly groupingSize: number
  private readonly decimalAlwaysShown: boolean

  constructor(readonly pattern: string) {
    const parts = splitPattern(pattern)
    const positive = parseSubpattern(pattern, parts[0]!)
    this.positive = positive.affixes
    this.negative =
      parts.length > 1
        ? parseSubpattern(pattern, parts[1]!).affixes
        : { prefix: '-' + positive.affixes.prefix, suffix: positive.affixes.suffix }
    this.multiplier = positive.multiplier
    this.minInteger = positive.minInteger
    this.minFraction = positive.minFraction
    this.maxFraction = positive.maxFraction
    this.groupingSize = positive.groupingSize
    this.decimalAlwaysShown = positive.decimalAlwaysShown
  }

  format(value: number): string {
    if (Number.isNaN(value)) return 'NaN'
    const negative = value < 0 || Object.is(value, -0)
    const { prefix, suffix } = negative ? this.negative : this.positive
    const magnitude = Math.abs(value * this.multiplier)
    if (!Number.isFinite(magnitude)) return prefix + '∞' + suffix
    const [whole, fraction] = roundHalfEven(magnitude, this.maxFraction)
    let integer = whole.replace(/^0+/, '')
    if (integer.length < this.minInteger) integer = '0'.repeat(this.minInteger - integer.length) + integer
    if (this.groupingSize > 0) integer = group(integer, this.groupingSize)
    let digits = fraction
    while (digits.length > this.minFraction && digits.endsWith('0')) digits = digits.slice(0, -1)
    let number = integer
    if (digits.length === 0 && number === '') number = '0'
    if (digits.length > 0 || this.decimalAlwaysShown) number += '.' + digits
    return prefix + number + suffix
  }
}

/** The pattern's subpatterns at its unquoted `;`. */
function splitPattern(pattern: string): string[] {
  let inQuote = false
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]
    if (c === "'") inQuote = !inQuote
    else if (c === ';' && !inQuote) return [pattern.slice(0, i), pattern.slice(i + 1)]
  }
  return [pattern]
}

interface Subpattern {
  affixes: Affixes
  multiplier: number
  minInteger: number
  minFraction: number
  maxFraction: number
  groupingSize: number
  decimalAlwaysShown: boolean
}

const NUMBER_CHARS = new Set(['#', '0', ',', '.'])

function parseSubpattern(pattern: string, text: string): Subpattern {
  const malformed = (): never => {
    throw illegalArgumentException(`Malformed pattern "${pattern}"`)
  }
  let multiplier = 1
  let i = 0
  const affix = (): string => {
    let out = ''
    let inQuote = false
    for (; i < text.length; i++) {
      const c = text[i]!
      if (c === "'") {
        if (text[i + 1] === "'") {
          out += "'"
          i++
        } else inQuote = !inQuote
        continue
      }
      if (inQuote) {
        out += c
        continue
      }
      if (NUMBER_CHARS.has(c) || c === 'E') break
      if (c === '%' || c === '\u2030') {
        if (multiplier !== 1)
          throw illegalArgumentException(`Too many percent/per mille characters in pattern "${pattern}"`)
        multiplier = c === '%' ? 100 : 1000
      } else if (c === '\u00a4') {
        throw illegalArgumentException(
          `the currency sign of the DecimalFormat pattern [${pattern}] is not available in the playground`,
        )
      }
      out += c
    }
    if (inQuote) malformed()
    return out
  }
  const prefix = affix()
  let digitLeft = 0
  let zeros = 0
  let digitRight = 0
  let decimalPos = -1
  let groupingCount = -1
  for (; i < text.length; i++) {
    const c = text[i]!
    if (c === '#') {
      if (zeros > 0) digitRight++
      else digitLeft++
      if (groupingCount >= 0 && decimalPos < 0) groupingCount++
    } else if (c === '0') {
      if (digitRight > 0) throw illegalArgumentException(`Unexpected '0' in pattern "${pattern}"`)
      zeros++
      if (groupingCount >= 0 && decimalPos < 0) groupingCount++
    } else if (c === ',') {
      groupingCount = 0
    } else if (c === '.') {
      if (decimalPos >= 0)
        throw illegalArgumentException(`Multiple decimal separators in pattern "${pattern}"`)
      decimalPos = digitLeft + zeros + digitRight
    } else if (c === 'E') {
      throw illegalArgumentException(
        `the scientific notation of the DecimalFormat pattern [${pattern}] is not available in the playground`,
      )
    } else break
  }
  const suffix = affix()
  if (i < text.length) malformed()
  if (zeros === 0 && digitLeft > 0 && decimalPos >= 0) {
    // "###.###", "###." and ".###" read as if one integer '#' were a '0'
    const n = decimalPos === 0 ? 1 : decimalPos
    digitRight = digitLeft - n
    digitLeft = n - 1
    zeros = 1
  }
  if (
    (decimalPos < 0 && digitRight > 0) ||
    (decimalPos >= 0 && (decimalPos < digitLeft || decimalPos > digitLeft + zeros)) ||
    groupingCount === 0
  )
    malformed()
  const total = digitLeft + zeros + digitRight
  const effectiveDecimal = decimalPos >= 0 ? decimalPos : total
  return {
    affixes: { prefix, suffix },
    multiplier,
    minInteger: effectiveDecimal - digitLeft,
    maxFraction: decimalPos >= 0 ? total - decimalPos : 0,
    minFraction: decimalPos >= 0 ? digitLeft + zeros - decimalPos : 0,
    groupingSize: groupingCount > 0 ? groupingCount : 0,
    decimalAlwaysShown: decimalPos === 0 || decimalPos === total,
  }
}

/** A finite non-negative double rounded half-even to `fraction` digits: its integer and fraction digits. */
function roundHalfEven(value: number, fraction: number): [string, string] {
  const exact = value >= 1e21 ? BigInt(value).toString() : value.toFixed(100)
  const dot = exact.indexOf('.')
  const whole = dot < 0 ? exact : exact.slice(0, dot)
  const rest = dot < 0 ? '' : exact.slice(dot + 1)
  const kept = (rest + '0'.repeat(fraction)).slice(0, fraction)
  const dropped = rest.slice(fraction)
  const digits = whole + kept
  const first = dropped.charCodeAt(0) - 48
  const beyond = /[1-9]/.test(dropped.slice(1))
  const last = digits.charCodeAt(digits.length - 1) - 48
  const up = first > 5 || (first === 5 && (beyond || last % 2 === 1))
  const rounded = up ? (BigInt(digits) + 1n).toString().padStart(digits.length, '0') : digits
  const split = rounded.length - fraction
  return [rounded.slice(0, split), rounded.slice(split)]
}

/** The integer digits with `,` every `size` digits from the right. */
function group(integer: string, size: number): string {
  let out = ''
  for (let end = integer.length; end > 0; end -= size) {
    const start = Math.max(0, end - size)
    out = integer.slice(start, end) + (out === '' ? '' : ',' + out)
  }
  return out
}
