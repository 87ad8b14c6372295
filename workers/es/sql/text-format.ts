/**
 * The response formats ES SQL's and ES|QL's TextFormat share: the `format` parameter (JSON without one; an
 * unknown one is `Invalid request content type: Accept=[null], Content-Type=[application/json], format=[x]`),
 * and the delimited formats over cells already turned into text: `csv` rows end in CRLF, values are quoted when
 * they hold `"`, CR, LF or the delimiter (param `delimiter`, default `,`) and the header row is left out with
 * `header=absent`; `tsv` rows end in LF with tabs and newlines in values escaped as `\t` and `\n`.
 */
import { illegalArgumentException } from '../errors/index.ts'

export type ResponseFormat = 'json' | 'txt' | 'csv' | 'tsv'

const FORMATS = new Set(['json', 'txt', 'csv', 'tsv'])

/** The `format` parameter's format, checked before the statement runs. */
export function formatParam(params: ReadonlyMap<string, string>): ResponseFormat {
  const format = params.get('format')
  if (format === undefined) return 'json'
  const lower = format.toLowerCase()
  if (FORMATS.has(lower)) return lower as ResponseFormat
  if (['yaml', 'cbor', 'smile'].includes(lower)) {
    throw illegalArgumentException(`format [${lower}] is not available in the playground`)
  }
  throw illegalArgumentException(
    `Invalid request content type: Accept=[null], Content-Type=[application/json], format=[${format}]`,
  )
}

/** A csv or tsv body: the header row (null for none) and the rows. */
export function delimitedText(
  format: 'csv' | 'tsv',
  params: ReadonlyMap<string, string>,
  header: readonly string[] | null,
  cells: readonly (readonly string[])[],
): string {
  const delimiter = format === 'tsv' ? '\t' : csvDelimiter(params)
  const eol = format === 'tsv' ? '\n' : '\r\n'
  const escape = format === 'tsv' ? tsvEscape : (v: string) => csvEscape(v, delimiter)
  const withHeader = header !== null && (format === 'tsv' || params.get('header') !== 'absent')
  const rows = withHeader ? [header, ...cells] : cells
  return rows.map((row) => row.map(escape).join(delimiter) + eol).join('')
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
