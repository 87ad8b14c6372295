/**
 * FilterAllocationDecider (`filter`) with DiscoveryNodeFilters: the cluster settings
 * `cluster.routing.allocation.require.*` (every attribute must match), `.include.*` (some attribute must
 * match) and `.exclude.*` (no attribute may match) decide both where a copy may go (canAllocate) and
 * whether a started copy may stay where it is (canRemain: an excluded node is drained, its copies move
 * off). An attribute's value is a comma-separated list of `*` patterns; `_name` (or `name`) matches the
 * node's name, `_id` its id and any other name the node's attribute of that name (`node.attr.*`), which a node
 * without it does not match. The nodes have no host or IP filters (`_host`, `_ip`, ...): those match no node. Texts and the filters' rendering (`_name:"es-node-3"`) are ES 8's.
 */
import type { DiscoveryNode } from '../state/discovery-node.ts'
import { simpleMatch } from '../../common/simple-match.ts'
import { allocationFilters, type FilterGroup } from '../metadata/cluster-settings.ts'
import type { AllocateDecider, Decision } from './allocation-deciders.ts'
import type { RoutingAllocation } from './routing-allocation.ts'

type Filters = ReadonlyArray<[string, string[]]>

/** DiscoveryNodeFilters.match, AND (require) or OR (include, exclude). */
function matches(filters: Filters, node: DiscoveryNode, and: boolean): boolean {
  for (const [attribute, values] of filters) {
    const own =
      attribute === '_name' || attribute === 'name'
        ? node.name
        : attribute === '_id'
          ? node.id
          : Object.hasOwn(node.attributes, attribute)
            ? node.attributes[attribute]!
            : null
    if (own === null) {
      if (and) return false
      continue
    }
    for (const value of values) {
      if (simpleMatch(value, own)) {
        if (!and) return true
      } else if (and) return false
    }
  }
  return and
}

/** DiscoveryNodeFilters.toString. */
function filtersText(filters: Filters): string {
  return filters.map(([attribute, values]) => `${attribute}:"${values.join(',')}"`).join(',')
}

function groupDecision(
  allocation: RoutingAllocation,
  node: DiscoveryNode,
  group: FilterGroup,
): Decision | null {
  const filters = allocationFilters(allocation.state, group)
  if (filters.length === 0) return null
  const prefix = `cluster.routing.allocation.${group}`
  const text = filtersText(filters)
  const decider = 'filter'
  if (group === 'require' && !matches(filters, node, true))
    return {
      decider,
      type: 'NO',
      explanation: `node does not match cluster setting [${prefix}] filters [${text}]`,
    }
  // ES's own wording for include lacks "match".
  if (group === 'include' && !matches(filters, node, false))
    return { decider, type: 'NO', explanation: `node does not cluster setting [${prefix}] filters [${text}]` }
  if (group === 'exclude' && matches(filters, node, false))
    return { decider, type: 'NO', explanation: `node matches cluster setting [${prefix}] filters [${text}]` }
  return null
}

/** shouldFilter: the same answer for canAllocate and canRemain. */
export const filterAllocation: AllocateDecider = (allocation, _copy, node) =>
  groupDecision(allocation, node, 'require') ??
  groupDecision(allocation, node, 'include') ??
  groupDecision(allocation, node, 'exclude') ?? {
    decider: 'filter',
    type: 'YES',
    explanation: 'node passes include/exclude/require filters',
  }
