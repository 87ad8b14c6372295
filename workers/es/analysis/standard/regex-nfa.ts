// A small regular-expression algebra over a finite alphabet of class ids, compiled to a Thompson NFA.
// It is what JFlex does with a grammar's rules before building its DFA, reduced to what
// StandardTokenizerImpl.jflex needs: character sets, concatenation, alternation, *, +, ?.
// Invariants: compile() creates fresh states for every occurrence of a node, so one Regex value may be
// reused in many places; each rule's final state accepts with the rule's index (lower index wins a tie,
// as the first-listed rule does in JFlex).

export type Regex =
  | { readonly kind: 'set'; readonly classes: readonly boolean[] }
  | { readonly kind: 'seq' | 'alt'; readonly parts: readonly Regex[] }
  | { readonly kind: 'star' | 'plus' | 'opt'; readonly inner: Regex }

export const seq = (...parts: Regex[]): Regex => ({ kind: 'seq', parts })
export const alt = (...parts: Regex[]): Regex => ({ kind: 'alt', parts })
export const star = (inner: Regex): Regex => ({ kind: 'star', inner })
export const plus = (inner: Regex): Regex => ({ kind: 'plus', inner })
export const opt = (inner: Regex): Regex => ({ kind: 'opt', inner })

/** One NFA state: epsilon successors, at most one class-set edge, and the rule it accepts (-1: none). */
export interface NfaState {
  readonly epsilon: number[]
  edgeClasses: readonly boolean[] | null
  edgeTarget: number
  accept: number
}

export interface Nfa {
  readonly states: readonly NfaState[]
  readonly start: number
}

/** Builds one NFA whose start state branches to every rule; rule i accepts with value i. */
export function compileRules(rules: readonly Regex[]): Nfa {
  const states: NfaState[] = []
  const newState = (): number => {
    states.push({ epsilon: [], edgeClasses: null, edgeTarget: -1, accept: -1 })
    return states.length - 1
  }
  const state = (id: number): NfaState => {
    const found = states[id]
    if (!found) throw new Error(`NFA state ${id} does not exist`)
    return found
  }
  // Returns [entry, exit] of a fresh fragment for the node.
  const compile = (node: Regex): [number, number] => {
    const entry = newState()
    const exit = newState()
    switch (node.kind) {
      case 'set': {
        const from = state(entry)
        from.edgeClasses = node.classes
        from.edgeTarget = exit
        break
      }
      case 'seq': {
        let previous = entry
        for (const part of node.parts) {
          const [partEntry, partExit] = compile(part)
          state(previous).epsilon.push(partEntry)
          previous = partExit
        }
        state(previous).epsilon.push(exit)
        break
      }
      case 'alt':
        for (const part of node.parts) {
          const [partEntry, partExit] = compile(part)
          state(entry).epsilon.push(partEntry)
          state(partExit).epsilon.push(exit)
        }
        break
      default: {
        const [innerEntry, innerExit] = compile(node.inner)
        state(entry).epsilon.push(innerEntry)
        state(innerExit).epsilon.push(exit)
        if (node.kind !== 'plus') state(entry).epsilon.push(exit)
        if (node.kind !== 'opt') state(innerExit).epsilon.push(innerEntry)
      }
    }
    return [entry, exit]
  }
  const start = newState()
  rules.forEach((rule, index) => {
    const [entry, exit] = compile(rule)
    state(start).epsilon.push(entry)
    state(exit).accept = index
  })
  return { states, start }
}
