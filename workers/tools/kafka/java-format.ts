/**
 * Java's Formatter as the Kafka tools use it for their tables: `%-Ns` left-justifies a value in a field
 * of at least N characters (a longer value is never cut), and `%n` is the line separator '\n'.
 */

/** String.format("%-" + width + "s", value). */
export function leftJustify(value: string | number, width: number): string {
  return String(value).padEnd(width)
}

/** One `%-w1s %-w2s ... %s` row: every cell but the last left-justified, cells joined by one space. */
export function formatRow(cells: readonly (string | number)[], widths: readonly number[]): string {
  return cells.map((cell, index) => leftJustify(cell, widths[index] ?? 0)).join(' ')
}
