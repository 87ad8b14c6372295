/**
 * Nfa: a nondeterministic automaton over Unicode code points (0..0x10FFFF) with epsilon moves, built by Thompson's
 * construction from fragments (one start and one end state each). It is what Lucene's Automata / Operations build
 * for RegExp, WildcardQuery and PrefixQuery before determinization (see determinize.ts).
 * Invariants: states are numbered densely from 0; a fragment's end state has no outgoing edge until the fragment
 * is composed into a larger one.
 * Case folding applies to single characters (char / string), never to ranges: 'ascii' as RegExp's
 * ASCII_CASE_INSENSITIVE (code points up to 128), 'unicode' as AutomatonQueries.toCaseInsensitiveChar
 * (the other case of any code point whose case mapping is one code point).
 */
export const MAX_CODE_POINT = 0x10ffff

export type CaseFolding = 'none' | 'ascii' | 'unicode'

/** Character.isLowerCase ? toUpperCase : toLowerCase, when that is a single other code point. */
function otherCase(c: number): number | null {
  const text = String.fromCodePoint(c)
  const lower = text.toLowerCase()
  const other = lower === text ? text.toUpperCase() : lower
  const points = [...other]
  return points.length === 1 && other !== text ? points[0]!.codePointAt(0)! : null
}

export interface Edge {
  min: number
  max: number
  to: number
}

export interface Fragment {
  start: number
  end: number
}

export class Nfa {
  readonly epsilons: number[][] = []
  readonly edges: Edge[][] = []

  constructor(private readonly caseFolding: CaseFolding = 'none') {}

  newState(): number {
    this.epsilons.push([])
    this.edges.push([])
    return this.epsilons.length - 1
  }

  epsilon(from: number, to: number): void {
    this.epsilons[from]!.push(to)
  }

  /** Code points in the given inclusive ranges. */
  ranges(ranges: ReadonlyArray<readonly [number, number]>): Fragment {
    const start = this.newState()
    const end = this.newState()
    for (const [min, max] of ranges) this.edges[start]!.push({ min, max, to: end })
    return { start, end }
  }

  char(c: number): Fragment {
    const other =
      this.caseFolding === 'none' || (this.caseFolding === 'ascii' && c > 128) ? null : otherCase(c)
    return this.ranges(
      other === null
        ? [[c, c]]
        : [
            [c, c],
            [other, other],
          ],
    )
  }

  anyChar(): Fragment {
    return this.ranges([[0, MAX_CODE_POINT]])
  }

  empty(): Fragment {
    const start = this.newState()
    const end = this.newState()
    this.epsilon(start, end)
    return { start, end }
  }

  /** Matches nothing: the end is unreachable. */
  nothing(): Fragment {
    return { start: this.newState(), end: this.newState() }
  }

  string(text: string): Fragment {
    return this.concat([...text].map((c) => this.char(c.codePointAt(0)!)))
  }

  concat(parts: readonly Fragment[]): Fragment {
    const [first, ...rest] = parts
    if (!first) return this.empty()
    let end = first.end
    for (const part of rest) {
      this.epsilon(end, part.start)
      end = part.end
    }
    return { start: first.start, end }
  }

  union(parts: readonly Fragment[]): Fragment {
    const start = this.newState()
    const end = this.newState()
    for (const part of parts) {
      this.epsilon(start, part.start)
      this.epsilon(part.end, end)
    }
    return { start, end }
  }

  /** Zero or more repetitions. */
  star(part: Fragment): Fragment {
    const start = this.newState()
    const end = this.newState()
    this.epsilon(start, part.start)
    this.epsilon(start, end)
    this.epsilon(part.end, part.start)
    this.epsilon(part.end, end)
    return { start, end }
  }

  optional(part: Fragment): Fragment {
    return this.union([part, this.empty()])
  }

  /** Between min and max (-1: unbounded) repetitions; build(i) makes a fresh copy of the repeated fragment. */
  repeat(build: () => Fragment, min: number, max: number): Fragment {
    const parts: Fragment[] = []
    for (let i = 0; i < min; i++) parts.push(build())
    if (max < 0) parts.push(this.star(build()))
    else for (let i = min; i < max; i++) parts.push(this.optional(build()))
    return this.concat(parts)
  }
}
