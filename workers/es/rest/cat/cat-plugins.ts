/**
 * `_cat/plugins` (RestPluginsAction) with ES 8.17's columns. A default distribution has no plugins installed,
 * so the table has no rows: `?v` prints the header alone.
 */
import type { CatColumn, CatTable } from './rest-table.ts'

const PLUGINS_COLUMNS: readonly CatColumn[] = [
  { name: 'id', desc: 'unique node id', hidden: true },
  { name: 'name', aliases: ['n'], desc: 'node name' },
  { name: 'component', aliases: ['c'], desc: 'component' },
  { name: 'version', aliases: ['v'], desc: 'component version' },
  { name: 'description', aliases: ['d'], desc: 'plugin details', hidden: true },
  { name: 'type', aliases: ['t'], desc: 'plugin type', hidden: true },
]

export function catPlugins(): CatTable {
  return { columns: PLUGINS_COLUMNS, rows: [] }
}
