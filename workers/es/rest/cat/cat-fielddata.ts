/**
 * `_cat/fielddata` (RestFielddataAction, ES 8.17): one row per node and field with fielddata loaded in its cache
 * (`id`, `host`, `ip`, `node`, `field`, `size`). The playground keeps no fielddata cache (a text field's fielddata is
 * read from its documents when asked, docs/DEVIATIONS.md), so no node has any loaded and the table has no rows.
 */
import type { CatColumn, CatTable } from './rest-table.ts'

const FIELDDATA_COLUMNS: readonly CatColumn[] = [
  { name: 'id', desc: 'node id', hidden: true },
  { name: 'host', aliases: ['h'], desc: 'host name' },
  { name: 'ip', desc: 'ip address' },
  { name: 'node', aliases: ['n'], desc: 'node name' },
  { name: 'field', aliases: ['f'], desc: 'field name' },
  { name: 'size', aliases: ['s'], desc: 'field data usage', right: true },
]

export function catFielddata(): CatTable {
  return { columns: FIELDDATA_COLUMNS, rows: [] }
}
