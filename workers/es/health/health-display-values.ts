/**
 * HealthIndicatorDisplayValues (ES 8.17): the words and lists the health indicators print: indices ordered by
 * index.priority (highest first) then name, a list truncated to 10 with `, ...`, and the singular or plural forms
 * ("index"/"indices", "is"/"are", "this"/"these", "node"/"nodes", "resides"/"reside").
 */
import type { ClusterState } from '../cluster/state/cluster-state.ts'
import { esIndexMetadata } from '../cluster/metadata/es-index-metadata.ts'

/** IndexMetadata.priority: index.priority, 1 by default. */
function priority(state: ClusterState, index: string): number {
  const cluster = state.metadata.indices[index]
  if (cluster === undefined) return -1
  const value = esIndexMetadata(cluster).otherSettings?.['index.priority']
  return typeof value === 'string' ? Number(value) : 1
}

/** HealthIndicatorDisplayValues.indicesComparatorByPriorityAndName. */
export function byPriorityAndName(state: ClusterState, indices: Iterable<string>): string[] {
  return [...indices].sort((a, b) => priority(state, b) - priority(state, a) || (a < b ? -1 : a > b ? 1 : 0))
}

/** HealthIndicatorDisplayValues.getTruncatedIndices: at most 10, `, ...` after them when there are more. */
export function truncatedIndices(state: ClusterState, indices: ReadonlySet<string>): string {
  const shown = byPriorityAndName(state, indices).slice(0, 10).join(', ')
  return indices.size > 10 ? `${shown}, ...` : shown
}

/** HealthIndicatorDisplayValues.indices. */
export function indicesWord(count: number): string {
  return count === 1 ? 'index' : 'indices'
}

/** HealthIndicatorDisplayValues.are. */
export function are(count: number): string {
  return count === 1 ? 'is' : 'are'
}

/** HealthIndicatorDisplayValues.these. */
export function these(count: number): string {
  return count === 1 ? 'this' : 'these'
}

/** HealthIndicatorDisplayValues.regularNoun: the noun with an `s` for any count but 1. */
export function regularNoun(noun: string, count: number): string {
  return count === 1 ? noun : `${noun}s`
}

/** HealthIndicatorDisplayValues.regularVerb: the verb with an `s` for a count of 1. */
export function regularVerb(verb: string, count: number): string {
  return count === 1 ? `${verb}s` : verb
}
