/**
 * A _cat table's `help` answer (AbstractCatAction.help: one `name | aliases | description` line per column) read
 * back for the tests: the column names in order, and each column's three cells, trimmed.
 */
export interface CatHelp {
  names: string[]
  row(name: string): string[]
}

export function parseCatHelp(body: string): CatHelp {
  const rows = body
    .trimEnd()
    .split('\n')
    .map((line) => line.split('|').map((cell) => cell.trim()))
  return {
    names: rows.map((cells) => cells[0]!),
    row: (name) => rows.find((cells) => cells[0] === name)!,
  }
}
