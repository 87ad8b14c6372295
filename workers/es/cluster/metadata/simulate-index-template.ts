/**
 * TransportSimulateIndexTemplateAction and TransportSimulateTemplateAction (ES 8.17) over a cluster state: the
 * template an index would take (or a named template, or one given in the request, put into a copy of the state
 * under a temporary name, or under the given name to simulate replacing it, and validated as a PUT validates it:
 * template-validation.ts), resolved as a new index would take it, and the templates whose index patterns overlap it.
 *
 * The resolved template (resolveTemplate): the composed settings (component templates in `composed_of` order,
 * then the template's own) over what DataTier.DefaultHotAllocationSettingProvider adds (`_tier_preference`
 * data_content, data_hot for a `data_stream` template, unless the settings name it or any index-level
 * require/include/exclude filter); the composed mappings merged as a new index merges them (with a data stream's
 * `@timestamp`), or none when no template maps anything; the composed aliases, `{index}` in a name replaced.
 * The overlapping templates: legacy templates (findConflictingV1Templates) then composable ones other than the
 * matched one (findConflictingV2Templates) whose patterns can match a same name, put into one HashMap.
 */
import { illegalArgumentException } from '../../errors/index.ts'
import { javaStringKeyOrder } from '../../../net/java-hash.ts'
import { defaultTierPreference, TIER_PREFERENCE } from '../../index/index-metadata.ts'
import type { Mapping } from '../../index/mapper/mapping.ts'
import type { ClusterState } from '../state/cluster-state.ts'
import type { AliasesMetadata } from './alias-metadata.ts'
import type { ComposableIndexTemplate, SettingValue } from './index-templates.ts'
import { templateSettingsAndAliases } from './metadata-create-index-service.ts'
import {
  composedTemplates,
  findV2Template,
  indexTemplates,
  patternsOverlap,
} from './metadata-index-template-service.ts'
import { addIndexTemplateV2, composedMapping, composedSettings } from './template-validation.ts'
import { legacyTemplates } from './metadata-legacy-template-service.ts'

export interface ResolvedTemplate {
  /** Flat `index.` keys, as a template keeps them. */
  readonly settings: Readonly<Record<string, SettingValue>>
  /** null when no template of the composition has mappings (and it is no data stream template). */
  readonly mapping: Mapping | null
  readonly aliases: AliasesMetadata
}

export interface SimulatedTemplate {
  readonly template: ResolvedTemplate
  /** The overlapping templates' names and index patterns, in the response HashMap's order. */
  readonly overlapping: ReadonlyArray<readonly [string, readonly string[]]>
}

/** A template given in the request body (PutComposableIndexTemplateAction.Request), with its `create` flag. */
export interface TemplateToAdd {
  readonly template: ComposableIndexTemplate
  readonly create: boolean
}

/**
 * TransportSimulateIndexTemplateAction: what an index named `index` would take, the `added` template put first
 * under `addedName`; null when no composable template matches.
 */
export function simulateIndexTemplate(
  state: ClusterState,
  index: string,
  added: TemplateToAdd | null,
  addedName: string,
): SimulatedTemplate | null {
  const simulated = added ? addIndexTemplateV2(state, addedName, added.template, added.create) : state
  const match = findV2Template(simulated, index)
  return match === null ? null : simulate(simulated, match.name, index)
}

/**
 * TransportSimulateTemplateAction: the template named `name`, or the `added` one (under `name` when given, else
 * under `addedName`), resolved for the index `temporaryIndex`.
 */
export function simulateTemplate(
  state: ClusterState,
  name: string | null,
  added: TemplateToAdd | null,
  addedName: string,
  temporaryIndex: string,
): SimulatedTemplate {
  const matching = name ?? addedName
  const simulated = added ? addIndexTemplateV2(state, matching, added.template, added.create) : state
  if (!indexTemplates(simulated)[matching]) {
    throw illegalArgumentException(`unable to simulate template [${matching}] that does not exist`)
  }
  return simulate(simulated, matching, temporaryIndex)
}

function simulate(state: ClusterState, name: string, index: string): SimulatedTemplate {
  const template = indexTemplates(state)[name]!
  return {
    template: resolveTemplate(state, template, index),
    overlapping: overlappingTemplates(state, name, template.indexPatterns),
  }
}

function resolveTemplate(
  state: ClusterState,
  template: ComposableIndexTemplate,
  index: string,
): ResolvedTemplate {
  const layers = composedTemplates(state, template)
  const dataStream = template.dataStream !== undefined
  const settings = composedSettings(layers)
  const mapped = dataStream || layers.some((layer) => layer.mappings !== undefined)
  return {
    settings: { ...tierPreferenceSettings(settings, dataStream), ...settings },
    mapping: mapped ? composedMapping(layers, dataStream) : null,
    aliases: templateSettingsAndAliases(layers, index).aliases,
  }
}

/** DataTier.DefaultHotAllocationSettingProvider.getAdditionalIndexSettings for the templates' settings. */
function tierPreferenceSettings(
  settings: Readonly<Record<string, SettingValue>>,
  dataStream: boolean,
): Record<string, SettingValue> {
  const filtered = Object.keys(settings).some((key) =>
    /^index\.routing\.allocation\.(require|include|exclude)\./.test(key),
  )
  return filtered ? {} : { [TIER_PREFERENCE]: defaultTierPreference(dataStream) }
}

function overlappingTemplates(
  state: ClusterState,
  name: string,
  patterns: readonly string[],
): Array<readonly [string, readonly string[]]> {
  const found = new Map<string, readonly string[]>()
  for (const [other, legacy] of Object.entries(legacyTemplates(state))) {
    if (patternsOverlap(legacy.indexPatterns, patterns)) found.set(other, legacy.indexPatterns)
  }
  for (const [other, composable] of Object.entries(indexTemplates(state))) {
    if (other !== name && patternsOverlap(composable.indexPatterns, patterns))
      found.set(other, composable.indexPatterns)
  }
  return javaStringKeyOrder([...found.keys()]).map((other) => [other, found.get(other)!] as const)
}
