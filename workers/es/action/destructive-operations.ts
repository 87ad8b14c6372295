/**
 * DestructiveOperations.failDestructive: while the cluster setting action.destructive_requires_name is true
 * (ES 8's default), an index expression that uses `_all` or a `*` pattern is refused for the destructive
 * index actions (delete index, _close, _open) with "Wildcard expressions or all indices are not allowed"; the
 * match-none expression `*,-*` passes.
 */
import type { ClusterState } from '../cluster/state/cluster-state.ts'
import { destructiveRequiresName } from '../cluster/metadata/cluster-settings.ts'
import { illegalArgumentException } from '../errors/index.ts'

/** Whether an expression names indices by `_all` or a pattern (DestructiveOperations.hasWildcardUsage). */
export function hasWildcardUsage(expression: string): boolean {
  return expression.split(',').some((name) => name === '_all' || name.includes('*'))
}

/** MATCH_NONE_PATTERN: `*,-*` names nothing, so it is not refused. */
const isMatchNone = (expression: string): boolean => expression === '*,-*'

export function failDestructive(state: ClusterState, expression: string): void {
  if (hasWildcardUsage(expression) && !isMatchNone(expression) && destructiveRequiresName(state)) {
    throw illegalArgumentException('Wildcard expressions or all indices are not allowed')
  }
}
