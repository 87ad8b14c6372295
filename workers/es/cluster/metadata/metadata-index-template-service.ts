/**
 * MetadataIndexTemplateService on the master: composable index templates and component templates put
 * into and removed from the cluster state, and the template a new index takes (findV2Template).
 *
 * Rules (ES 8.17):
 * - two templates of the same priority (absent = 0) whose index patterns can match one same name may not
 *   both exist: "... multiple index templates may not match during index creation, please use a different
 *   priority" (the pattern languages are intersected, as Lucene automata are);
 * - an index template may only name component templates that exist, and a component template in use
 *   cannot be removed;
 * - a new index takes the matching template of highest priority; its settings, mappings and aliases
 *   are the component templates' in `composed_of` order, then the template's own, later ones winning.
 */
import { illegalArgumentException } from '../../errors/index.ts'
import type { ClusterState } from '../state/cluster-state.ts'
import { simpleMatch } from '../../common/simple-match.ts'
import { javaStringKeyOrder } from '../../../net/java-hash.ts'
import type { ComponentTemplate, ComposableIndexTemplate, Template } from './index-templates.ts'
import {
  indexTemplateMissingException,
  invalidIndexTemplateException,
  resourceNotFoundException,
} from './metadata-errors.ts'

export function indexTemplates(state: ClusterState): Readonly<Record<string, ComposableIndexTemplate>> {
  return state.metadata.templates ?? {}
}

export function componentTemplates(state: ClusterState): Readonly<Record<string, ComponentTemplate>> {
  return state.metadata.componentTemplates ?? {}
}

export function putIndexTemplate(
  state: ClusterState,
  name: string,
  template: ComposableIndexTemplate,
  create: boolean,
): ClusterState {
  const existing = indexTemplates(state)
  if (create && existing[name]) throw illegalArgumentException(`index template [${name}] already exists`)
  const priority = template.priority ?? 0
  const overlaps = Object.entries(existing).filter(
    ([other, candidate]) =>
      other !== name &&
      (candidate.priority ?? 0) === priority &&
      patternsOverlap(candidate.indexPatterns, template.indexPatterns),
  )
  if (overlaps.length > 0) {
    const names = javaStringKeyOrder(overlaps.map(([other]) => other))
    const patterns = names.map((other) => `${other} => ${javaList(existing[other]!.indexPatterns)}`)
    throw illegalArgumentException(
      `index template [${name}] has index patterns ${javaList(template.indexPatterns)} matching patterns from ` +
        `existing templates [${names.join(',')}] with patterns (${patterns.join(',')}) that have the same ` +
        `priority [${priority}], multiple index templates may not match during index creation, please use a different priority`,
    )
  }
  const components = componentTemplates(state)
  const missing = template.composedOf.filter((component) => !components[component])
  if (missing.length > 0) {
    throw invalidIndexTemplateException(
      name,
      `index template [${name}] specifies component templates ${javaList(missing)} that do not exist`,
    )
  }
  return {
    ...state,
    metadata: { ...state.metadata, templates: { ...existing, [name]: template } },
  }
}

export function deleteIndexTemplates(state: ClusterState, names: readonly string[]): ClusterState {
  const templates = { ...indexTemplates(state) }
  const matched = matchNames(Object.keys(templates), names)
  if (matched.missing.length > 0) throw indexTemplateMissingException(matched.missing.join(','))
  if (matched.found.length === 0 && !names.every((name) => name === '*')) {
    throw indexTemplateMissingException(names.join(','))
  }
  for (const name of matched.found) delete templates[name]
  return { ...state, metadata: { ...state.metadata, templates } }
}

export function putComponentTemplate(
  state: ClusterState,
  name: string,
  template: ComponentTemplate,
  create: boolean,
): ClusterState {
  const existing = componentTemplates(state)
  if (create && existing[name]) throw illegalArgumentException(`component template [${name}] already exists`)
  return {
    ...state,
    metadata: { ...state.metadata, componentTemplates: { ...existing, [name]: template } },
  }
}

export function deleteComponentTemplates(state: ClusterState, names: readonly string[]): ClusterState {
  const components = { ...componentTemplates(state) }
  const matched = matchNames(Object.keys(components), names)
  if (matched.found.length === 0) throw resourceNotFoundException(names.join(','))
  const users = Object.entries(indexTemplates(state))
    .filter(([, template]) => template.composedOf.some((component) => matched.found.includes(component)))
    .map(([user]) => user)
  if (users.length > 0) {
    const used = matched.found.filter((component) =>
      users.some((user) => indexTemplates(state)[user]!.composedOf.includes(component)),
    )
    throw illegalArgumentException(
      `component templates ${javaList(used)} cannot be removed as they are still in use by index templates ${javaList(users)}`,
    )
  }
  for (const name of matched.found) delete components[name]
  return { ...state, metadata: { ...state.metadata, componentTemplates: components } }
}

/** The composable template a new index named `index` takes: the matching one of highest priority. */
export function findV2Template(
  state: ClusterState,
  index: string,
): { name: string; template: ComposableIndexTemplate } | null {
  let best: { name: string; template: ComposableIndexTemplate } | null = null
  for (const [name, template] of Object.entries(indexTemplates(state))) {
    if (!template.indexPatterns.some((pattern) => simpleMatch(pattern, index))) continue
    if (!best || (template.priority ?? 0) > (best.template.priority ?? 0)) best = { name, template }
  }
  return best
}

/** The templates a composable template is made of, in the order they apply. */
export function composedTemplates(state: ClusterState, template: ComposableIndexTemplate): Template[] {
  const components = componentTemplates(state)
  return [
    ...template.composedOf.flatMap((name) => (components[name] ? [components[name].template] : [])),
    ...(template.template ? [template.template] : []),
  ]
}

/**
 * Whether two lists of `*` patterns can match one same name: a search of the product of the two
 * patterns' automata (state = position in each pattern) for a state where both have ended.
 */
export function patternsOverlap(a: readonly string[], b: readonly string[]): boolean {
  return a.some((p) => b.some((q) => patternPairOverlaps(p, q)))
}

function patternPairOverlaps(p: string, q: string): boolean {
  const seen = new Set<number>()
  const stack: Array<[number, number]> = [[0, 0]]
  const width = q.length + 1
  while (stack.length > 0) {
    const [i, j] = stack.pop()!
    if (seen.has(i * width + j)) continue
    seen.add(i * width + j)
    if (i === p.length && j === q.length) return true
    const pStar = p[i] === '*'
    const qStar = q[j] === '*'
    if (pStar) stack.push([i + 1, j])
    if (qStar) stack.push([i, j + 1])
    // One character read by both: a literal advances its pattern, a star stays where it is.
    if (i < p.length && j < q.length && (pStar || qStar || p[i] === q[j])) {
      stack.push([pStar ? i : i + 1, qStar ? j : j + 1])
    }
  }
  return false
}

/** Names and `*` patterns resolved against existing names; missing plain names are reported. */
function matchNames(
  existing: readonly string[],
  names: readonly string[],
): { found: string[]; missing: string[] } {
  const found = new Set<string>()
  const missing: string[] = []
  for (const name of names) {
    if (name.includes('*')) existing.filter((e) => simpleMatch(name, e)).forEach((e) => found.add(e))
    else if (existing.includes(name)) found.add(name)
    else missing.push(name)
  }
  return { found: [...found], missing }
}

/** Java's List.toString: `[a, b]`. */
export function javaList(values: readonly string[]): string {
  return `[${values.join(', ')}]`
}
