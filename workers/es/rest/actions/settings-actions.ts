/**
 * Index settings APIs: GET [/{index}]/_settings[/{name}] (RestGetSettingsAction, with `flat_settings`, `human`
 * and `*` name patterns) and PUT [/{index}]/_settings (RestUpdateSettingsAction and
 * MetadataUpdateSettingsService): the body may wrap the settings in `settings`; keys are normalized to
 * `index.`; every key is checked first against the registry (index-scoped-settings.ts: unknown, private),
 * then a static setting on an open index refuses the whole request with "Can't update non
 * dynamic settings [[...]] for open indices [[name/uuid], ...]" (in HashSet<Index> order), and a final one
 * (number_of_shards, ...) on a closed index with "final <index> setting [key], not updateable"
 * (AbstractScopedSettings.updateSettings), then the values. The settings acted on are index.number_of_replicas,
 * index.refresh_interval, the pipelines, index.hidden and the limits (index-limit-settings.ts); the registry's
 * others are kept as given and shown (IndexMetadata.otherSettings); a null value resets one to its default.
 * GET leaves out an index none of whose settings match `name`; with `include_defaults` it adds each index's
 * `defaults` (index-metadata.ts defaultSettings). A closed index takes `index.analysis.*` (the master merges
 * and verifies them). Both read the index expression with expand_wildcards open and closed
 * (GetSettingsRequest, UpdateSettingsRequest).
 */
import type { RestResponse } from '../../../protocol/es.ts'
import { actionRequestValidationException, illegalArgumentException } from '../../errors/index.ts'
import type { JsonOut, XContentValue } from '../../xcontent/index.ts'
import {
  addHumanReadableSettings,
  defaultSettings,
  entriesToJson,
  flatSettings,
} from '../../index/index-metadata.ts'
import type { SettingsUpdate } from '../../cluster/metadata/metadata-tasks.ts'
import { javaHashOrder, javaStringHashCode, javaStringKeyOrder } from '../../../net/java-hash.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { resolveMetadataReadable } from './metadata-read.ts'
import { guarded, json } from '../responses.ts'
import { parseRequestBody } from '../request-body.ts'
import {
  normalizeSettings,
  parseIntSetting,
  parseTimeSetting,
  scalarText,
} from '../../index/index-settings.ts'
import { paramAsBoolean } from './rest-params.ts'
import { readLimitSettings } from '../../index/index-limit-settings.ts'
import {
  isDynamicIndexSetting,
  isFinalIndexSetting,
  knownIndexSetting,
  parseBooleanSetting,
  readOtherSettings,
  validateIndexSetting,
} from '../../index/index-scoped-settings.ts'
import { DEFAULT_INDEX_SETTINGS, isClosed } from '../../index/index-metadata.ts'
import { plainValue } from '../../analysis/custom/index-analysis-settings.ts'
import {
  indicesOptionsFromRequest,
  STRICT_EXPAND_OPEN_CLOSED,
  type IndicesOptions,
} from '../../cluster/metadata/indices-options.ts'

const ANALYSIS_PREFIX = 'index.analysis.'

export function registerSettingsActions(controller: RestController, context: RestContext): void {
  const get = (req: RestHandlerRequest) => guarded(() => getSettings(context, req))
  const put = (req: RestHandlerRequest) => guarded(() => updateSettings(context, req))
  controller
    .register('GET', '/_settings', get, 'indices.get_settings')
    .register('GET', '/_settings/{name}', get, 'indices.get_settings')
    .register('GET', '/{index}/_settings', get, 'indices.get_settings')
    .register('GET', '/{index}/_settings/{name}', get, 'indices.get_settings')
    .register('PUT', '/_settings', put, 'indices.put_settings')
    .register('PUT', '/{index}/_settings', put, 'indices.put_settings')
}

function getSettings(context: RestContext, req: RestHandlerRequest): RestResponse {
  const flat = paramAsBoolean(req.params.get('flat_settings'))
  const includeDefaults = paramAsBoolean(req.params.get('include_defaults'))
  // RestGetSettingsAction: request.hasParam("human"), so even `human=false` adds the human readable settings
  const human = req.params.has('human')
  // RestRequest.paramAsStringArrayOrEmptyIfAll: `_all` (or `*`) alone names every setting.
  const named = req.path.name?.split(',')
  const names = named?.length === 1 && named[0] === '_all' ? undefined : named
  const body = new Map<string, JsonOut>()
  const indices = resolveMetadataReadable(context, req.path.index, settingsIndicesOptions(req))
  for (const { metadata } of indices) {
    const all = human ? addHumanReadableSettings(flatSettings(metadata)) : flatSettings(metadata)
    const settings = entriesToJson([...all], flat, names)
    if (!includeDefaults) {
      // GetSettingsResponse leaves out an index none of whose settings matched, unless it lists defaults.
      if (settings.size > 0) body.set(metadata.name, { settings })
      continue
    }
    const defaults = entriesToJson(defaultSettings(metadata), flat, names)
    body.set(metadata.name, { settings, defaults })
  }
  return json(200, body)
}

async function updateSettings(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const indices = context.indices.resolve(req.path.index, settingsIndicesOptions(req))
  let body = req.request.body ? parseRequestBody(req.request.body) : new Map<string, XContentValue>()
  const wrapped = body.get('settings')
  if (body.size === 1 && wrapped instanceof Map) body = wrapped
  const settings = normalizeSettings(body)
  if (settings.size === 0) throw actionRequestValidationException(['no settings to update'])
  const keys = [...settings.keys()].sort()
  const concrete = keys.filter((key) => !key.includes('*'))
  concrete.forEach(checkUpdatable)
  const staticKeys = concrete.filter((key) => !isDynamicIndexSetting(key))
  const open = indices.filter(({ metadata }) => !isClosed(metadata))
  if (staticKeys.length > 0 && open.length > 0) {
    // MetadataUpdateSettingsService lists them from a HashSet<Index> (Index.hashCode: 31 × name's + uuid's).
    const names = javaHashOrder(
      open,
      ({ metadata }) =>
        (Math.imul(31, javaStringHashCode(metadata.name)) + javaStringHashCode(metadata.uuid)) | 0,
    )
      .map(({ metadata }) => `[${metadata.name}/${metadata.uuid}]`)
      .join(', ')
    throw illegalArgumentException(
      `Can't update non dynamic settings [[${javaStringKeyOrder(staticKeys).join(', ')}]] for open indices [${names}]`,
    )
  }
  const finalKey = staticKeys.find(isFinalIndexSetting)
  if (finalKey !== undefined && indices.length > 0) {
    throw illegalArgumentException(`final ${indices[0]!.metadata.name} setting [${finalKey}], not updateable`)
  }
  for (const key of concrete) validateIndexSetting(key, settings.get(key)!)
  const names = indices.map((index) => index.metadata.name)
  await context.client.cluster.execute({ type: 'update_settings', names, update: settingsUpdate(settings) })
  return json(200, { acknowledged: true })
}

/** MetadataUpdateSettingsService's first check of a key (values come after the scope checks): known, not private. */
function checkUpdatable(key: string): void {
  if (knownIndexSetting(key).scope === 'private') {
    throw illegalArgumentException(
      `can not update private setting [${key}]; this setting is managed by Elasticsearch`,
    )
  }
}

/** The validated change, as plain data for the master (null restores a setting's default). */
function settingsUpdate(settings: Map<string, XContentValue>): SettingsUpdate {
  const update: SettingsUpdate = {}
  const replicas = settings.get('index.number_of_replicas')
  if (replicas !== undefined) {
    update.numberOfReplicas =
      replicas === null
        ? DEFAULT_INDEX_SETTINGS.numberOfReplicas
        : parseIntSetting('index.number_of_replicas', replicas, 0)
  }
  const refresh = settings.get('index.refresh_interval')
  if (refresh !== undefined) {
    update.refreshInterval =
      refresh === null
        ? { ms: DEFAULT_INDEX_SETTINGS.refreshIntervalMs, text: null }
        : { ms: parseTimeSetting('index.refresh_interval', refresh), text: scalarText(refresh) }
  }
  for (const [key, field] of PIPELINE_SETTINGS) {
    const value = settings.get(key)
    if (value !== undefined) update[field] = value === null ? null : scalarText(value)
  }
  const limits = readLimitSettings(settings)
  if (Object.keys(limits).length > 0) update.limits = limits
  const hidden = settings.get('index.hidden')
  if (hidden !== undefined) {
    update.hidden = hidden === null ? null : parseBooleanSetting(hidden)
  }
  const others = readOtherSettings(settings)
  if (Object.keys(others).length > 0) update.otherSettings = others
  const analysis = [...settings].filter(([key]) => key.startsWith(ANALYSIS_PREFIX))
  if (analysis.length > 0) {
    update.analysis = Object.fromEntries(
      analysis.map(([key, value]) => [
        key.slice(ANALYSIS_PREFIX.length),
        value === null ? null : plainValue(value),
      ]),
    )
  }
  return update
}

/** Open and closed indices (expand_wildcards open,closed), as the request's parameters may change them. */
function settingsIndicesOptions(req: RestHandlerRequest): IndicesOptions {
  return indicesOptionsFromRequest(req.params, STRICT_EXPAND_OPEN_CLOSED)
}

const PIPELINE_SETTINGS = [
  ['index.default_pipeline', 'defaultPipeline'],
  ['index.final_pipeline', 'finalPipeline'],
] as const
