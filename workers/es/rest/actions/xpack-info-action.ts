/**
 * `GET /_xpack` (RestXPackInfoAction, TransportXPackInfoAction, XPackInfoResponse of ES 8.17), answered from this
 * node's applied cluster state without waiting for a master:
 *   {"build":{"hash","date"},"license":{"uid","type","mode","status"[,"expiry_date_in_millis"]},
 *    "features":{<name>:{"available","enabled"}, ... by name},"tagline":"You know, for X"}
 * - `categories` (comma-separated `build`, `license`, `features`, `_all` or `_none`; default `_all`) picks the
 *   sections; a name that is none of them fails as Java's Category.valueOf does. With the license asked for but not
 *   yet generated, `license` is null.
 * - `human=false` drops the tagline (the API's "verbose" flag); `accept_enterprise` draws its deprecation warning
 *   and may not be false.
 * - The basic license never expires: its expiry is left out. Features: license/xpack-features.ts.
 */
import type { RestResponse } from '../../../protocol/es.ts'
import { illegalArgumentException } from '../../errors/index.ts'
import type { JsonOut } from '../../xcontent/index.ts'
import { urlFlag } from '../../common/booleans.ts'
import { licenseStatus, type License } from '../../license/license.ts'
import { featureAvailable, XPACK_FEATURES } from '../../license/xpack-features.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { guarded, json, withWarnings } from '../responses.ts'
import { ACCEPT_ENTERPRISE_DEPRECATION } from './license-actions.ts'
import { ES_VERSION } from './root-action.ts'

type Category = 'build' | 'license' | 'features'

const CATEGORIES: readonly Category[] = ['build', 'license', 'features']

export function registerXPackInfoAction(controller: RestController, context: RestContext): void {
  controller.register('GET', '/_xpack', (req) => guarded(() => xpackInfo(context, req)), 'xpack.info')
}

function xpackInfo(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const warnings: string[] = []
  if (req.params.has('accept_enterprise')) {
    warnings.push(ACCEPT_ENTERPRISE_DEPRECATION)
    if (urlFlag(req.params, 'accept_enterprise') === false) {
      throw illegalArgumentException('The [accept_enterprise] parameters may not be false')
    }
  }
  const verbose = urlFlag(req.params, 'human') ?? true
  const categories = categorySet(
    (req.params.get('categories') ?? '_all').split(',').filter((name) => name !== ''),
  )
  const state = context.client.cluster.state()
  const license = state.metadata.license?.license ?? null
  const body = new Map<string, JsonOut>()
  if (categories.has('build')) body.set('build', { hash: ES_VERSION.build_hash, date: ES_VERSION.build_date })
  if (categories.has('license')) {
    const human = urlFlag(req.params, 'human') === true
    body.set('license', license === null ? null : licenseInfo(license, context.clock.now(), human))
  }
  if (categories.has('features')) {
    const sorted = [...XPACK_FEATURES].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    const features = sorted.map((feature): [string, JsonOut] => [
      feature.name,
      { available: featureAvailable(feature, license?.type ?? null), enabled: feature.enabled },
    ])
    body.set('features', new Map(features))
  }
  if (verbose) body.set('tagline', 'You know, for X')
  return Promise.resolve(withWarnings(json(200, body), warnings))
}

/** XPackInfoRequest.Category.toSet: `_all` or `_none` wins where it stands; other names are the enum's. */
function categorySet(names: readonly string[]): Set<Category> {
  const set = new Set<Category>()
  for (const name of names) {
    if (name === '_all') return new Set(CATEGORIES)
    if (name === '_none') return new Set()
    const category = CATEGORIES.find((c) => c === name.toLowerCase())
    if (category === undefined) {
      throw illegalArgumentException(
        `No enum constant org.elasticsearch.protocol.xpack.XPackInfoRequest.Category.${name.toUpperCase()}`,
      )
    }
    set.add(category)
  }
  return set
}

/**
 * XPackInfoResponse.LicenseInfo: mode is the type's operation mode; a license that never expires shows no expiry,
 * another its expiry as XContentBuilder.timeField writes it (the readable form under `?human`).
 */
function licenseInfo(license: License, now: number, human: boolean): JsonOut {
  const out = new Map<string, JsonOut>([
    ['uid', license.uid],
    ['type', license.type],
    ['mode', license.type],
    ['status', licenseStatus(license, now)],
  ])
  if (license.expiryDateMillis !== null) {
    if (human) out.set('expiry_date', new Date(license.expiryDateMillis).toISOString())
    out.set('expiry_date_in_millis', license.expiryDateMillis)
  }
  return out
}
