/**
 * `_cat/component_templates[/{name}]` (RestCatComponentTemplateAction): one row per component template, in the
 * HashMap order ES holds them in, a `{name}` selecting by Regex.simpleMatch (an unknown name gives an empty
 * table). The counts are ES's: aliases and flat setting keys of the template, entries of its `_meta`, and the
 * mapping count of countMappingInTemplate, which reads the `_doc` mapping's top-level values and counts one for
 * each entry of a value that is an object, one for each scalar, and recurses into lists (so `properties` with two
 * fields plus `"dynamic": "strict"` count 3). `included_in` is the HashSet of composable templates whose
 * `composed_of` names it, printed as Java's Set.toString (`[a, b]`).
 */
import { javaStringKeyOrder } from '../../../net/java-hash.ts'
import type { ClusterState } from '../../cluster/state/cluster-state.ts'
import { componentTemplates, indexTemplates } from '../../cluster/metadata/metadata-index-template-service.ts'
import type { Template } from '../../cluster/metadata/index-templates.ts'
import { simpleMatch } from '../../common/simple-match.ts'
import type { CatColumn, CatTable, CatValue } from './rest-table.ts'

const COMPONENT_TEMPLATES_COLUMNS: readonly CatColumn[] = [
  { name: 'name', aliases: ['n'], desc: 'component template name' },
  { name: 'version', aliases: ['v'], desc: 'version' },
  { name: 'alias_count', aliases: ['a'], desc: 'alias count' },
  { name: 'mapping_count', aliases: ['m'], desc: 'mapping count' },
  { name: 'settings_count', aliases: ['s'], desc: 'settings count' },
  { name: 'metadata_count', aliases: ['me'], desc: 'metadata count' },
  { name: 'included_in', aliases: ['i'], desc: 'included in' },
]

export function catComponentTemplates(state: ClusterState, pattern: string | undefined): CatTable {
  const templates = componentTemplates(state)
  const includedIn = composingTemplates(state)
  const names = javaStringKeyOrder(Object.keys(templates)).filter(
    (name) => pattern === undefined || simpleMatch(pattern, name),
  )
  const rows = names.map((name): CatValue[] => {
    const { template, version, meta } = templates[name]!
    return [
      name,
      version ?? null,
      Object.keys(template.aliases ?? {}).length,
      mappingCount(template),
      Object.keys(template.settings ?? {}).length,
      meta === undefined ? 0 : Object.keys(JSON.parse(meta) as object).length,
      `[${javaStringKeyOrder(includedIn.get(name) ?? []).join(', ')}]`,
    ]
  })
  return { columns: COMPONENT_TEMPLATES_COLUMNS, rows }
}

/** Each component template's name to the composable templates naming it in `composed_of`, in the HashMap order ES
 * iterates them. */
function composingTemplates(state: ClusterState): Map<string, string[]> {
  const reverse = new Map<string, string[]>()
  const templates = indexTemplates(state)
  for (const name of javaStringKeyOrder(Object.keys(templates))) {
    for (const component of templates[name]!.composedOf) {
      const names = reverse.get(component) ?? []
      if (!names.includes(name)) names.push(name)
      reverse.set(component, names)
    }
  }
  return reverse
}

/** countMappingInTemplate over the stored mapping (kept without its `_doc` wrapper). */
function mappingCount(template: Template): number {
  if (template.mappings === undefined) return 0
  const mapping = JSON.parse(template.mappings) as Record<string, unknown>
  let count = 0
  for (const value of Object.values(mapping)) count += subAttributes(value)
  return count
}

/** countSubAttributes: a list sums its elements, an object counts its entries, anything else counts one. */
function subAttributes(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, element) => sum + subAttributes(element), 0)
  if (value !== null && typeof value === 'object') return Object.keys(value).length
  return 1
}
