/**
 * The synonyms sets of the cluster, kept in the cluster state's metadata (`metadata.synonymsSets`, set id → its
 * rules sorted by rule id) where ES 8.17 keeps them as documents of the `.synonyms-2` system index
 * (SynonymsManagementAPIService); the state persists with the rest of the metadata. The state changes here are
 * the master's side of the synonyms APIs, with SynonymsManagementAPIService's limits and errors:
 * - a set holds at most 10,000 rules: a PUT of more is "The number of synonyms rules in a synonym set cannot
 *   exceed 10000", a rule added to a full set "The number of synonym rules in a synonyms set cannot exceed 10000";
 * - a missing set is resource_not_found_exception "synonyms set [x] not found"; a missing rule "synonym rule [r]
 *   not found on synonyms set [x]" when deleted.
 * Rules are kept sorted by id (their UTF-8 bytes, as the `id` keyword sort of getSynonymSetRules orders them);
 * a set given the same rule id twice keeps the last, as the bulk that indexes them does.
 */
import type { ClusterState } from '../cluster/state/cluster-state.ts'
import { illegalArgumentException, type EsException } from '../errors/index.ts'
import { resourceNotFoundException } from '../cluster/metadata/metadata-errors.ts'
import { compareUtf8 } from '../index/mapper/doc-values.ts'
import type { SynonymRule } from './synonym-rule.ts'

/** SynonymsManagementAPIService.MAX_SYNONYMS_SETS: the most rules a set holds. */
export const MAX_SYNONYM_RULES = 10_000

export type SynonymsSets = Readonly<Record<string, readonly SynonymRule[]>>

export function synonymsSets(state: ClusterState): SynonymsSets {
  return state.metadata.synonymsSets ?? {}
}

export function synonymsSetNotFound(id: string): EsException {
  return resourceNotFoundException(`synonyms set [${id}] not found`)
}

/** The rules of a set, sorted by id; resource_not_found_exception when there is no such set. */
export function synonymsSet(state: ClusterState, id: string): readonly SynonymRule[] {
  const sets = synonymsSets(state)
  if (!Object.hasOwn(sets, id)) throw synonymsSetNotFound(id)
  return sets[id]!
}

function withSets(state: ClusterState, sets: SynonymsSets): ClusterState {
  return { ...state, metadata: { ...state.metadata, synonymsSets: sets } }
}

function sortedById(rules: Iterable<SynonymRule>): SynonymRule[] {
  const byId = new Map<string, SynonymRule>()
  for (const rule of rules) byId.set(rule.id, rule)
  return [...byId.values()].sort((a, b) => compareUtf8(a.id, b.id))
}

/** SynonymsManagementAPIService.putSynonymsSet: the set replaced by `rules` (created when missing). */
export function putSynonymsSet(state: ClusterState, id: string, rules: readonly SynonymRule[]): ClusterState {
  if (rules.length > MAX_SYNONYM_RULES) {
    throw illegalArgumentException(
      `The number of synonyms rules in a synonym set cannot exceed ${MAX_SYNONYM_RULES}`,
    )
  }
  return withSets(state, { ...synonymsSets(state), [id]: sortedById(rules) })
}

/** SynonymsManagementAPIService.putSynonymRule: the rule of that id added to the set or replaced in it. */
export function putSynonymRule(state: ClusterState, setId: string, rule: SynonymRule): ClusterState {
  const others = synonymsSet(state, setId).filter((existing) => existing.id !== rule.id)
  if (others.length >= MAX_SYNONYM_RULES) {
    throw illegalArgumentException(
      `The number of synonym rules in a synonyms set cannot exceed ${MAX_SYNONYM_RULES}`,
    )
  }
  return withSets(state, { ...synonymsSets(state), [setId]: sortedById([...others, rule]) })
}

/** SynonymsManagementAPIService.deleteSynonymRule: the set without that rule (an emptied set stays). */
export function deleteSynonymRule(state: ClusterState, setId: string, ruleId: string): ClusterState {
  const rules = synonymsSet(state, setId)
  if (!rules.some((rule) => rule.id === ruleId)) {
    throw resourceNotFoundException(`synonym rule [${ruleId}] not found on synonyms set [${setId}]`)
  }
  const kept = rules.filter((rule) => rule.id !== ruleId)
  return withSets(state, { ...synonymsSets(state), [setId]: kept })
}

/** The objects of deleteSynonymsSetObjects gone: the set and its rules (the in-use check is the caller's). */
export function deleteSynonymsSet(state: ClusterState, id: string): ClusterState {
  synonymsSet(state, id)
  const sets = { ...synonymsSets(state) }
  delete sets[id]
  return withSets(state, sets)
}
