// The DFA of an NFA, built on demand by subset construction: a DFA state is the epsilon closure of a set
// of NFA states; its transition on a class id is computed the first time the scanner needs it and then
// read from a table. This gives JFlex's longest-match semantics with only the reachable states built.
// Layout: one flat Int32Array, `table[state * classCount + classId]`, the successor state, DEAD or UNKNOWN;
// `accepts[state]` the rule it accepts and `acceptMasks[state]` every rule it accepts (bit i for rule i < 32,
// for scanners whose rules carry trailing context). They grow by doubling as states are interned, so a scanner reads
// `table` and `accepts` again after every call of compute().
// Invariants: state 0 is the start state; DEAD (-1) is the empty set; accept is the lowest rule index
// among the set's accepting NFA states (-1 when none); UNKNOWN (-2) marks a transition not yet computed.
import type { Nfa } from './regex-nfa.ts'

export const DEAD = -1
export const UNKNOWN = -2

export class LazyDfa {
  private readonly sets: Int32Array[] = []
  private readonly ids = new Map<string, number>()
  /** Successors, row by state: UNKNOWN until computed. */
  table: Int32Array
  /** The rule each state accepts, or -1. */
  accepts: Int32Array
  /** Bit i set when the state accepts rule i (rules 0..31). */
  acceptMasks: Int32Array

  constructor(
    private readonly nfa: Nfa,
    readonly classCount: number,
  ) {
    this.table = new Int32Array(classCount * 16).fill(UNKNOWN)
    this.accepts = new Int32Array(16).fill(-1)
    this.acceptMasks = new Int32Array(16)
    this.intern(this.closure([nfa.start]))
  }

  /** Computes, stores and answers a transition not yet in the table. */
  compute(state: number, classId: number): number {
    const targets: number[] = []
    for (const nfaId of this.sets[state] ?? []) {
      const nfaState = this.nfa.states[nfaId]
      if (nfaState?.edgeClasses?.[classId]) targets.push(nfaState.edgeTarget)
    }
    const successor = targets.length === 0 ? DEAD : this.intern(this.closure(targets))
    this.table[state * this.classCount + classId] = successor
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
    if (id >= this.accepts.length) {
      const table = new Int32Array(this.table.length * 2).fill(UNKNOWN)
      table.set(this.table)
      this.table = table
      const accepts = new Int32Array(this.accepts.length * 2).fill(-1)
      accepts.set(this.accepts)
      this.accepts = accepts
      const masks = new Int32Array(this.acceptMasks.length * 2)
      masks.set(this.acceptMasks)
      this.acceptMasks = masks
    }
    let accept = -1
    let mask = 0
    for (const nfaId of set) {
      const rule = this.nfa.states[nfaId]?.accept ?? -1
      if (rule >= 0 && (accept < 0 || rule < accept)) accept = rule
      if (rule >= 0 && rule < 32) mask |= 1 << rule
    }
    this.accepts[id] = accept
    this.acceptMasks[id] = mask
    return id
  }
}
