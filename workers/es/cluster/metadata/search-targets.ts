/**
 * Which indices a search reads, through which alias filter, on which shards: IndexNameExpressionResolver's
 * filteringAliases and resolveSearchRouting, then OperationRouting.searchShards, over the indices' metadata.
 *
 * Alias filters (filteringAliases, IndicesService.buildAliasFilter): an index that the expression names
 * itself (or a pattern matches), or that `_all` names, is read unfiltered; so is an index reached through
 * any alias without a filter. Otherwise the filters of the aliases that reach it apply: one filter as it is,
 * several ORed as `{"bool":{"should":[...]}}` in alias name order. The filter is carried as compact JSON
 * text and ANDed with the query as a FILTER clause on each shard (search-request.ts: filteredQuery).
 *
 * Routing (resolveSearchRouting): the request's `routing` is a comma list of values. An index named itself,
 * or through an alias without search_routing, takes the request's values (all its shards without them).
 * An alias with search_routing gives its values, intersected with the request's when both are given; an
 * empty intersection leaves the index unrouted (all its shards), as ES does. Aliases matched by a pattern
 * do not route. The shards read are those the routing values hash to, ascending; every shard without routing.
 */
import type { IndexMetadata } from '../../index/index-metadata.ts'
import { shardId } from '../routing/operation-routing.ts'
import { RawJson, toJson } from '../../xcontent/index.ts'
import { aliasesOf } from './alias-metadata.ts'
import {
  aliasesLookup,
  concreteIndexNames,
  resolveExpression,
  type ResolvedExpression,
} from './index-abstraction.ts'
import { STRICT_EXPAND_OPEN_FORBID_CLOSED, type IndicesOptions } from './indices-options.ts'

export interface SearchTarget {
  readonly index: string
  /** The shard numbers read, ascending. */
  readonly shards: readonly number[]
  /** The alias filter (compact JSON of a query), or null when the index is read unfiltered. */
  readonly filter: string | null
}

/**
 * The search targets of `expression` in index name order; `routing` is the request's `routing` parameter, `options`
 * the request's IndicesOptions (a search's: strictExpandOpenAndForbidClosed with its parameters, indices-options.ts).
 */
export function searchTargets(
  indices: readonly IndexMetadata[],
  expression: string | undefined,
  routing: string | null,
  options: IndicesOptions = STRICT_EXPAND_OPEN_FORBID_CLOSED,
): SearchTarget[] {
  const resolved = resolveExpression(indices, expression, options)
  const byName = new Map(indices.map((metadata) => [metadata.name, metadata]))
  const routings = searchRouting(indices, resolved, routing)
  return concreteIndexNames(indices, expression, options).map((name) => {
    const metadata = byName.get(name)!
    const values = routings.get(name)
    return {
      index: name,
      shards: values === undefined ? allShards(metadata) : routedShards(metadata, values),
      filter: resolved === null ? null : aliasFilter(metadata, resolved),
    }
  })
}

function allShards(metadata: IndexMetadata): number[] {
  return Array.from({ length: metadata.numberOfShards }, (_, shard) => shard)
}

function routedShards(metadata: IndexMetadata, values: ReadonlySet<string>): number[] {
  const { numberOfShards, routingNumShards } = metadata
  const shards = new Set([...values].map((value) => shardId(value, value, numberOfShards, routingNumShards)))
  return [...shards].sort((a, b) => a - b)
}

/** filteringAliases + buildAliasFilter for one index of the search. */
function aliasFilter(metadata: IndexMetadata, resolved: ResolvedExpression): string | null {
  if (resolved.indices.has(metadata.name)) return null
  const aliases = aliasesOf(metadata)
  const reaching = Object.keys(aliases)
    .filter((alias) => resolved.namedAliases.has(alias) || resolved.patternAliases.has(alias))
    .sort()
  const filters: string[] = []
  for (const alias of reaching) {
    const filter = aliases[alias]!.filter
    if (filter === undefined) return null
    filters.push(filter)
  }
  if (filters.length === 0) return null
  if (filters.length === 1) return filters[0]!
  return toJson({ bool: { should: filters.map((filter) => new RawJson(filter)) } })
}

/** resolveSearchRouting: the routing values by concrete index; an index absent is searched on every shard. */
function searchRouting(
  indices: readonly IndexMetadata[],
  resolved: ResolvedExpression | null,
  routing: string | null,
): Map<string, Set<string>> {
  const requested = routing === null ? null : new Set(commaList(routing))
  const routings = new Map<string, Set<string>>()
  if (resolved === null) {
    if (requested !== null) for (const metadata of indices) routings.set(metadata.name, requested)
    return routings
  }
  const unrouted = new Set<string>()
  const takeRequested = (index: string): void => {
    if (unrouted.has(index)) return
    unrouted.add(index)
    if (requested !== null) routings.set(index, new Set(requested))
    else routings.delete(index)
  }
  const lookup = aliasesLookup(indices)
  for (const alias of resolved.namedAliases) {
    for (const member of lookup.get(alias)!.members) {
      if (unrouted.has(member.index)) continue
      const searchRoutingValue = member.alias.searchRouting
      if (searchRoutingValue === undefined) {
        takeRequested(member.index)
        continue
      }
      const values = routings.get(member.index) ?? new Set<string>()
      commaList(searchRoutingValue).forEach((value) => values.add(value))
      if (requested !== null) for (const value of values) if (!requested.has(value)) values.delete(value)
      if (values.size === 0) routings.delete(member.index)
      else routings.set(member.index, values)
    }
  }
  for (const index of resolved.indices) takeRequested(index)
  // Aliases matched by a pattern stand for their indices, which take the request's routing.
  for (const alias of resolved.patternAliases) {
    lookup.get(alias)!.members.forEach((member) => takeRequested(member.index))
  }
  return routings
}

/** Strings.splitStringByCommaToArray: the non-empty parts between commas. */
function commaList(text: string): string[] {
  return text.split(',').filter((part) => part !== '')
}
