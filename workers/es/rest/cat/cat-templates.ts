/**
 * `_cat/templates[/{name}]` with ES 8's columns (RestTemplatesAction): the legacy templates first, then the
 * composable ones, each in the HashMap order ES holds them in. A name selects the templates it matches (a `*`
 * pattern) or the one so named; an unknown name gives an empty table, not an error. Patterns and composed_of
 * print as `[a, b]` (Java's List.toString); `order` is a legacy template's order or a composable one's priority
 * (0 when unset); `version` is empty when unset; a legacy template has no composed_of.
 */
import { javaStringKeyOrder } from '../../../net/java-hash.ts'
import type { ClusterState } from '../../cluster/state/cluster-state.ts'
import { legacyTemplates } from '../../cluster/metadata/metadata-legacy-template-service.ts'
import { indexTemplates } from '../../cluster/metadata/metadata-index-template-service.ts'
import { simpleMatch } from '../../common/simple-match.ts'
import type { CatColumn, CatTable, CatValue } from './rest-table.ts'

const TEMPLATES_COLUMNS: readonly CatColumn[] = [
  { name: 'name', aliases: ['n'], desc: 'template name' },
  { name: 'index_patterns', aliases: ['t'], desc: 'template index patterns' },
  { name: 'order', aliases: ['o', 'p'], desc: 'template application order/priority number' },
  { name: 'version', aliases: ['v'], desc: 'version' },
  { name: 'composed_of', aliases: ['c'], desc: 'component templates comprising index template' },
]

function listText(values: readonly string[]): string {
  return `[${values.join(', ')}]`
}

/** GetIndexTemplatesRequest / GetComposableIndexTemplateAction.Request with one name or pattern. */
function selected(names: readonly string[], name: string | undefined): string[] {
  if (name === undefined) return javaStringKeyOrder(names)
  if (name.includes('*')) return javaStringKeyOrder(names.filter((candidate) => simpleMatch(name, candidate)))
  return names.includes(name) ? [name] : []
}

export function catTemplates(state: ClusterState, name: string | undefined): CatTable {
  const legacy = legacyTemplates(state)
  const composable = indexTemplates(state)
  const rows: CatValue[][] = [
    ...selected(Object.keys(legacy), name).map((key): CatValue[] => {
      const template = legacy[key]!
      return [key, listText(template.indexPatterns), template.order, template.version ?? null, '']
    }),
    ...selected(Object.keys(composable), name).map((key): CatValue[] => {
      const template = composable[key]!
      const { indexPatterns, priority, version, composedOf } = template
      return [key, listText(indexPatterns), priority ?? 0, version ?? null, listText(composedOf)]
    }),
  ]
  return { columns: TEMPLATES_COLUMNS, rows }
}
