/**
 * EnableAllocationDecider's canAllocate (`enable`), as ES 8 words it: `cluster.routing.allocation.enable`
 * (cluster-settings.ts) allows every allocation (`all`), only primaries (`primaries`: replicas stay
 * unassigned and started replicas do not relocate), only primaries that are new (`new_primaries`: an
 * unassigned primary not recovering from an existing store), or none (`none`). The index-level
 * `index.routing.allocation.enable` is not kept here, so the cluster setting always decides.
 */
import { isActive } from '../state/shard-routing.ts'
import { ALLOCATION_ENABLE, allocationEnable } from '../metadata/cluster-settings.ts'
import type { AllocateDecider } from './allocation-deciders.ts'

export const enableAllocation: AllocateDecider = (allocation, copy) => {
  const decider = 'enable'
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
