// RunAutomaton: a deterministic automaton over Unicode code points, as Lucene's CharacterRunAutomaton runs the
// automata of PrefixQuery, WildcardQuery and RegexpQuery (compiled and determinized on the TypeScript side, see
// engine-wasm/src/index/automaton/). Program bytes (little-endian words):
//   u32 stateCount, then per state: u32 accept (0 or 1), u32 transitionCount,
//   transitionCount x (i32 min, i32 max, i32 target)      code point ranges [min, max], disjoint per state
// State 0 is the start state. A term is accepted when the walk over all its code points ends in an accept state.
import { ByteReader } from './byte-reader'

export class RunAutomaton {
  private readonly accept: Array<bool> = new Array<bool>()
  /** Transitions of state s are at [firstTransition[s], firstTransition[s + 1]). */
  private readonly firstTransition: Array<i32> = [0]
  private readonly mins: Array<i32> = new Array<i32>()
  private readonly maxs: Array<i32> = new Array<i32>()
  private readonly targets: Array<i32> = new Array<i32>()

  constructor(reader: ByteReader) {
    const states = reader.i32()
    for (let s = 0; s < states; s++) {
      this.accept.push(reader.u32() != 0)
      const count = reader.i32()
      for (let t = 0; t < count; t++) {
        this.mins.push(reader.i32())
        this.maxs.push(reader.i32())
        this.targets.push(reader.i32())
      }
      this.firstTransition.push(this.mins.length)
    }
  }

  run(term: string): bool {
    if (this.accept.length == 0) return false
    let state = 0
    for (let i = 0; i < term.length; i++) {
      const c = term.codePointAt(i)
      if (c > 0xffff) i++
      state = this.step(state, c)
      if (state < 0) return false
    }
    return this.accept[state]
  }

  private step(state: i32, c: i32): i32 {
    for (let t = this.firstTransition[state]; t < this.firstTransition[state + 1]; t++) {
      if (c >= this.mins[t] && c <= this.maxs[t]) return this.targets[t]
    }
    return -1
  }
}
