/**
 * SqlQueryResponse in each response format (RestSqlQueryAction with TextFormat / XContent): `json` is
 * `{"columns":[{"name","type"}…],"rows":[[…]…],"cursor":…}` (columns only on the first page, `values` holding
 * one array per column with `columnar`, `cursor` only when more rows remain); `txt` is BasicFormatter's table;
 * `csv` and `tsv` are text-format.ts's (null as the empty string).
 */
import type { RestResponse } from '../../protocol/es.ts'
import { illegalArgumentException } from '../errors/index.ts'
import { toJson, type JsonOut } from '../xcontent/index.ts'
import { columnWidths, formatWithHeader, formatWithoutHeader } from './basic-formatter.ts'
import type { SqlColumn } from './sql-session.ts'
import { cellValue, jsonValue, textValue } from './sql-value-format.ts'
import { delimitedText, formatParam, type ResponseFormat } from './text-format.ts'
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

export type SqlFormat = ResponseFormat

/**
 * SqlMediaTypeParser: the `format` parameter (text-format.ts), checked before the statement runs; `columnar`
 * with a text format is refused.
 */
export function responseFormat(params: ReadonlyMap<string, string>, columnar: boolean): SqlFormat {
  const format = formatParam(params)
  if (columnar && format !== 'json') {
    throw illegalArgumentException(
      'Invalid use of [columnar] argument: cannot be used in combination with txt, csv or tsv formats',
    )
  }
  return format
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
    case 'tsv': {
      const header = page.columns?.map((c) => c.name) ?? null
      const body = delimitedText(format, params, header, textCells(page, cellValue))
      return { status: 200, contentType: 'text/plain', body }
    }
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

function textCells(page: SqlPage, text: (value: SqlValue, type: string) => string): string[][] {
  return page.rows.map((row) => row.map((v, i) => text(v, page.types[i]!.type)))
}

function txtBody(page: SqlPage): string {
  const cells = textCells(page, textValue)
  return page.columns !== null
    ? formatWithHeader(
        page.columns.map((c) => c.name),
        cells,
        page.widths,
      )
    : formatWithoutHeader(cells, page.widths)
}

/** The txt widths of a first page. */
export function pageWidths(columns: readonly SqlColumn[], rows: readonly (readonly SqlValue[])[]): number[] {
  return columnWidths(
    columns.map((c) => c.name),
    rows.map((row) => row.map((v, i) => textValue(v, columns[i]!.type))),
  )
}
