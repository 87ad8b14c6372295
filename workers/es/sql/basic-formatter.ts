/**
 * BasicFormatter (ES SQL's SimpleFormatter, TEXT option) and ES|QL's TextFormatter, which lay the `txt` table
 * out the same way, over cells already turned into text: each column is as wide as the widest of 15, its
 * name and its values on the first page; the header line centres each name (extra space on the right),
 * columns are separated by `|`, the second line is `-` runs joined by `+`, and each row pads its values on the
 * right; a value wider than its column is cut to width - 1 characters and ends in `~`. Every line ends in
 * `\n`. Later SQL pages (through a cursor) reuse the first page's widths and have no header.
 */

const MIN_COLUMN_WIDTH = 15

export function columnWidths(names: readonly string[], cells: readonly (readonly string[])[]): number[] {
  return names.map((name, i) =>
    Math.max(MIN_COLUMN_WIDTH, name.length, ...cells.map((row) => row[i]!.length)),
  )
}

export function formatWithHeader(
  names: readonly string[],
  cells: readonly (readonly string[])[],
  widths: readonly number[],
): string {
  const header = names
    .map((name, i) => {
      const left = Math.floor((widths[i]! - name.length) / 2)
      return ' '.repeat(left) + name + ' '.repeat(widths[i]! - name.length - left)
    })
    .join('|')
  const rule = widths.map((w) => '-'.repeat(w)).join('+')
  return `${header}\n${rule}\n${formatWithoutHeader(cells, widths)}`
}

export function formatWithoutHeader(
  cells: readonly (readonly string[])[],
  widths: readonly number[],
): string {
  return cells
    .map(
      (row) =>
        row
          .map((text, i) => {
            const width = widths[i]!
            return text.length <= width ? text.padEnd(width) : `${text.slice(0, width - 1)}~`
          })
          .join('|') + '\n',
    )
    .join('')
}
