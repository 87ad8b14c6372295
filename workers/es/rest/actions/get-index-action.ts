/**
 * GET /<index> (RestGetIndicesAction, TransportGetIndexAction, GetIndexResponse of ES 8.17): for each index the
 * expression resolves to (IndicesOptions.fromRequest over GetIndexRequest's strictExpandOpen, so a closed index can
 * be named and `expand_wildcards=closed` reaches it), its requested features in the order
 *   {"<index>": {"aliases": {...}, "mappings": {...}, "settings": {...}}}
 * `features` (GetIndexRequest.Feature.fromRequest) is a comma list of `aliases`, `mappings`, `settings` (any case;
 * all three when absent); GetIndexResponse writes all three objects whatever was asked, a feature not asked for as an
 * empty object. `flat_settings` writes the settings flat, `human` adds their human readable forms
 * (IndexMetadata.addHumanReadableSettings); `include_defaults` adds, after `settings` and when settings are asked
 * for, a `defaults` object of the settings the index leaves at their defaults (written only when not empty).
 */
import type { RestResponse } from '../../../protocol/es.ts'
import { illegalArgumentException } from '../../errors/index.ts'
import type { JsonOut } from '../../xcontent/index.ts'
import { mappingToJson } from '../../index/mapper/mapping-json.ts'
import {
  addHumanReadableSettings,
  defaultSettings,
  entriesToJson,
  flatSettings,
} from '../../index/index-metadata.ts'
import type { RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { resolveMetadataReadable } from './metadata-read.ts'
import { indicesOptionsFromRequest, STRICT_EXPAND_OPEN } from '../../cluster/metadata/indices-options.ts'
import { json } from '../responses.ts'
import { paramAsBoolean } from './rest-params.ts'
import { urlFlag } from '../../common/booleans.ts'
import { aliasesOf, aliasesToJson } from '../../cluster/metadata/alias-metadata.ts'

/** GetIndexRequest.Feature, in declaration order (DEFAULT_FEATURES). */
const FEATURES = ['aliases', 'mappings', 'settings'] as const
type Feature = (typeof FEATURES)[number]

/** GetIndexRequest.Feature.fromRequest: the named features, or all of them; unknown names are refused together. */
export function featuresFromRequest(param: string | undefined): ReadonlySet<Feature> {
  if (param === undefined) return new Set(FEATURES)
  const names = param.split(',')
  const invalid = names.filter((name) => !(FEATURES as readonly string[]).includes(name.toLowerCase()))
  if (invalid.length > 0) throw illegalArgumentException(`Invalid features specified [${invalid.join(',')}]`)
  return new Set(names.map((name) => name.toLowerCase() as Feature))
}

export function getIndex(context: RestContext, req: RestHandlerRequest): RestResponse {
  const flat = paramAsBoolean(req.params.get('flat_settings'))
  const human = urlFlag(req.params, 'human') === true
  const includeDefaults = paramAsBoolean(req.params.get('include_defaults'))
  const features = featuresFromRequest(req.params.get('features'))
  const options = indicesOptionsFromRequest(req.params, STRICT_EXPAND_OPEN)
  const body = new Map<string, JsonOut>()
  for (const { metadata } of resolveMetadataReadable(context, req.path.index, options)) {
    const settings = human ? addHumanReadableSettings(flatSettings(metadata)) : flatSettings(metadata)
    const entry = new Map<string, JsonOut>([
      ['aliases', features.has('aliases') ? aliasesToJson(aliasesOf(metadata)) : {}],
      ['mappings', features.has('mappings') ? mappingToJson(metadata.mapping) : {}],
      ['settings', features.has('settings') ? entriesToJson([...settings], flat) : {}],
    ])
    const defaults = defaultSettings(metadata)
    if (includeDefaults && features.has('settings') && defaults.length > 0)
      entry.set('defaults', entriesToJson(defaults, flat))
    body.set(metadata.name, entry)
  }
  return json(200, body)
}
