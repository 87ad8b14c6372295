/**
 * SqlQueryResponse in each response format (RestSqlQueryAction with TextFormat / XContent): `json` is
 * `{"columns":[{"name","type"}…],"rows":[[…]…],"cursor":…}` (columns only on the first page, `values` holding
 * one array per column with `columnar`, `cursor` only when more rows remain); `txt` is BasicFormatter's table;
 * `csv` rows end in CRLF, values are quoted when they hold `"`, CR, LF or the delimiter (param `delimiter`,
 * default `,`) and the header row is left out with `header=absent`; `tsv` rows end in LF with tabs and newlines
 * in values escaped as `\t` and `\n`.
 */
import type { RestResponse } from '../../protocol/es.ts'
import { illegalArgumentException } from '../errors/index.ts'
import { toJson, type JsonOut } from '../xcontent/index.ts'
import { formatWithHeader, formatWithoutHeader } from './basic-formatter.ts'
import type { SqlColumn } from './sql-session.ts'
import { cellValue, jsonValue } from './sql-value-format.ts'
import type { SqlValue } from './sql-values.ts'

export interface SqlPage {
  /** The columns, on a first page only. */
  readonly columns: readonly SqlColumn[] | null
  /** The column types (also known on later pages). */
  readonly types: readonly SqlColumn[]
  readonly rows: readonly (readonly SqlValue[])[]
  readonly widths: readonly number[]
  readonly cursor: string | null
}

export type SqlFormat = 'json' | 'txt' | 'csv' | 'tsv'

const TEXT_FORMATS = new Set(['txt', 'csv', 'tsv'])

/**
 * SqlMediaTypeParser: the `format` parameter (JSON without one), checked before the statement runs. An unknown
 * format is `Invalid request content type: …`; `columnar` with a text format is refused.
 */
export function responseFormat(params: ReadonlyMap<string, string>, columnar: boolean): SqlFormat {
  const format = params.get('format')
  if (format === undefined) return 'json'
  const lower = format.toLowerCase()
  if (lower === 'json' || TEXT_FORMATS.has(lower)) {
    if (columnar && TEXT_FORMATS.has(lower)) {
      throw illegalArgumentException(
        'Invalid use of [columnar] argument: cannot be used in combination with txt, csv or tsv formats',
      )
    }
    return lower as SqlFormat
  }
  if (['yaml', 'cbor', 'smile'].includes(lower)) {
    throw illegalArgumentException(`format [${lower}] is not available in the playground`)
  }
  throw illegalArgumentException(
    `Invalid request content type: Accept=[null], Content-Type=[application/json], format=[${format}]`,
  )
}

export function sqlResponse(
  page: SqlPage,
  format: SqlFormat,
  params: ReadonlyMap<string, string>,
  columnar: boolean,
): RestResponse {
  switch (format) {
    case 'json':
      return { status: 200, contentType: 'application/json', body: toJson(jsonBody(page, columnar)) }
    case 'txt':
      return { status: 200, contentType: 'text/plain', body: txtBody(page) }
    case 'csv':
      return {
        status: 200,
        contentType: 'text/plain',
        body: delimited(page, csvDelimiter(params), '\r\n', params.get('header') !== 'absent'),
      }
    case 'tsv':
      return { status: 200, contentType: 'text/plain', body: delimited(page, '\t', '\n', true) }
  }
}

function jsonBody(page: SqlPage, columnar: boolean): JsonOut {
  const body = new Map<string, JsonOut>()
  if (page.columns !== null)
    body.set(
      'columns',
      page.columns.map(({ name, type }) => ({ name, type })),
    )
  const cells = page.rows.map((row) => row.map((v, i) => jsonValue(v, page.types[i]!.type)))
  if (columnar)
    body.set(
      'values',
      page.types.map((_, i) => cells.map((row) => row[i]!)),
    )
  else body.set('rows', cells)
  if (page.cursor !== null) body.set('cursor', page.cursor)
  return body
}

function txtBody(page: SqlPage): string {
  return page.columns !== null
    ? formatWithHeader(page.columns, page.rows, page.widths)
    : formatWithoutHeader(page.types, page.rows, page.widths)
}

function delimited(page: SqlPage, delimiter: string, eol: string, header: boolean): string {
  const escape = delimiter === '\t' ? tsvEscape : (v: string) => csvEscape(v, delimiter)
  const lines: string[] = []
  if (header && page.columns !== null)
    lines.push(page.columns.map((c) => escape(c.name)).join(delimiter) + eol)
  for (const row of page.rows)
    lines.push(row.map((v, i) => escape(cellValue(v, page.types[i]!.type))).join(delimiter) + eol)
  return lines.join('')
}

function csvEscape(value: string, delimiter: string): string {
  if (![...value].some((c) => c === '"' || c === '\n' || c === '\r' || c === delimiter)) return value
  return `"${value.replace(/"/g, '""')}"`
}

function tsvEscape(value: string): string {
  return value.replace(/\n/g, '\\n').replace(/\t/g, '\\t')
}

/** TextFormat.CSV#delimiter: one character, not `"`, CR, LF or TAB. */
function csvDelimiter(params: ReadonlyMap<string, string>): string {
  const delimiter = params.get('delimiter')
  if (delimiter === undefined) return ','
  if (delimiter.length !== 1) {
    throw illegalArgumentException(
      `invalid ${delimiter.length > 0 ? 'multi-character' : 'empty'} delimiter [${delimiter}]`,
    )
  }
  if (delimiter === '\t') {
    throw illegalArgumentException(
      'illegal delimiter [TAB] specified as delimiter for the [csv] format; choose the [tsv] format instead',
    )
  }
  if (delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    throw illegalArgumentException(`illegal reserved character specified as delimiter [${delimiter}]`)
  }
  return delimiter
}
