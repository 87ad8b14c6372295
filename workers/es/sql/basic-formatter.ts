/**
 * BasicFormatter (SimpleFormatter, TEXT option): the `txt` table. Each column is as wide as the widest of 15,
 * its name and its values on the first page; the header line centres each name (extra space on the right),
 * columns are separated by `|`, the second line is `-` runs joined by `+`, and each row pads its values on the
 * right; a value wider than its column is cut to width - 1 characters and ends in `~`. Every line ends in
 * `\n`. Later pages (through a cursor) reuse the first page's widths and have no header.
 */
import type { SqlColumn } from './sql-session.ts'
import type { SqlValue } from './sql-values.ts'
import { textValue } from './sql-value-format.ts'

const MIN_COLUMN_WIDTH = 15

export function columnWidths(
  columns: readonly SqlColumn[],
  rows: readonly (readonly SqlValue[])[],
): number[] {
  return columns.map((column, i) =>
    Math.max(
      MIN_COLUMN_WIDTH,
      column.name.length,
      ...rows.map((row) => textValue(row[i] ?? null, column.type).length),
    ),
  )
}

export function formatWithHeader(
  columns: readonly SqlColumn[],
  rows: readonly (readonly SqlValue[])[],
  widths: readonly number[],
): string {
  const header = columns
    .map((column, i) => {
      const left = Math.floor((widths[i]! - column.name.length) / 2)
      return ' '.repeat(left) + column.name + ' '.repeat(widths[i]! - column.name.length - left)
    })
    .join('|')
  const rule = widths.map((w) => '-'.repeat(w)).join('+')
  return `${header}\n${rule}\n${formatWithoutHeader(columns, rows, widths)}`
}

export function formatWithoutHeader(
  columns: readonly SqlColumn[],
  rows: readonly (readonly SqlValue[])[],
  widths: readonly number[],
): string {
  return rows
    .map(
      (row) =>
        columns
          .map((column, i) => {
            const text = textValue(row[i] ?? null, column.type)
            const width = widths[i]!
            return text.length <= width ? text.padEnd(width) : `${text.slice(0, width - 1)}~`
          })
          .join('|') + '\n',
    )
    .join('')
}
