// The DFA of an NFA, built on demand by subset construction: a DFA state is the epsilon closure of a set
// of NFA states; its transition on a class id is computed the first time the scanner needs it and then
// read from a table. This gives JFlex's longest-match semantics with only the reachable states built.
// Invariants: state 0 is the start state; DEAD (-1) is the empty set; accept is the lowest rule index
// among the set's accepting NFA states (-1 when none); UNKNOWN (-2) marks a transition not yet computed.
import type { Nfa } from './regex-nfa.ts'

export const DEAD = -1
const UNKNOWN = -2

export class LazyDfa {
  private readonly sets: Int32Array[] = []
  private readonly ids = new Map<string, number>()
  private readonly transitions: Int32Array[] = []
  private readonly accepts: number[] = []

  constructor(
    private readonly nfa: Nfa,
    private readonly classCount: number,
  ) {
    this.intern(this.closure([nfa.start]))
  }

  /** The rule a DFA state accepts, or -1. */
  accept(state: number): number {
    return this.accepts[state] ?? -1
  }

  /** The successor of a state on a class id, or DEAD. */
  next(state: number, classId: number): number {
    const row = this.transitions[state]
    if (!row) return DEAD
    const known = row[classId] ?? DEAD
    if (known !== UNKNOWN) return known
    const targets: number[] = []
    for (const nfaId of this.sets[state] ?? []) {
      const nfaState = this.nfa.states[nfaId]
      if (nfaState?.edgeClasses?.[classId]) targets.push(nfaState.edgeTarget)
    }
    const successor = targets.length === 0 ? DEAD : this.intern(this.closure(targets))
    row[classId] = successor
    return successor
  }

  private closure(seeds: readonly number[]): Int32Array {
    const seen = new Set<number>()
    const stack = [...seeds]
    while (stack.length > 0) {
      const id = stack.pop() ?? 0
      if (seen.has(id)) continue
      seen.add(id)
      for (const successor of this.nfa.states[id]?.epsilon ?? []) stack.push(successor)
    }
    return Int32Array.from(seen).sort()
  }

  private intern(set: Int32Array): number {
    const key = set.join(',')
    const existing = this.ids.get(key)
    if (existing !== undefined) return existing
    const id = this.sets.length
    this.sets.push(set)
    this.ids.set(key, id)
    this.transitions.push(new Int32Array(this.classCount).fill(UNKNOWN))
    let accept = -1
    for (const nfaId of set) {
      const rule = this.nfa.states[nfaId]?.accept ?? -1
      if (rule >= 0 && (accept < 0 || rule < accept)) accept = rule
    }
    this.accepts.push(accept)
    return id
  }
}
