/**
 * EnableAllocationDecider (`enable`), as ES 8 words it:
 * - canAllocate: the index's `index.routing.allocation.enable` when the index sets it, else the cluster's
 *   `cluster.routing.allocation.enable` (cluster-settings.ts), allows every allocation (`all`), only primaries
 *   (`primaries`: replicas stay unassigned and started replicas do not relocate), only primaries that are new
 *   (`new_primaries`: an unassigned primary not recovering from an existing store), or none (`none`);
 * - canRebalance of a shard: the index's `index.routing.rebalance.enable` when set, else the cluster's
 *   `cluster.routing.rebalance.enable`, lets every started copy rebalance (`all`), only primaries
 *   (`primaries`), only replicas (`replicas`) or none (`none`);
 * - canRebalance of the cluster (whether the balancer runs at all): NO only for a cluster `none` that no index
 *   overrides with a value other than `none`.
 * A NO's text names the setting that decided: `index setting [key=value]` or `cluster setting [key=value]`, the
 * value lower-cased. The index values were checked by the same parsers when they were set
 * (index-scoped-settings.ts).
 */
import { isActive } from '../state/shard-routing.ts'
import {
  ALLOCATION_ENABLE,
  allocationEnable,
  parseAllocationEnable,
  parseRebalanceEnable,
  REBALANCE_ENABLE,
  rebalanceEnable,
} from '../metadata/cluster-settings.ts'
import { esIndexMetadata } from '../metadata/es-index-metadata.ts'
import type { IndexMetadata as ClusterIndexMetadata } from '../state/cluster-state.ts'
import type {
  AllocateDecider,
  ClusterRebalanceDecider,
  Decision,
  RebalanceDecider,
} from './allocation-deciders.ts'

const decider = 'enable'
export const INDEX_ALLOCATION_ENABLE = 'index.routing.allocation.enable'
export const INDEX_REBALANCE_ENABLE = 'index.routing.rebalance.enable'

/** Setting.exists on the index's settings (a key kept as text, IndexMetadata.otherSettings): its value, or undefined. */
export function indexValue(metadata: ClusterIndexMetadata, key: string): string | undefined {
  const value = esIndexMetadata(metadata).otherSettings?.[key]
  return typeof value === 'string' ? value : undefined
}

/** The value in force for an index and the text naming the setting it came from. */
function inForce<T extends string>(
  indexKey: string,
  clusterKey: string,
  own: string | undefined,
  parse: (value: string) => T,
  cluster: () => T,
): { readonly enable: T; readonly setting: string } {
  const enable = own !== undefined ? parse(own) : cluster()
  const scope = own !== undefined ? `index setting [${indexKey}` : `cluster setting [${clusterKey}`
  return { enable, setting: `${scope}=${enable}]` }
}

export const enableAllocation: AllocateDecider = (allocation, copy) => {
  const { enable, setting } = inForce(
    INDEX_ALLOCATION_ENABLE,
    ALLOCATION_ENABLE,
    indexValue(allocation.metadata(copy.index), INDEX_ALLOCATION_ENABLE),
    parseAllocationEnable,
    () => allocationEnable(allocation.state),
  )
  switch (enable) {
    case 'all':
      return { decider, type: 'YES', explanation: 'all allocations are allowed' }
    case 'none':
      return { decider, type: 'NO', explanation: `no allocations are allowed due to ${setting}` }
    case 'new_primaries':
      return copy.primary && !isActive(copy) && copy.recoverySource !== 'EXISTING_STORE'
        ? { decider, type: 'YES', explanation: 'new primary allocations are allowed' }
        : {
            decider,
            type: 'NO',
            explanation: `non-new primary allocations are forbidden due to ${setting}`,
          }
    case 'primaries':
      return copy.primary
        ? { decider, type: 'YES', explanation: 'primary allocations are allowed' }
        : { decider, type: 'NO', explanation: `replica allocations are forbidden due to ${setting}` }
  }
}

export const enableRebalance: RebalanceDecider = (allocation, copy) => {
  const { enable, setting } = inForce(
    INDEX_REBALANCE_ENABLE,
    REBALANCE_ENABLE,
    indexValue(allocation.metadata(copy.index), INDEX_REBALANCE_ENABLE),
    parseRebalanceEnable,
    () => rebalanceEnable(allocation.state),
  )
  const no = (explanation: string): Decision => ({ decider, type: 'NO', explanation })
  switch (enable) {
    case 'all':
      return { decider, type: 'YES', explanation: 'all rebalancing is allowed' }
    case 'none':
      return no(`no rebalancing is allowed due to ${setting}`)
    case 'primaries':
      return copy.primary
        ? { decider, type: 'YES', explanation: 'primary rebalancing is allowed' }
        : no(`replica rebalancing is forbidden due to ${setting}`)
    case 'replicas':
      return copy.primary
        ? no(`primary rebalancing is forbidden due to ${setting}`)
        : { decider, type: 'YES', explanation: 'replica rebalancing is allowed' }
  }
}

export const enableRebalanceCluster: ClusterRebalanceDecider = (allocation) => {
  if (rebalanceEnable(allocation.state) !== 'none') {
    return { decider, type: 'YES', explanation: 'rebalancing is not globally disabled' }
  }
  const overridden = Object.values(allocation.state.metadata.indices).some((metadata) => {
    const own = indexValue(metadata, INDEX_REBALANCE_ENABLE)
    return own !== undefined && parseRebalanceEnable(own) !== 'none'
  })
  return overridden
    ? { decider, type: 'YES', explanation: 'rebalancing is permitted on one or more indices' }
    : {
        decider,
        type: 'NO',
        explanation: `no rebalancing is allowed due to cluster setting [${REBALANCE_ENABLE}=none]`,
      }
}
