/**
 * RestTable: a _cat table rendered as ES 8's RestTable and AbstractCatAction render it.
 *
 * - Columns carry ES's header attributes: aliases, a description, right alignment (`text-align:right`,
 *   which the header row shares) and `default:false` (shown only when `h=` names it).
 * - Text: one line per row, cells joined by one space, each padded to its column's width (the widest
 *   rendered cell, and the header when `v` is on); right-aligned cells get the spaces in front, the last
 *   column is never padded on the right. A null cell prints as nothing. Widths pass through a Java `byte`.
 * - `h=` picks columns by name or alias (a `*` pattern matches names and aliases), in the order given, and
 *   shows the name as typed; unknown names are skipped. A name no column has goes to the last column with
 *   that alias (`l` in `_cat/nodes` is `load_15m`), as buildDisplayHeaders' loop keeps its last match. A
 *   column with a `sibling` flag (`store.size`'s `pri`) brings `<flag>.<name>` right after it when the request
 *   sets that flag, shown as `<flag>.<name as typed>`.
 * - `s=` sorts (stably) by columns or aliases, each `:asc` or `:desc`, resolved as Table.getAliasMap does
 *   (each column's aliases then its name, a later entry replacing an earlier one); numbers and byte sizes
 *   compare by value, text by UTF-16 order, null first.
 *   `ts=false` drops the epoch and timestamp columns; `bytes=` picks a byte unit, `time=` a time unit.
 * - `format=json` gives an array of objects whose values are the rendered strings (null stays null);
 *   `format=yaml` the same as Jackson's YAML generator writes it. `help` lists name | aliases | description.
 */
import type { RestResponse } from '../../../protocol/es.ts'
import { EsException } from '../../errors/index.ts'
import { quoteJson, toJson, type JsonOut } from '../../xcontent/index.ts'
import { simpleMatch } from '../../common/simple-match.ts'
import { paramAsBoolean } from '../actions/rest-params.ts'
import { ByteSize } from './byte-size.ts'
import { TimeCell } from './time-cell.ts'

export type CatValue = string | number | ByteSize | TimeCell | null

export interface CatColumn {
  name: string
  aliases?: readonly string[]
  desc: string
  right?: boolean
  /** `default:false`: left out unless `h=` asks for it. */
  hidden?: boolean
  /** ES's `sibling` attribute: the request flag (`pri`) that adds the column `<flag>.<name>` after this one. */
  sibling?: string
}

export interface CatTable {
  columns: readonly CatColumn[]
  /** Each row holds one value per column, in column order. */
  rows: readonly (readonly CatValue[])[]
}

interface DisplayColumn {
  index: number
  display: string
}

/**
 * A column from its name and the attribute text ES's Table.addCell takes (`alias:a,b;default:false;
 * text-align:right;desc:...`: `;`-separated `key:value` pairs, the value after the first `:`), read as
 * Table.addCell reads them: `default` is true unless it says false; `sibling` names the request flag that adds the
 * column `<flag>.<name>` (RestIndicesAction's `sibling:pri`); other keys are not read.
 */
export function esColumn(name: string, attributes: string): CatColumn {
  const attribute = new Map(
    attributes.split(';').map((pair) => {
      const colon = pair.indexOf(':')
      return [pair.slice(0, colon), pair.slice(colon + 1)] as const
    }),
  )
  const aliases = attribute.get('alias')
  const sibling = attribute.get('sibling')
  return {
    name,
    ...(aliases === undefined ? {} : { aliases: aliases.split(',') }),
    desc: attribute.get('desc') ?? 'not available',
    ...(attribute.get('text-align') === 'right' ? { right: true } : {}),
    ...(attribute.get('default') === 'false' ? { hidden: true } : {}),
    ...(sibling === undefined ? {} : { sibling }),
  }
}

const TIMESTAMP_COLUMNS: readonly CatColumn[] = [
  { name: 'epoch', aliases: ['t', 'time'], desc: 'seconds since 1970-01-01 00:00:00' },
  { name: 'timestamp', aliases: ['ts', 'hms', 'hhmmss'], desc: 'time in HH:MM:SS' },
]

/** Table.startHeadersWithTimestamp: `epoch` and `timestamp` in front of the given columns. */
export function withTimestamp(columns: readonly CatColumn[]): CatColumn[] {
  return [...TIMESTAMP_COLUMNS, ...columns]
}

/** The epoch seconds and UTC `HH:mm:ss` cells of a timestamped row. */
export function timestampCells(nowMs: number): [number, string] {
  const seconds = Math.floor(nowMs / 1000)
  const day = ((seconds % 86_400) + 86_400) % 86_400
  const two = (n: number): string => String(n).padStart(2, '0')
  return [seconds, `${two(Math.floor(day / 3600))}:${two(Math.floor(day / 60) % 60)}:${two(day % 60)}`]
}

/** A cat request's answer for its parameters. */
export function renderCatTable(table: CatTable, params: Map<string, string>): RestResponse {
  if (paramAsBoolean(params.get('help'))) return text(renderHelp(table.columns))
  const display = displayColumns(table.columns, params)
  const order = rowOrder(table, params.get('s'))
  const cell = (row: number, column: number): string | null =>
    renderValue(table.rows[row]![column] ?? null, params)
  const format = params.get('format')?.toLowerCase()
  if (format === 'json' || format === 'yaml') {
    const objects = order.map((row) =>
      display.map(({ index, display: key }) => [key, cell(row, index)] as const),
    )
    if (format === 'yaml') return text(toYaml(objects))
    return {
      status: 200,
      contentType: 'application/json',
      body: toJson(objects.map((entries) => new Map<string, JsonOut>(entries))),
    }
  }
  const verbose = paramAsBoolean(params.get('v'))
  const lines: Array<Array<string | null>> = order.map((row) => display.map(({ index }) => cell(row, index)))
  if (verbose) lines.unshift(display.map(({ display: name }) => name))
  const widths = display.map((_, col) => Math.max(0, ...lines.map((line) => line[col]?.length ?? 0)))
  const last = display.length - 1
  let out = ''
  for (const line of lines) {
    display.forEach(({ index }, col) => {
      out += pad(line[col] ?? null, widths[col]!, table.columns[index]!.right === true, col === last)
      if (col !== last) out += ' '
    })
    out += '\n'
  }
  return text(out)
}

function text(body: string): RestResponse {
  return { status: 200, contentType: 'text/plain', body }
}

function renderValue(value: CatValue, params: Map<string, string>): string | null {
  if (value === null) return null
  if (value instanceof ByteSize) return value.render(params.get('bytes'))
  if (value instanceof TimeCell) return value.render(params.get('time'))
  return String(value)
}

function pad(value: string | null, width: number, right: boolean, isLast: boolean): string {
  const text = value ?? ''
  // RestTable keeps the leftover in a Java byte: a gap over 127 wraps negative and pads nothing.
  const leftOver = ((width - text.length) << 24) >> 24
  if (leftOver > 0 && right) return ' '.repeat(leftOver) + text
  return isLast || leftOver <= 0 ? text : text + ' '.repeat(leftOver)
}

function displayColumns(columns: readonly CatColumn[], params: Map<string, string>): DisplayColumn[] {
  const showTimestamps = params.get('ts') !== 'false'
  const visible = (column: CatColumn): boolean =>
    showTimestamps || (column.name !== 'epoch' && column.name !== 'timestamp')
  const h = params.get('h')
  if (h === undefined) {
    return columns.flatMap((column, index) =>
      column.hidden !== true && visible(column) ? [{ index, display: column.name }] : [],
    )
  }
  const requested: string[] = []
  for (const name of h.split(',').map((part) => part.trim())) {
    if (name === '') continue
    if (!name.includes('*')) {
      if (!requested.includes(name)) requested.push(name)
      continue
    }
    for (const column of columns) {
      const matches = [column.name, ...(column.aliases ?? [])].some((n) => simpleMatch(name, n))
      if (matches && !requested.includes(column.name)) requested.push(column.name)
    }
  }
  const out: DisplayColumn[] = []
  for (const name of requested) {
    let index = columns.findIndex((column) => column.name === name)
    if (index < 0) index = lastWithAlias(columns, name)
    if (index < 0 || !visible(columns[index]!)) continue
    out.push({ index, display: name })
    const flag = columns[index]!.sibling
    if (flag === undefined || !paramAsBoolean(params.get(flag))) continue
    const sibling = columns.findIndex((column) => column.name === `${flag}.${columns[index]!.name}`)
    if (sibling >= 0) out.push({ index: sibling, display: `${flag}.${name}` })
  }
  return out
}

function lastWithAlias(columns: readonly CatColumn[], alias: string): number {
  for (let i = columns.length - 1; i >= 0; i--) {
    if (columns[i]!.aliases?.includes(alias) === true) return i
  }
  return -1
}

/** Table.getAliasMap: every alias and name to its column, a later entry replacing an earlier one. */
function aliasMap(columns: readonly CatColumn[]): Map<string, number> {
  const map = new Map<string, number>()
  columns.forEach((column, index) => {
    for (const alias of column.aliases ?? []) map.set(alias, index)
    map.set(column.name, index)
  })
  return map
}

function rowOrder(table: CatTable, sort: string | undefined): number[] {
  const order = table.rows.map((_, i) => i)
  if (sort === undefined) return order
  const aliases = aliasMap(table.columns)
  const keys = sort
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const reverse = part.endsWith(':desc')
      const name = reverse ? part.slice(0, -5) : part.endsWith(':asc') ? part.slice(0, -4) : part
      const index = aliases.get(name)
      if (index === undefined) {
        throw new EsException({
          type: 'unsupported_operation_exception',
          reason: `Unable to sort by unknown sort key \`${name}\``,
          status: 500,
          rootCause: false,
        })
      }
      return { index, sign: reverse ? -1 : 1 }
    })
  return order.sort((a, b) => {
    for (const { index, sign } of keys) {
      const c = compareCells(table.rows[a]![index] ?? null, table.rows[b]![index] ?? null)
      if (c !== 0) return sign * c
    }
    return 0
  })
}

function compareCells(a: CatValue, b: CatValue): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1
  if (typeof a === 'number' && typeof b === 'number') return Math.sign(a - b)
  if (a instanceof ByteSize && b instanceof ByteSize) return Math.sign(a.bytes - b.bytes)
  if (a instanceof TimeCell && b instanceof TimeCell) return Math.sign(a.nanos - b.nanos)
  const x = String(a)
  const y = String(b)
  return x < y ? -1 : x > y ? 1 : 0
}

/** AbstractCatAction's help: every column, left-aligned, `name | aliases | description`. */
function renderHelp(columns: readonly CatColumn[]): string {
  const rows = columns.map((column) => [column.name, (column.aliases ?? []).join(','), column.desc] as const)
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i]!.length)))
  return rows
    .map((row) => row.map((value, i) => pad(value, widths[i]!, false, false)).join(' | ') + '\n')
    .join('')
}

/** Jackson's YAMLGenerator with ES's defaults: a document marker, block sequences, quoted strings. */
function toYaml(rows: ReadonlyArray<ReadonlyArray<readonly [string, string | null]>>): string {
  if (rows.length === 0) return '--- []\n'
  let out = '---\n'
  for (const row of rows) {
    row.forEach(([key, value], i) => {
      out += `${i === 0 ? '- ' : '  '}${key}: ${value === null ? 'null' : quoteJson(value)}\n`
    })
  }
  return out
}
