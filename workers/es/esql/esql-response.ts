/**
 * EsqlQueryResponse in each format (EsqlResponseListener with TextFormat / XContent). JSON is
 * `{"took":…,"columns":[{"name","type"}…],"values":[[…]…]}`: with `columnar` one array per column, with
 * `drop_null_columns` the columns whose every value is null are left out of `columns` and `values` and the
 * full list comes first as `all_columns`. `txt` is the TextFormatter table (sql/basic-formatter.ts), `csv` and
 * `tsv` are TextFormat's (sql/text-format.ts), where null is the empty string. The Warning header texts go
 * with the response in any format.
 */
import type { RestResponse } from '../../protocol/es.ts'
import { illegalArgumentException } from '../errors/index.ts'
import { withWarnings } from '../rest/responses.ts'
import { columnWidths, formatWithHeader } from '../sql/basic-formatter.ts'
import { delimitedText, formatParam, type ResponseFormat } from '../sql/text-format.ts'
import { toJson, type JsonOut } from '../xcontent/index.ts'
import type { Row } from './esql-compiler.ts'
import type { EsqlResult } from './esql-session.ts'
import { jsonCell, textCell } from './esql-values.ts'

/** EsqlMediaTypeParser: the `format` parameter; `columnar` with a text format is refused. */
export function esqlResponseFormat(params: ReadonlyMap<string, string>, columnar: boolean): ResponseFormat {
  const format = formatParam(params)
  if (columnar && format !== 'json') {
    throw illegalArgumentException(
      'Invalid use of [columnar] argument: cannot be used in combination with [txt, csv, tsv] formats',
    )
  }
  return format
}

function isTrue(value: string | undefined): boolean {
  return value !== undefined && value !== 'false'
}

export function esqlResponse(
  result: EsqlResult,
  format: ResponseFormat,
  params: ReadonlyMap<string, string>,
  columnar: boolean,
  took: number,
): RestResponse {
  const names = result.columns.map((c) => c.name)
  const text = (nullText: string) =>
    result.rows.map((row) => row.map((v, i) => textCell(v, result.columns[i]!.type, nullText)))
  let response: RestResponse
  if (format === 'json') {
    response = {
      status: 200,
      contentType: 'application/json',
      body: toJson(jsonBody(result, columnar, took, params)),
    }
  } else if (format === 'txt') {
    const cells = text('null')
    const body = names.length === 0 ? '' : formatWithHeader(names, cells, columnWidths(names, cells))
    response = { status: 200, contentType: 'text/plain', body }
  } else {
    response = {
      status: 200,
      contentType: 'text/plain',
      body: delimitedText(format, params, names, text('')),
    }
  }
  return withWarnings(response, result.warnings)
}

function jsonBody(
  result: EsqlResult,
  columnar: boolean,
  took: number,
  params: ReadonlyMap<string, string>,
): JsonOut {
  const body = new Map<string, JsonOut>([['took', took]])
  const columns = result.columns.map(({ name, type }) => ({ name, type }))
  let kept = result.columns.map((_, i) => i)
  if (isTrue(params.get('drop_null_columns'))) {
    body.set('all_columns', columns)
    kept = kept.filter((i) =>
      result.rows.some((row) => row[i] !== null && result.columns[i]!.type !== 'unsupported'),
    )
  }
  body.set(
    'columns',
    kept.map((i) => columns[i]!),
  )
  const cell = (row: Row, i: number) => jsonCell(row[i] ?? null, result.columns[i]!.type)
  body.set(
    'values',
    columnar
      ? kept.map((i) => result.rows.map((row) => cell(row, i)))
      : result.rows.map((row) => kept.map((i) => cell(row, i))),
  )
  return body
}
