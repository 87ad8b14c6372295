/**
 * `seq [-w] [-s SEP] [-f FORMAT] [FIRST [INCR]] LAST` as GNU coreutils 9 prints it: the i-th number is
 * FIRST + i * INCR (not a running sum), printed with as many decimals as FIRST or INCR has (`%.{p}Lf`; hex
 * operands, which seq prints with `%Lg`, are not read), `-w` pads with zeros to the widest of
 * FIRST and LAST, the separator goes between numbers and a newline after the last; a number just past LAST
 * that prints as LAST is printed too (`seq 0 0.1 1` ends with 1.0). FIRST beyond LAST prints nothing.
 * Arithmetic is in doubles where seq uses long doubles (docs/DEVIATIONS.md). Errors are seq's
 * (`seq: invalid floating point argument: 'x'`, `seq: invalid Zero increment value: '0'`, `seq: missing
 * operand`, `seq: extra operand '4'`, the format checks), with the `Try` line, exit 1.
 */
import type { LinesCommand } from './inputs.ts'
import { getopt, tryHelp } from './getopt.ts'
import { formatFloat, type FloatConversion } from './printf-float.ts'

interface Operand {
  readonly value: number
  /** Digits after the point (the exponent applied). */
  readonly precision: number
  readonly width: number
}

const NUMBER = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/

/**
 * The operand's value, its precision (digits after the point, exponent applied) and the width it would print
 * with, as seq.c's scan_arg counts them (blanks and `+` are not printed; `.5` prints as `0.5`, `5.` as `5`).
 */
function scanOperand(text: string): Operand | 'nan' | null {
  if (/^\s*[+-]?nan$/i.test(text)) return 'nan'
  if (/^\s*[+-]?inf(?:inity)?$/i.test(text)) {
    return { value: text.includes('-') ? -Infinity : Infinity, precision: 0, width: 0 }
  }
  if (!NUMBER.test(text)) return null
  const value = Number(text)
  const arg = text.replace(/^[\s+]+/, '')
  const point = arg.indexOf('.')
  const exponentAt = arg.search(/[eE]/)
  const fraction = point < 0 ? 0 : (exponentAt < 0 ? arg.length : exponentAt) - point - 1
  let precision = fraction
  let width = arg.length
  if (point >= 0) width += fraction === 0 ? -1 : point === 0 || !/\d/.test(arg[point - 1]!) ? 1 : 0
  if (exponentAt >= 0) {
    let exponent = Number(arg.slice(exponentAt + 1))
    precision += exponent < 0 ? -exponent : -Math.min(precision, exponent)
    width -= arg.length - exponentAt
    if (exponent < 0) {
      if (point < 0 || exponentAt === point + 1) width++
      exponent = -exponent
    } else {
      if (point >= 0 && precision === 0 && fraction > 0) width--
      exponent -= Math.min(fraction, exponent)
    }
    width += exponent
  }
  return { value, precision, width }
}

/** The one floating conversion of a -f FORMAT and the text around it, or seq's error. */
function parseFormat(
  format: string,
): { before: string; conversion: FloatConversion; after: string } | string {
  const directive = /%([-+ #0']*)(\d*)(?:\.(\d*))?L?([a-zA-Z%]?)/g
  let found: { before: string; conversion: FloatConversion; after: string } | null = null
  for (let match = directive.exec(format); match; match = directive.exec(format)) {
    const letter = match[4]!
    if (letter === '%' && match[0] === '%%') continue
    if (letter === '') return `format ‘${format}’ ends in %`
    if (!'eEfFgGaA'.includes(letter)) return `format ‘${format}’ has unknown %${letter} directive`
    if (found) return `format ‘${format}’ has too many % directives`
    const unescape = (text: string) => text.replaceAll('%%', '%')
    found = {
      before: unescape(format.slice(0, match.index)),
      conversion: {
        flags: match[1]!,
        width: Number(match[2] || 0),
        precision: match[3] === undefined ? null : Number(match[3] || 0),
        conversion: (letter === 'a' ? 'e' : letter === 'A' ? 'E' : letter) as FloatConversion['conversion'],
      },
      after: unescape(format.slice(match.index + match[0].length)),
    }
  }
  return found ?? `format ‘${format}’ has no % directive`
}

/** The most numbers one seq prints in the playground (a tab's memory; docs/DEVIATIONS.md). */
const MAX_NUMBERS = 1_000_000

export const seq: LinesCommand = (args, _stdin, out) => {
  const fail = (message: string, usage = false) => {
    out.stderr(`seq: ${message}\n${usage ? tryHelp('seq') : ''}`)
    return 1
  }
  const parsed = getopt('seq', args, {
    short: 'f:s:w',
    long: [
      { name: 'format', argument: true, key: 'f' },
      { name: 'separator', argument: true, key: 's' },
      { name: 'equal-width', argument: false, key: 'w' },
    ],
    negativeOperands: true,
  })
  if (typeof parsed === 'string') return (out.stderr(`${parsed}\n${tryHelp('seq')}`), 1)
  let format: string | null = null
  let separator = '\n'
  let equalWidth = false
  for (const { key, value } of parsed.options) {
    if (key === 'f') format = value
    else if (key === 's') separator = value
    else equalWidth = true
  }
  const { operands } = parsed
  if (operands.length === 0) return fail('missing operand', true)
  if (operands.length > 3) return fail(`extra operand ‘${operands[3]}’`, true)
  // seq.c's order: the format is checked first, then -w against it, then the operands.
  const parsedFormat = format === null ? null : parseFormat(format)
  if (typeof parsedFormat === 'string') return fail(parsedFormat)
  if (parsedFormat !== null && equalWidth) {
    return fail('format string may not be specified when printing equal width strings', true)
  }
  const scanned: Operand[] = []
  for (const [i, text] of operands.entries()) {
    const operand = scanOperand(text)
    if (operand === null) return fail(`invalid floating point argument: ‘${text}’`, true)
    if (operand === 'nan') return fail(`invalid ‘not-a-number’ argument: ‘${text}’`, true)
    if (i === 1 && operands.length === 3 && operand.value === 0) {
      return fail(`invalid Zero increment value: ‘${text}’`, true)
    }
    scanned.push(operand)
  }
  const one: Operand = { value: 1, precision: 0, width: 1 }
  const [first, step, last] =
    scanned.length === 1
      ? [one, one, scanned[0]!]
      : scanned.length === 2
        ? [scanned[0]!, one, scanned[1]!]
        : (scanned as [Operand, Operand, Operand])
  // The number as the conversion prints it, and the line as printed (the format's text around it).
  let number: (value: number) => string
  let decorate = (text: string) => text
  if (parsedFormat !== null) {
    const { before, conversion, after } = parsedFormat
    number = (value) => formatFloat(value, conversion)
    decorate = (text) => before + text + after
  } else {
    const precision = Math.max(first.precision, step.precision)
    let width = 0
    if (equalWidth) {
      const firstWidth =
        first.width + (precision - first.precision) + (first.precision === 0 && precision > 0 ? 1 : 0)
      let lastWidth = last.width + (precision - last.precision)
      if (last.precision > 0 && precision === 0) lastWidth--
      if (last.precision === 0 && precision > 0) lastWidth++
      width = Math.max(firstWidth, lastWidth)
    }
    const conversion: FloatConversion = { flags: width > 0 ? '0' : '', width, precision, conversion: 'f' }
    number = (value) => formatFloat(value, conversion)
  }
  const beyond = (x: number) => (step.value < 0 ? x < last.value : last.value < x)
  if (beyond(first.value)) return 0
  if ((last.value - first.value) / step.value >= MAX_NUMBERS) {
    out.stderr(`[playground] seq: at most ${MAX_NUMBERS} numbers are printed in the playground\n`)
    return 1
  }
  const parts: string[] = []
  for (let i = 1; ; i++) {
    const previous = number(first.value + (i - 1) * step.value)
    parts.push(decorate(previous))
    const x = first.value + i * step.value
    if (beyond(x)) {
      // seq prints a number just past LAST when it prints as LAST and not as the one before, then stops.
      const text = number(x)
      if (text !== previous && Number(text) === last.value) parts.push(decorate(text))
      break
    }
  }
  out.stdout(`${parts.join(separator)}\n`)
  return 0
}
