/**
 * MetadataCreateIndexService's assembly of a new index on the node that takes the request (explicit
 * creation or a write's auto-creation): the matching composable template's settings, mappings and
 * aliases (its component templates first, then its own), overridden by the request's; then the index
 * settings read from the merged `index.` keys, validated into the metadata the master is asked to add.
 */
import { mergeMapping } from '../../index/mapper/mapping-merge.ts'
import { parseMapping } from '../../index/mapper/mapping-parser.ts'
import type { Mapping } from '../../index/mapper/mapping.ts'
import { DEFAULT_INDEX_SETTINGS, type IndexMetadata } from '../../index/index-metadata.ts'
import { indexAnalysisSettings } from '../../analysis/custom/index-analysis-settings.ts'
import { parseJson, type XContentObject, type XContentValue } from '../../xcontent/index.ts'
import {
  normalizeSettings,
  parseIntSetting,
  parseTimeSetting,
  scalarText,
} from '../../rest/actions/index-settings.ts'
import type { ClusterState } from '../state/cluster-state.ts'
import { newIndexMetadata } from './metadata-tasks.ts'
import { parseAliasDefinition, withAliases, type AliasMetadata } from './alias-metadata.ts'
import { composedTemplates, findV2Template } from './metadata-index-template-service.ts'

/** What a create index request body gives: `settings`, `mappings`, `aliases` (each optional). */
export interface CreateIndexBody {
  settings?: XContentValue
  mappings?: XContentValue
  aliases?: XContentValue
}

/** The new index's metadata, with what the matching template gives under what the request gives. */
export function buildIndexMetadata(
  state: ClusterState,
  name: string,
  body: CreateIndexBody,
  uuid: string,
  now: number,
): IndexMetadata {
  const match = findV2Template(state, name)
  const templates = match ? composedTemplates(state, match.template) : []
  const settings = new Map<string, XContentValue>()
  const mappings: Mapping[] = []
  const aliases: Record<string, AliasMetadata> = {}
  for (const template of templates) {
    for (const [key, value] of Object.entries(template.settings ?? {})) {
      settings.set(key, value === null || typeof value === 'string' ? value : [...value])
    }
    if (template.mappings !== undefined) mappings.push(parseMapping(parseJson(template.mappings)))
    Object.assign(aliases, template.aliases)
  }
  const requested =
    body.settings instanceof Map ? normalizeSettings(body.settings) : new Map<string, XContentValue>()
  for (const [key, value] of requested) settings.set(key, value)
  if (body.mappings !== undefined || mappings.length === 0) mappings.push(parseMapping(body.mappings))
  if (body.aliases instanceof Map) {
    for (const [alias, definition] of body.aliases) aliases[alias] = parseAliasDefinition(alias, definition)
  }
  const metadata = newIndexMetadata(
    {
      name,
      ...indexSettings(settings),
      mapping: mappings.reduce((merged, next) => mergeMapping(merged, next)),
    },
    uuid,
    now,
  )
  return withAliases(metadata, aliases)
}

/** The index settings read from the merged `index.`-prefixed keys, defaults for the rest. */
function indexSettings(settings: Map<string, XContentValue>) {
  const setting = <T>(key: string, fallback: T, parse: (value: XContentValue) => T): T => {
    const value = settings.get(key)
    return value === undefined || value === null ? fallback : parse(value)
  }
  const text = (key: string): string | undefined => setting(key, undefined, scalarText)
  const refreshInterval = text('index.refresh_interval')
  const defaultPipeline = text('index.default_pipeline')
  const finalPipeline = text('index.final_pipeline')
  const object: XContentObject = settings
  return {
    numberOfShards: setting('index.number_of_shards', DEFAULT_INDEX_SETTINGS.numberOfShards, (v) =>
      parseIntSetting('index.number_of_shards', v, 1),
    ),
    numberOfReplicas: setting('index.number_of_replicas', DEFAULT_INDEX_SETTINGS.numberOfReplicas, (v) =>
      parseIntSetting('index.number_of_replicas', v, 0),
    ),
    refreshIntervalMs: setting('index.refresh_interval', DEFAULT_INDEX_SETTINGS.refreshIntervalMs, (v) =>
      parseTimeSetting('index.refresh_interval', v),
    ),
    ...(refreshInterval !== undefined ? { refreshInterval } : {}),
    ...(settings.size > 0 ? { analysis: indexAnalysisSettings(object) } : {}),
    ...(defaultPipeline !== undefined ? { defaultPipeline } : {}),
    ...(finalPipeline !== undefined ? { finalPipeline } : {}),
  }
}
