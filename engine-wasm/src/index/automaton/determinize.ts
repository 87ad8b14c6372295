/**
 * Subset construction from an Nfa fragment to a Dfa, as Lucene's Operations.determinize, with its guard: more
 * than maxDeterminizedStates states throws TooComplexToDeterminizeError (Elasticsearch's default limit is 10000).
 * Also complement and intersection over Dfas (RegExp's `~` and `&`), and the Dfa's program bytes for index.wasm
 * (format in engine-wasm/assembly/index/automaton.ts).
 * Dfa invariants: state 0 is the start; each state's transitions are sorted, disjoint code point ranges; a missing
 * range means reject (the Dfa is partial).
 */
import type { ByteWriter } from '../byte-writer.ts'
import { MAX_CODE_POINT, type Edge, type Fragment, type Nfa } from './nfa.ts'

export interface DfaState {
  accept: boolean
  transitions: Edge[]
}

export type Dfa = DfaState[]

/** Whether `dfa` accepts `term`, read as code points (Lucene's CharacterRunAutomaton.run). */
export function runDfa(dfa: Dfa, term: string): boolean {
  let state = 0
  for (const char of term) {
    const code = char.codePointAt(0)!
    const edge = dfa[state]!.transitions.find((t) => t.min <= code && code <= t.max)
    if (edge === undefined) return false
    state = edge.to
  }
  return dfa[state]!.accept
}

export class TooComplexToDeterminizeError extends Error {
  override readonly name = 'TooComplexToDeterminizeError'
}

function closure(nfa: Nfa, seeds: Iterable<number>): number[] {
  const seen = new Set<number>(seeds)
  const stack = [...seen]
  for (let s = stack.pop(); s !== undefined; s = stack.pop()) {
    for (const next of nfa.epsilons[s]!) {
      if (!seen.has(next)) {
        seen.add(next)
        stack.push(next)
      }
    }
  }
  return [...seen].sort((a, b) => a - b)
}

function countTransitions(nfa: Nfa): number {
  return nfa.edges.reduce((sum, list, s) => sum + list.length + nfa.epsilons[s]!.length, 0)
}

export function determinize(nfa: Nfa, fragment: Fragment, maxDeterminizedStates: number): Dfa {
  const dfa: Dfa = []
  const ids = new Map<string, number>()
  const sets: number[][] = []
  const add = (set: number[]): number => {
    const key = set.join(',')
    const known = ids.get(key)
    if (known !== undefined) return known
    if (dfa.length >= maxDeterminizedStates) {
      throw new TooComplexToDeterminizeError(
        `Determinizing automaton with ${nfa.epsilons.length} states and ${countTransitions(nfa)} transitions ` +
          `would result in more than ${maxDeterminizedStates} states.`,
      )
    }
    ids.set(key, dfa.length)
    sets.push(set)
    dfa.push({ accept: set.includes(fragment.end), transitions: [] })
    return dfa.length - 1
  }
  add(closure(nfa, [fragment.start]))
  for (let d = 0; d < dfa.length; d++) {
    const edges = sets[d]!.flatMap((s) => nfa.edges[s]!)
    const cuts = [...new Set(edges.flatMap((e) => [e.min, e.max + 1]))].sort((a, b) => a - b)
    for (let i = 0; i + 1 < cuts.length; i++) {
      const lo = cuts[i]!
      const hi = cuts[i + 1]! - 1
      const targets = edges.filter((e) => e.min <= lo && e.max >= hi).map((e) => e.to)
      if (targets.length === 0) continue
      const to = add(closure(nfa, targets))
      const transitions = dfa[d]!.transitions
      const last = transitions[transitions.length - 1]
      if (last && last.to === to && last.max + 1 === lo) last.max = hi
      else transitions.push({ min: lo, max: hi, to })
    }
  }
  return dfa
}

/** Every code point string the Dfa rejects. */
export function complement(dfa: Dfa): Dfa {
  const sink = dfa.length
  const out: Dfa = dfa.map((state) => {
    const transitions: Edge[] = []
    let next = 0
    for (const t of state.transitions) {
      if (t.min > next) transitions.push({ min: next, max: t.min - 1, to: sink })
      transitions.push({ ...t })
      next = t.max + 1
    }
    if (next <= MAX_CODE_POINT) transitions.push({ min: next, max: MAX_CODE_POINT, to: sink })
    return { accept: !state.accept, transitions }
  })
  out.push({ accept: true, transitions: [{ min: 0, max: MAX_CODE_POINT, to: sink }] })
  return out
}

/** The strings both Dfas accept (product construction over reachable pairs). */
export function intersection(a: Dfa, b: Dfa): Dfa {
  const out: Dfa = []
  const ids = new Map<string, number>()
  const pairs: Array<[number, number]> = []
  const add = (x: number, y: number): number => {
    const key = `${x},${y}`
    const known = ids.get(key)
    if (known !== undefined) return known
    ids.set(key, out.length)
    pairs.push([x, y])
    out.push({ accept: a[x]!.accept && b[y]!.accept, transitions: [] })
    return out.length - 1
  }
  add(0, 0)
  for (let d = 0; d < out.length; d++) {
    const [x, y] = pairs[d]!
    for (const s of a[x]!.transitions) {
      for (const t of b[y]!.transitions) {
        const min = Math.max(s.min, t.min)
        const max = Math.min(s.max, t.max)
        if (min <= max) out[d]!.transitions.push({ min, max, to: add(s.to, t.to) })
      }
    }
    out[d]!.transitions.sort((p, q) => p.min - q.min)
  }
  return out
}

/** Copies a Dfa into an Nfa as a fragment, so it can be composed further. */
export function embed(nfa: Nfa, dfa: Dfa): Fragment {
  const base = dfa.map(() => nfa.newState())
  const end = nfa.newState()
  dfa.forEach((state, i) => {
    const from = base[i]!
    for (const t of state.transitions) nfa.edges[from]!.push({ min: t.min, max: t.max, to: base[t.to]! })
    if (state.accept) nfa.epsilon(from, end)
  })
  return { start: base[0]!, end }
}

export function writeDfa(writer: ByteWriter, dfa: Dfa): void {
  writer.i32(dfa.length)
  for (const state of dfa) {
    writer.u32(state.accept ? 1 : 0)
    writer.i32(state.transitions.length)
    for (const t of state.transitions) {
      writer.i32(t.min)
      writer.i32(t.max)
      writer.i32(t.to)
    }
  }
}
