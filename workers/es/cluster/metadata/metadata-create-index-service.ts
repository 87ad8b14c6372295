/**
 * MetadataCreateIndexService's assembly of a new index on the node that takes the request (explicit
 * creation or a write's auto-creation), then the index settings read from the merged `index.` keys,
 * validated into the metadata the master is asked to add:
 * - a matching composable template wins (applyCreateIndexRequestWithV2Template): its component templates'
 *   then its own settings, mappings (merged as mapping updates) and aliases, overridden by the request's;
 * - else the matching legacy templates (applyCreateIndexRequestWithV1Templates), lowest `order` first so
 *   that a higher order wins: settings overridden by the request's, mappings merged under the request's
 *   as JSON (parseV1Mappings: XContentHelper.mergeDefaults), aliases where the request's win.
 * A template alias named with `{index}` takes the new index's name there (resolveAndValidateAliases).
 * An index of its own may not match a `data_stream` template: only a data stream's backing index may.
 */
import { checkMappingLimits, mappingLimits } from '../../index/mapper/mapping-limits.ts'
import { mergeMapping } from '../../index/mapper/mapping-merge.ts'
import { illegalArgumentException } from '../../errors/index.ts'
import { parseMapping } from '../../index/mapper/mapping-parser.ts'
import type { Mapping } from '../../index/mapper/mapping.ts'
import { DEFAULT_INDEX_SETTINGS, type IndexMetadata } from '../../index/index-metadata.ts'
import { analysisLimits, indexAnalysisSettings } from '../../analysis/custom/index-analysis-settings.ts'
import { indexLimits, readLimitSettings } from '../../index/index-limit-settings.ts'
import { createIndexSettings, validateIndexSettings } from '../../index/index-scoped-settings.ts'
import { checkRoutingNumShards } from '../routing/operation-routing.ts'
import { parseJson, type XContentObject, type XContentValue } from '../../xcontent/index.ts'
import {
  normalizeSettings,
  MAX_NUMBER_OF_SHARDS,
  parseIntSetting,
  parseTimeSetting,
  scalarText,
} from '../../index/index-settings.ts'
import type { ClusterState } from '../state/cluster-state.ts'
import { newIndexMetadata } from './metadata-tasks.ts'
import { parseAliasDefinition, withAliases, type AliasMetadata } from './alias-metadata.ts'
import { composedTemplates, findV2Template } from './metadata-index-template-service.ts'
import type { Template } from './index-templates.ts'
import { findV1Templates } from './metadata-legacy-template-service.ts'
import { mergeDefaults } from './merge-defaults.ts'

/** What a create index request body gives: `settings`, `mappings`, `aliases` (each optional). */
export interface CreateIndexBody {
  settings?: XContentValue
  mappings?: XContentValue
  aliases?: XContentValue
}

/**
 * The new index's metadata, with what the matching template gives under what the request gives. The
 * templates are matched against `templateTarget`: the index's name, or the data stream it is to back.
 */
export function buildIndexMetadata(
  state: ClusterState,
  name: string,
  body: CreateIndexBody,
  uuid: string,
  now: number,
  templateTarget: string = name,
): IndexMetadata {
  // MetadataCreateIndexService.onlyCreateIndex validates the request's settings before anything else.
  if (body.settings instanceof Map) validateIndexSettings(normalizeSettings(body.settings))
  const match = findV2Template(state, templateTarget)
  if (match?.template.dataStream && templateTarget === name) {
    throw illegalArgumentException(
      `cannot create index with name [${name}], because it matches with template [${match.name}] that ` +
        'creates data streams only, use create data stream api instead',
    )
  }
  // Lowest precedence first: each layer's settings and aliases override the ones before.
  const templates: Template[] = match
    ? composedTemplates(state, match.template)
    : findV1Templates(state, templateTarget)
        .reverse()
        .map(({ template }) => template)
  const { settings, aliases } = templateSettingsAndAliases(templates, name)
  const requested =
    body.settings instanceof Map ? normalizeSettings(body.settings) : new Map<string, XContentValue>()
  for (const [key, value] of requested) settings.set(key, value)
  if (body.aliases instanceof Map) {
    for (const [alias, definition] of body.aliases) aliases[alias] = parseAliasDefinition(alias, definition)
  }
  const mapping = match ? v2Mapping(templates, body.mappings) : v1Mapping(templates, body.mappings)
  const metadata = newIndexMetadata(
    {
      name,
      ...indexSettings(settings),
      mapping,
    },
    uuid,
    now,
  )
  checkMappingLimits(metadata.mapping, mappingLimits(metadata.otherSettings))
  return withAliases(metadata, aliases)
}

/**
 * The templates' settings and aliases, each layer overriding the ones before (lowest precedence first); an alias
 * named with `{index}` takes the index's name there.
 */
export function templateSettingsAndAliases(
  templates: readonly Template[],
  name: string,
): { settings: Map<string, XContentValue>; aliases: Record<string, AliasMetadata> } {
  const settings = new Map<string, XContentValue>()
  const aliases: Record<string, AliasMetadata> = {}
  for (const template of templates) {
    for (const [key, value] of Object.entries(template.settings ?? {})) {
      settings.set(key, value === null || typeof value === 'string' ? value : [...value])
    }
    for (const [alias, definition] of Object.entries(template.aliases ?? {})) {
      aliases[alias.replaceAll('{index}', name)] = definition
    }
  }
  return { settings, aliases }
}

/** The composable templates' mappings then the request's, merged as mapping updates. */
export function v2Mapping(templates: readonly Template[], requested: XContentValue | undefined): Mapping {
  const mappings = templates.flatMap((t) =>
    t.mappings === undefined ? [] : [parseMapping(parseJson(t.mappings))],
  )
  if (requested !== undefined || mappings.length === 0) mappings.push(parseMapping(requested))
  return mappings.reduce((merged, next) => mergeMapping(merged, next, true))
}

/** parseV1Mappings: the legacy templates' mappings (highest order first) merged under the request's. */
function v1Mapping(templates: readonly Template[], requested: XContentValue | undefined): Mapping {
  if (requested !== undefined && !(requested instanceof Map)) return parseMapping(requested)
  let merged: XContentValue | undefined = requested
  for (const template of [...templates].reverse()) {
    if (template.mappings === undefined) continue
    const defaults = parseJson(template.mappings)
    if (!(defaults instanceof Map) || defaults.size === 0) continue
    merged = merged instanceof Map ? mergeDefaults(merged, defaults) : defaults
  }
  return parseMapping(merged)
}

/** The index settings read from the merged `index.`-prefixed keys, defaults for the rest (a resize's too). */
export function indexSettings(settings: Map<string, XContentValue>) {
  const known = createIndexSettings(settings)
  const setting = <T>(key: string, fallback: T, parse: (value: XContentValue) => T): T => {
    const value = settings.get(key)
    return value === undefined || value === null ? fallback : parse(value)
  }
  const text = (key: string): string | undefined => setting(key, undefined, scalarText)
  const refreshInterval = text('index.refresh_interval')
  const defaultPipeline = text('index.default_pipeline')
  const finalPipeline = text('index.final_pipeline')
  const object: XContentObject = settings
  const given = readLimitSettings(settings)
  const set = Object.entries(given).filter((entry): entry is [string, string] => entry[1] !== null)
  const limits = set.length > 0 ? { limits: Object.fromEntries(set) } : {}
  const numberOfShards = setting('index.number_of_shards', DEFAULT_INDEX_SETTINGS.numberOfShards, (v) =>
    parseIntSetting('index.number_of_shards', v, 1, MAX_NUMBER_OF_SHARDS),
  )
  const routingNumShards = setting('index.number_of_routing_shards', undefined, (v) => {
    const routing = parseIntSetting('index.number_of_routing_shards', v, 1)
    checkRoutingNumShards(routing, numberOfShards)
    return routing
  })
  return {
    numberOfShards,
    ...(routingNumShards !== undefined ? { routingNumShards } : {}),
    numberOfReplicas: setting('index.number_of_replicas', DEFAULT_INDEX_SETTINGS.numberOfReplicas, (v) =>
      parseIntSetting('index.number_of_replicas', v, 0),
    ),
    refreshIntervalMs: setting('index.refresh_interval', DEFAULT_INDEX_SETTINGS.refreshIntervalMs, (v) =>
      parseTimeSetting('index.refresh_interval', v),
    ),
    ...(refreshInterval !== undefined ? { refreshInterval } : {}),
    ...(settings.size > 0
      ? { analysis: indexAnalysisSettings(object, analysisLimits(indexLimits(limits))) }
      : {}),
    ...limits,
    ...(defaultPipeline !== undefined ? { defaultPipeline } : {}),
    ...(finalPipeline !== undefined ? { finalPipeline } : {}),
    ...known,
  }
}

/**
 * The deprecation warning applyCreateIndexRequest logs ("index_template_multiple_match") when no composable
 * template matches the new index and several legacy ones do (their names sorted), else null.
 */
export function multipleLegacyTemplatesWarning(state: ClusterState, name: string): string | null {
  if (findV2Template(state, name)) return null
  const names = findV1Templates(state, name)
    .map((match) => match.name)
    .sort()
  if (names.length < 2) return null
  return (
    `index [${name}] matches multiple legacy templates [${names.join(', ')}], ` +
    'composable templates will only match a single template'
  )
}
