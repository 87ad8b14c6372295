/**
 * EnableAllocationDecider (`enable`), as ES 8 words it:
 * - canAllocate: `cluster.routing.allocation.enable` (cluster-settings.ts) allows every allocation (`all`), only
 *   primaries (`primaries`: replicas stay unassigned and started replicas do not relocate), only primaries that are
 *   new (`new_primaries`: an unassigned primary not recovering from an existing store), or none (`none`);
 * - canRebalance of a shard: `cluster.routing.rebalance.enable` lets every started copy rebalance (`all`), only
 *   primaries (`primaries`), only replicas (`replicas`) or none (`none`);
 * - canRebalance of the cluster (whether the balancer runs at all): NO only for `none`.
 * The index-level `index.routing.allocation.enable` and `index.routing.rebalance.enable` are kept without effect
 * (index-scoped-settings.ts), so the cluster settings always decide.
 */
import { isActive } from '../state/shard-routing.ts'
import {
  ALLOCATION_ENABLE,
  allocationEnable,
  REBALANCE_ENABLE,
  rebalanceEnable,
} from '../metadata/cluster-settings.ts'
import type {
  AllocateDecider,
  ClusterRebalanceDecider,
  Decision,
  RebalanceDecider,
} from './allocation-deciders.ts'

const decider = 'enable'

export const enableAllocation: AllocateDecider = (allocation, copy) => {
  const enable = allocationEnable(allocation.state)
  const setting = `cluster setting [${ALLOCATION_ENABLE}=${enable}]`
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

function rebalanceSetting(enable: string): string {
  return `cluster setting [${REBALANCE_ENABLE}=${enable}]`
}

export const enableRebalance: RebalanceDecider = (allocation, copy) => {
  const enable = rebalanceEnable(allocation.state)
  const no = (explanation: string): Decision => ({ decider, type: 'NO', explanation })
  switch (enable) {
    case 'all':
      return { decider, type: 'YES', explanation: 'all rebalancing is allowed' }
    case 'none':
      return no(`no rebalancing is allowed due to ${rebalanceSetting(enable)}`)
    case 'primaries':
      return copy.primary
        ? { decider, type: 'YES', explanation: 'primary rebalancing is allowed' }
        : no(`replica rebalancing is forbidden due to ${rebalanceSetting(enable)}`)
    case 'replicas':
      return copy.primary
        ? no(`primary rebalancing is forbidden due to ${rebalanceSetting(enable)}`)
        : { decider, type: 'YES', explanation: 'replica rebalancing is allowed' }
  }
}

export const enableRebalanceCluster: ClusterRebalanceDecider = (allocation) =>
  rebalanceEnable(allocation.state) === 'none'
    ? { decider, type: 'NO', explanation: `no rebalancing is allowed due to ${rebalanceSetting('none')}` }
    : { decider, type: 'YES', explanation: 'rebalancing is not globally disabled' }
