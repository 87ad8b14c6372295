/**
 * The X-Pack feature sets of an ES 8.17 node as the info API (`GET _xpack`) reports them: one entry per
 * XPackInfoFeatureAction.ALL action, each answered by its feature's *InfoTransportAction.
 *
 * - `available` is the feature's license check: the features of the basic license are always available, the others
 *   (graph, ml, ccr, watcher, ...) need a paid or trial license. Before the master has generated the cluster's
 *   license a node's XPackLicenseState is still its initial one, an active trial, so every feature is available.
 * - `enabled` is the feature's node setting at its default, as the nodes of the playground start: every feature is
 *   enabled except security (the nodes run as with `xpack.security.enabled: false`: plain HTTP, no users) and logsdb
 *   (`cluster.logsdb.enabled` defaults to false in 8.x).
 */
import type { LicenseType } from './license.ts'

export interface XPackFeature {
  readonly name: string
  /** Available under the basic license. */
  readonly basic: boolean
  readonly enabled: boolean
}

const feature = (name: string, basic: boolean, enabled = true): XPackFeature => ({ name, basic, enabled })

/** XPackInfoFeatureAction.ALL of 8.17, in its order. */
export const XPACK_FEATURES: readonly XPackFeature[] = [
  feature('security', true, false),
  feature('monitoring', true),
  feature('watcher', false),
  feature('graph', false),
  feature('ml', false),
  feature('logstash', false),
  feature('eql', true),
  feature('esql', true),
  feature('sql', true),
  feature('rollup', true),
  feature('ilm', true),
  feature('slm', true),
  feature('ccr', false),
  feature('transform', true),
  feature('voting_only', true),
  feature('frozen_indices', true),
  feature('spatial', true),
  feature('analytics', true),
  feature('enrich', true),
  feature('searchable_snapshots', false),
  feature('data_streams', true),
  feature('data_tiers', true),
  feature('aggregate_metric', true),
  feature('archive', false),
  feature('enterprise_search', false),
  feature('universal_profiling', false),
  feature('logsdb', true, false),
]

/** Whether the feature is available under the cluster's license (null: none generated yet, an active trial). */
export function featureAvailable(feature: XPackFeature, license: LicenseType | null): boolean {
  return feature.basic || license !== 'basic'
}
