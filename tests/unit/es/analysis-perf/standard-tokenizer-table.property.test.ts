// Property test: the table-driven standard tokenizer (flat lazy-DFA table, BMP class table read in the scan
// loop) must tokenize any text exactly as the scanner it replaced, kept below as the oracle: a lazy DFA of
// per-state transition rows read through next()/accept(), fed by wordBreakClassOf per code point. Texts mix
// code points of every word-break class, arbitrary code points and lone surrogates; max_token_length varies.
// Mostly-ASCII prose exercises the scanner's fast path for ASCII-letter words before a space.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compileRules, type Nfa } from '../../../../workers/es/analysis/standard/regex-nfa.ts'
import {
  RULE_TYPES,
  SKIP_RULE,
  STANDARD_RULES,
} from '../../../../workers/es/analysis/standard/standard-tokenizer-grammar.ts'
import { StandardTokenizer } from '../../../../workers/es/analysis/tokenizers/standard-tokenizer.ts'
import {
  CLASS_COUNT,
  wordBreakClassOf,
} from '../../../../workers/es/analysis/unicode/word-break-class-table.ts'

const DEAD = -1
const UNKNOWN = -2

/** The former LazyDfa: one Int32Array row per state. */
class RowDfa {
  private readonly sets: Int32Array[] = []
  private readonly ids = new Map<string, number>()
  private readonly rows: Int32Array[] = []
  private readonly accepts: number[] = []

  constructor(private readonly nfa: Nfa) {
    this.intern(this.closure([nfa.start]))
  }

  accept(state: number): number {
    return this.accepts[state] ?? -1
  }

  next(state: number, classId: number): number {
    const row = this.rows[state]
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
    this.rows.push(new Int32Array(CLASS_COUNT).fill(UNKNOWN))
    let accept = -1
    for (const nfaId of set) {
      const rule = this.nfa.states[nfaId]?.accept ?? -1
      if (rule >= 0 && (accept < 0 || rule < accept)) accept = rule
    }
    this.accepts.push(accept)
    return id
  }
}

const oracleDfa = new RowDfa(compileRules(STANDARD_RULES))

/** The former scanner: [start, end, type] of every token. */
function oracleTokens(text: string, maxTokenLength: number): [number, number, string][] {
  const tokens: [number, number, string][] = []
  let position = 0
  while (position < text.length) {
    const limit = Math.min(text.length, position + maxTokenLength)
    let state = 0
    let matchedRule = -1
    let matchedEnd = position
    let cursor = position
    while (cursor < limit) {
      let codePoint = text.charCodeAt(cursor)
      let width = 1
      if (codePoint >= 0xd800 && codePoint <= 0xdbff && cursor + 1 < text.length) {
        const low = text.charCodeAt(cursor + 1)
        if (low >= 0xdc00 && low <= 0xdfff) {
          if (cursor + 2 > limit) break
          codePoint = ((codePoint - 0xd800) << 10) + (low - 0xdc00) + 0x10000
          width = 2
        }
      }
      state = oracleDfa.next(state, wordBreakClassOf(codePoint))
      if (state === DEAD) break
      cursor += width
      const rule = oracleDfa.accept(state)
      if (rule >= 0) {
        matchedRule = rule
        matchedEnd = cursor
      }
    }
    if (matchedRule < 0) position += 1
    else {
      if (matchedRule !== SKIP_RULE) tokens.push([position, matchedEnd, RULE_TYPES[matchedRule] ?? ''])
      position = matchedEnd
    }
  }
  return tokens
}

/** The first four code points of every word-break class (emoji, regional indicators and tags included). */
const representatives: string[] = (() => {
  const byClass = new Map<number, number[]>()
  const take = (codePoint: number): void => {
    const found = byClass.get(wordBreakClassOf(codePoint)) ?? []
    if (found.length < 4) found.push(codePoint)
    byClass.set(wordBreakClassOf(codePoint), found)
  }
  for (let codePoint = 0; codePoint <= 0x10ffff; codePoint++) take(codePoint)
  return [...byClass.values()].flat().map((codePoint) => String.fromCodePoint(codePoint))
})()

const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...representatives) },
  {
    weight: 2,
    arbitrary: fc.constantFrom('a', 'Z', '1', ' ', '.', "'", '_', ',', '\u200d', '\ufe0f', '\u0308'),
  },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0x10ffff }).map((c) => String.fromCodePoint(c)) },
  { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)) },
)

/** Prose: ASCII words and spaces, with the characters that join or split words around them. */
const prose = fc.oneof(
  { weight: 8, arbitrary: fc.stringMatching(/^[A-Za-z]{1,9}$/) },
  { weight: 8, arbitrary: fc.constant(' ') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '1',
      '42',
      '.',
      ',',
      "'",
      '_',
      '-',
      ':',
      '\n',
      '\t',
      '  ',
      'é',
      '\u0308',
      '\u200d',
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom(...representatives) },
)

const sameTokens = (text: string, maxTokenLength: number): void => {
  const tokens = new StandardTokenizer(maxTokenLength).tokenize(text)
  const actual = tokens.terms.map((term, i) => {
    expect(term).toBe(text.slice(tokens.startOffsets[i], tokens.endOffsets[i]))
    expect(tokens.positions[i]).toBe(i)
    return [tokens.startOffsets[i], tokens.endOffsets[i], tokens.types[i]]
  })
  expect(actual).toEqual(oracleTokens(text, maxTokenLength))
}

describe('table-driven StandardTokenizer vs the row-per-state scanner', () => {
  it(`has ${CLASS_COUNT} classes, every one sampled`, () => {
    expect(new Set(representatives.map((s) => wordBreakClassOf(s.codePointAt(0) ?? 0))).size).toBe(
      CLASS_COUNT,
    )
  })

  it('tokenizes random Unicode text identically', () => {
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 60 }),
        fc.oneof(fc.integer({ min: 1, max: 12 }), fc.constant(255)),
        (pieces, maxTokenLength) => sameTokens(pieces.join(''), maxTokenLength),
      ),
      { numRuns: 3000 },
    )
  })

  it('tokenizes mostly-ASCII prose identically', () => {
    fc.assert(
      fc.property(
        fc.array(prose, { maxLength: 40 }),
        fc.oneof(fc.integer({ min: 1, max: 12 }), fc.constant(255)),
        (pieces, maxTokenLength) => sameTokens(pieces.join(''), maxTokenLength),
      ),
      { numRuns: 3000 },
    )
  })
})
