/**
 * The open cursors of one node: a SELECT whose rows do not fit one page (`fetch_size`) keeps the rest here,
 * with its columns and the first page's txt column widths (TextFormatterCursor), under an opaque id the
 * response's `cursor` carries. Each page request takes the next page; the last page removes the cursor, as
 * does `_sql/close`. Cursors live in the node's memory and do not expire (ES's scroll keep-alive does not
 * apply: docs/DEVIATIONS.md).
 */
import type { SqlColumn } from './sql-session.ts'
import type { SqlValue } from './sql-values.ts'

export interface CursorState {
  readonly columns: readonly SqlColumn[]
  readonly widths: readonly number[]
  readonly fetchSize: number
  rest: readonly (readonly SqlValue[])[]
}

export class SqlCursors {
  private readonly open = new Map<string, CursorState>()

  constructor(private readonly newId: () => string) {}

  /** Keeps `state` and answers its id. */
  add(state: CursorState): string {
    const id = this.newId()
    this.open.set(id, state)
    return id
  }

  get(id: string): CursorState | undefined {
    return this.open.get(id)
  }

  close(id: string): boolean {
    return this.open.delete(id)
  }
}
