// BasicFormatter / ES|QL's TextFormatter over text cells: widths from the first page (at least 15), names
// centred with the extra space on the right, and a later page's value wider than its column cut to width - 1
// characters and `~`. SQL's cells are textValue's (doubles as Java prints them, null as null).
import { describe, expect, test } from 'vitest'
import {
  columnWidths,
  formatWithHeader,
  formatWithoutHeader,
} from '../../../../workers/es/sql/basic-formatter.ts'
import { pageWidths } from '../../../../workers/es/sql/sql-response.ts'
import { textValue } from '../../../../workers/es/sql/sql-value-format.ts'
import { ZoneId } from '../../../../workers/es/common/time/zone-id.ts'
import { DateTimeValue, type SqlValue } from '../../../../workers/es/sql/sql-values.ts'

const columns = [
  { name: 'a', type: 'keyword' },
  { name: 'AVG(page_count)', type: 'double' },
  { name: 'when', type: 'datetime' },
]
const names = columns.map((c) => c.name)
const cells = (rows: SqlValue[][]) => rows.map((row) => row.map((v, i) => textValue(v, columns[i]!.type)))

describe('BasicFormatter', () => {
  test('the first page sets the widths; doubles print as Java does, null as null', () => {
    const rows = [
      ['x', 1e7, new DateTimeValue(0, ZoneId.UTC)],
      [null, 0.5, new DateTimeValue(86_400_000, ZoneId.of('-05:30'))],
    ]
    const widths = columnWidths(names, cells(rows))
    expect(widths).toEqual([15, 15, 29])
    expect(pageWidths(columns, rows)).toEqual(widths)
    expect(formatWithHeader(names, cells(rows), widths)).toBe(
      '       a       |AVG(page_count)|            when             \n' +
        '---------------+---------------+-----------------------------\n' +
        'x              |1.0E7          |1970-01-01T00:00:00.000Z     \n' +
        'null           |0.5            |1970-01-01T18:30:00.000-05:30\n',
    )
  })

  test('a later page keeps the widths and cuts what does not fit', () => {
    expect(formatWithoutHeader(cells([['a value much longer than fifteen', 2, null]]), [15, 15, 29])).toBe(
      'a value much l~|2.0            |null                         \n',
    )
  })
})
