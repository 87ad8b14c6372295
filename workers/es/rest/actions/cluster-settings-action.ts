/**
 * `GET /_cluster/settings` (RestClusterGetSettingsAction) and `PUT /_cluster/settings`
 * (RestClusterUpdateSettingsAction, TransportClusterUpdateSettingsAction), as ES 8.17 answers them:
 *   GET → {"persistent":{...},"transient":{...}[,"defaults":{...}]}
 *   PUT → {"acknowledged":true,"persistent":{<keys set>},"transient":{<keys set>}}
 * The body's `persistent` and `transient` objects may nest keys or write them flat (or both); each value is
 * kept as text, null removes a key (`*` keys remove what they match). Settings print nested as
 * Settings.toXContent does, flat with `?flat_settings=true`; `?include_defaults=true` adds the registered
 * settings' defaults. A non-empty `transient` object draws ES 8's deprecation warning. The keys, their checks and their effects are cluster-settings.ts's; the master
 * applies the change (the `update_cluster_settings` task) and publishes it to every node.
 */
import type { RestResponse } from '../../../protocol/es.ts'
import type { JsonOut, XContentObject, XContentValue } from '../../xcontent/index.ts'
import {
  clusterSettingDefaults,
  scopedSettings,
  validateClusterSettingsUpdate,
  type ScopedSettingsUpdate,
  type SettingsScope,
} from '../../cluster/metadata/cluster-settings.ts'
import { structured } from '../../index/index-metadata.ts'
import { checkValueList, scalarText } from '../../index/index-settings.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { guarded, json, withWarnings } from '../responses.ts'
import { bodyRequired, isBlank, parseRequestBody } from '../request-body.ts'
import { paramAsBoolean } from './rest-params.ts'

/** RestClusterUpdateSettingsAction's warning for a request with a non-empty `transient` object. */
const TRANSIENT_SETTINGS_DEPRECATION =
  '[transient settings removal] Updating cluster settings through transient settings is deprecated. Some ' +
  'Elastic products may make use of transient settings and those should not be changed. Any custom use of ' +
  'transient settings should be replaced by persistent settings.'

export function registerClusterSettingsAction(controller: RestController, context: RestContext): void {
  controller
    .register(
      'GET',
      '/_cluster/settings',
      (req) => guarded(() => getSettings(context, req)),
      'cluster.get_settings',
    )
    .register(
      'PUT',
      '/_cluster/settings',
      (req) => guarded(() => putSettings(context, req)),
      'cluster.put_settings',
    )
}

function getSettings(context: RestContext, req: RestHandlerRequest): RestResponse {
  const flat = paramAsBoolean(req.params.get('flat_settings'))
  const state = context.client.cluster.state()
  const body: Record<string, JsonOut> = {}
  for (const scope of ['persistent', 'transient'] as const) {
    body[scope] = settingsJson(Object.entries(scopedSettings(state, scope)), flat)
  }
  if (paramAsBoolean(req.params.get('include_defaults'))) {
    body.defaults = settingsJson(clusterSettingDefaults(), flat)
  }
  return json(200, body)
}

async function putSettings(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const text = req.request.body ?? ''
  if (isBlank(text)) throw bodyRequired()
  const body = parseRequestBody(text)
  const update = { persistent: scopeOf(body, 'persistent'), transient: scopeOf(body, 'transient') }
  const transientUsed = Object.keys(update.transient).length > 0
  const response = await guarded(async () => {
    validateClusterSettingsUpdate(update)
    await context.client.cluster.execute({ type: 'update_cluster_settings', update })
    const flat = paramAsBoolean(req.params.get('flat_settings'))
    return json(200, {
      acknowledged: true,
      persistent: settingsJson(setKeys(update.persistent), flat),
      transient: settingsJson(setKeys(update.transient), flat),
    })
  })
  return withWarnings(response, transientUsed ? [TRANSIENT_SETTINGS_DEPRECATION] : [])
}

/** The keys an update sets (a removal is not listed in the response). */
function setKeys(scope: ScopedSettingsUpdate): Array<[string, string]> {
  return Object.entries(scope).flatMap(([key, value]): Array<[string, string]> =>
    value === null ? [] : [[key, value]],
  )
}

/** One scope of the body, flattened as Settings.builder().loadFromMap does. */
function scopeOf(body: XContentObject, scope: SettingsScope): ScopedSettingsUpdate {
  const out: Record<string, string | null> = {}
  const walk = (value: XContentValue, key: string): void => {
    if (value instanceof Map)
      for (const [name, inner] of value) walk(inner, key === '' ? name : `${key}.${name}`)
    else if (Array.isArray(value)) {
      checkValueList(value)
      out[key] = value.map(scalarText).join(',')
    } else out[key] = value === null ? null : scalarText(value)
  }
  const section = body.get(scope)
  if (section instanceof Map) walk(section, '')
  return out
}

/** Settings.toXContent: sorted flat keys, or nested. */
function settingsJson(entries: ReadonlyArray<[string, string]>, flat: boolean): Map<string, JsonOut> {
  const sorted = [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return flat ? new Map(sorted) : structured(sorted)
}
