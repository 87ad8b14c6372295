/**
 * joptsimple 5.0.4's BuiltinHelpFormatter as Kafka's tools print it (`parser.printHelpOn(System.err)`):
 * an `Option`/`Description` header and divider (`Option (* = required)` when an option is required, each
 * such option led by `* `), then one row per option sorted by name. Layout: 80
 * columns, a 2-space gap; the option column is min(39, widest option) wide and the description column
 * min(80 - option - 2, widest description). Text is split at embedded newlines and wrapped at Java
 * line-break opportunities; a continuation piece starts with two spaces. Every cell is padded with
 * spaces to its column width, so lines keep their trailing spaces, exactly as the real tool prints them.
 */
import { lineBreakSegments } from './line-breaks.ts'
import type { OptionSpec } from './option-spec.ts'

const OVERALL_WIDTH = 80
const SEPARATOR_WIDTH = 2

interface Row {
  option: string
  description: string
}

function optionDisplay(spec: OptionSpec): string {
  const leader = (spec.required === true ? '* ' : '') + (spec.name.length > 1 ? '--' : '-')
  if (spec.argument === 'none' && spec.argumentDescription === '') return leader + spec.name
  const [open, close] = spec.argument === 'optional' ? ['[', ']'] : ['<', '>']
  const detail = spec.argumentDescription === '' ? spec.type : `${spec.type}: ${spec.argumentDescription}`
  return `${leader}${spec.name} ${open}${detail}${close}`
}

function descriptionDisplay(spec: OptionSpec): string {
  if (spec.defaults.length === 0) return spec.description
  const values = spec.defaults.length === 1 ? (spec.defaults[0] ?? '') : `[${spec.defaults.join(', ')}]`
  return `${spec.description} (default: ${values})`.trim()
}

function piecesOfLine(line: string, width: number): string[] {
  const pieces: string[] = []
  let current = ''
  for (const word of lineBreakSegments(line)) {
    if (current.length + word.length > width) {
      pieces.push(current.replace(/\s+$/, ''))
      current = '  ' + word
    } else {
      current += word
    }
  }
  if (current.length > 0) pieces.push(current)
  return pieces
}

function piecesOf(text: string, width: number): string[] {
  return text
    .trim()
    .split('\n')
    .flatMap((line) => piecesOfLine(line, width))
}

function widths(rows: readonly Row[]): { option: number; description: number } {
  const widestOption = Math.max(0, ...rows.map((row) => row.option.length))
  const widestDescription = Math.max(0, ...rows.map((row) => row.description.length))
  const option = Math.min(Math.trunc((OVERALL_WIDTH - SEPARATOR_WIDTH) / 2), widestOption)
  return { option, description: Math.min(OVERALL_WIDTH - option - SEPARATOR_WIDTH, widestDescription) }
}

function fit(rows: readonly Row[]): Row[] {
  const { option, description } = widths(rows)
  return rows.flatMap((row) => {
    const options = piecesOf(row.option, option)
    const descriptions = piecesOf(row.description, description)
    return Array.from({ length: Math.max(options.length, descriptions.length) }, (_, i) => ({
      option: options[i] ?? '',
      description: descriptions[i] ?? '',
    }))
  })
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - text.length))
}

/** The help table for these options, every line ending in '\n'. */
export function formatHelp(specs: readonly OptionSpec[]): string {
  const sorted = [...specs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  const header = specs.some((spec) => spec.required === true) ? 'Option (* = required)' : 'Option'
  const rows: Row[] = [
    { option: header, description: 'Description' },
    { option: '-'.repeat(header.length), description: '-----------' },
    ...sorted.map((spec) => ({ option: optionDisplay(spec), description: descriptionDisplay(spec) })),
  ]
  const fitted = fit(rows)
  const { option, description } = widths(fitted)
  return fitted
    .map(
      (row) =>
        pad(row.option, option) + ' '.repeat(SEPARATOR_WIDTH) + pad(row.description, description) + '\n',
    )
    .join('')
}
