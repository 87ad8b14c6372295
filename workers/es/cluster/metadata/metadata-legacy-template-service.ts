/**
 * MetadataIndexTemplateService for legacy templates (`_template`), and the checks both kinds of template share:
 * - validate: a template's name, index patterns and settings (index-scoped-settings.ts; InvalidIndexTemplateException
 *   "Validation Failed: 1: ...;"),
 *   then its aliases (AliasValidator.validateAliasStandalone; an alias may not be one of the patterns);
 * - innerPutTemplate: a legacy template whose patterns overlap a composable template's (the pattern languages
 *   intersected) is refused, unless it updates a template without changing its patterns or has the pattern `*`,
 *   which only gets a deprecation warning; a composable template overlapping legacy ones is warned about too;
 * - removeTemplates: one name or `*` pattern; nothing matched is index_template_missing_exception, except `*`;
 * - findV1Templates: the legacy templates matching a new index's name, highest `order` first (ties in the
 *   state's HashMap order).
 * The warnings are computed from the state the request's node sees (ES raises them on the master).
 */
import { illegalArgumentException } from '../../errors/index.ts'
import { indexSettingsError } from '../../index/index-scoped-settings.ts'
import type { ClusterState } from '../state/cluster-state.ts'
import { simpleMatch } from '../../common/simple-match.ts'
import { javaStringKeyOrder } from '../../../net/java-hash.ts'
import type { AliasesMetadata } from './alias-metadata.ts'
import type { SettingValue } from './index-templates.ts'
import type { IndexTemplateMetadata } from './legacy-index-templates.ts'
import { indexTemplateMissingException, invalidIndexTemplateException } from './metadata-errors.ts'
import { validateAlias } from './metadata-index-alias-service.ts'
import { indexTemplates, javaList, patternsOverlap } from './metadata-index-template-service.ts'

export function legacyTemplates(state: ClusterState): Readonly<Record<string, IndexTemplateMetadata>> {
  return state.metadata.legacyTemplates ?? {}
}

/** MetadataIndexTemplateService.validate(name, settings, indexPatterns, aliases). */
export function validateTemplate(
  name: string,
  indexPatterns: readonly string[],
  settings: Readonly<Record<string, SettingValue>>,
  aliases: AliasesMetadata,
): void {
  const errors: string[] = []
  const nameRules: Array<[boolean, string]> = [
    [name.includes(' '), 'name must not contain a space'],
    [name.includes(','), "name must not contain a ','"],
    [name.includes('#'), "name must not contain a '#'"],
    [name.includes('*'), "name must not contain a '*'"],
    [name.startsWith('_'), "name must not start with '_'"],
    [name.toLowerCase() !== name, 'name must be lower cased'],
  ]
  for (const [broken, message] of nameRules) if (broken) errors.push(message)
  for (const pattern of indexPatterns) {
    if (pattern.includes(' ')) errors.push(`index_patterns [${pattern}] must not contain a space`)
    for (const c of [',', '#', ':']) {
      if (pattern.includes(c)) errors.push(`index_pattern [${pattern}] must not contain a '${c}'`)
    }
    if (pattern.startsWith('_')) errors.push(`index_pattern [${pattern}] must not start with '_'`)
  }
  const settingsError = indexSettingsError(settings)
  if (settingsError !== null) errors.push(settingsError)
  if (indexPatterns.includes('*') && 'index.hidden' in settings) {
    errors.push('global templates may not specify the setting index.hidden')
  }
  if (errors.length > 0) {
    const message = 'Validation Failed: ' + errors.map((error, i) => `${i + 1}: ${error};`).join('')
    throw invalidIndexTemplateException(name, message)
  }
  for (const [alias, metadata] of Object.entries(aliases)) {
    validateAlias(alias, metadata.indexRouting, () => false)
    if (indexPatterns.includes(alias)) {
      throw illegalArgumentException(
        `alias [${alias}] cannot be the same as any pattern in [${indexPatterns.join(', ')}]`,
      )
    }
  }
}

/** The composable templates whose patterns overlap `patterns`, by name (a TreeMap: sorted). */
function conflictingV2Templates(state: ClusterState, name: string, patterns: readonly string[]): string[] {
  const templates = indexTemplates(state)
  return Object.keys(templates)
    .filter((other) => other !== name && patternsOverlap(templates[other]!.indexPatterns, patterns))
    .sort()
}

/** `a => [p, q],b => [r]`, as the overlap messages list templates and their patterns. */
function overlapList(names: readonly string[], patternsOf: (name: string) => readonly string[]): string {
  return names.map((name) => `${name} => ${javaList(patternsOf(name))}`).join(',')
}

/**
 * The warning a legacy template overlapping composable ones gets, when it is allowed (same patterns as the
 * template it replaces, or the pattern `*`); null when there is no overlap.
 */
export function legacyTemplateWarning(
  state: ClusterState,
  name: string,
  template: IndexTemplateMetadata,
): string | null {
  const overlaps = conflictingV2Templates(state, name, template.indexPatterns)
  if (overlaps.length === 0 || !overlapAllowed(state, name, template)) return null
  const patterns = overlapList(overlaps, (other) => indexTemplates(state)[other]!.indexPatterns)
  return (
    `legacy template [${name}] has index patterns ${javaList(template.indexPatterns)} matching patterns from ` +
    `existing composable templates [${overlaps.join(',')}] with patterns (${patterns}); this template [${name}] ` +
    'may be ignored in favor of a composable template at index creation time'
  )
}

function overlapAllowed(state: ClusterState, name: string, template: IndexTemplateMetadata): boolean {
  const existing = legacyTemplates(state)[name]
  const unchanged =
    existing !== undefined && javaList(existing.indexPatterns) === javaList(template.indexPatterns)
  return unchanged || template.indexPatterns.includes('*')
}

/** The warning a composable template whose patterns overlap legacy templates gets, or null. */
export function composableOverLegacyWarning(
  state: ClusterState,
  name: string,
  indexPatterns: readonly string[],
): string | null {
  const templates = legacyTemplates(state)
  const overlaps = javaStringKeyOrder(
    Object.keys(templates).filter((other) => patternsOverlap(templates[other]!.indexPatterns, indexPatterns)),
  )
  if (overlaps.length === 0) return null
  const patterns = overlapList(overlaps, (other) => templates[other]!.indexPatterns)
  return (
    `index template [${name}] has index patterns ${javaList(indexPatterns)} matching patterns from existing ` +
    `older templates [${overlaps.join(',')}] with patterns (${patterns}); this template [${name}] will take ` +
    'precedence during new index creation'
  )
}

/** innerPutTemplate on the master. */
export function putLegacyTemplate(
  state: ClusterState,
  name: string,
  template: IndexTemplateMetadata,
  create: boolean,
): ClusterState {
  const existing = legacyTemplates(state)
  if (create && existing[name]) throw illegalArgumentException(`index_template [${name}] already exists`)
  const overlaps = conflictingV2Templates(state, name, template.indexPatterns)
  if (overlaps.length > 0 && !overlapAllowed(state, name, template)) {
    const patterns = overlapList(overlaps, (other) => indexTemplates(state)[other]!.indexPatterns)
    throw illegalArgumentException(
      `legacy template [${name}] has index patterns ${javaList(template.indexPatterns)} matching patterns from ` +
        `existing composable templates [${overlaps.join(',')}] with patterns (${patterns}), use composable ` +
        'templates (/_index_template) instead',
    )
  }
  return { ...state, metadata: { ...state.metadata, legacyTemplates: { ...existing, [name]: template } } }
}

/** removeTemplates: the templates a name or `*` pattern matches. */
export function deleteLegacyTemplates(state: ClusterState, pattern: string): ClusterState {
  const templates = { ...legacyTemplates(state) }
  const matched = Object.keys(templates).filter((name) => simpleMatch(pattern, name))
  if (matched.length === 0) {
    if (pattern === '*') return state
    throw indexTemplateMissingException(pattern)
  }
  for (const name of matched) delete templates[name]
  return { ...state, metadata: { ...state.metadata, legacyTemplates: templates } }
}

/** findV1Templates: the templates matching `index`, highest order first (a stable sort of HashMap order). */
export function findV1Templates(
  state: ClusterState,
  index: string,
): Array<{ name: string; template: IndexTemplateMetadata }> {
  const templates = legacyTemplates(state)
  return javaStringKeyOrder(Object.keys(templates))
    .map((name) => ({ name, template: templates[name]! }))
    .filter(({ template }) => template.indexPatterns.some((pattern) => simpleMatch(pattern, index)))
    .sort((a, b) => b.template.order - a.template.order)
}
