// Multi-term queries against naive oracles over random term dictionaries (one document per term, so the matched
// documents name the expanded terms): prefix, wildcard, regexp (a JS RegExp of the same language, test-only),
// fuzzy (a direct restricted Damerau-Levenshtein DP, then Lucene's top-terms order), term ranges in code point
// order; plus constant scores, the blended fuzzy score, numeric ranges, exists, dis_max, constant_score, boosting.
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import type { IndexEngine, IndexQuery, InvertedIndex } from '../../../../engine-wasm/src/index/index.ts'
import { TooComplexToDeterminizeError } from '../../../../engine-wasm/src/index/automaton/determinize.ts'
import {
  compileRegexp,
  RegexpFlags,
  RegexpSyntaxError,
} from '../../../../engine-wasm/src/index/automaton/regexp.ts'
import { compilePrefix, compileWildcard } from '../../../../engine-wasm/src/index/automaton/wildcard.ts'
import { loadEngine } from './load-engine.ts'

let engine: IndexEngine
beforeAll(async () => {
  engine = await loadEngine()
})

const f = Math.fround
const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'é', '😀'), minLength: 0, maxLength: 5 })
const dictionary = fc.uniqueArray(
  word.filter((w) => w.length > 0),
  { minLength: 1, maxLength: 30 },
)

function indexTerms(terms: readonly string[]): InvertedIndex {
  const index = engine.newIndex()
  index.addDocuments(
    terms.map((term, docId) => ({ docId, fields: [{ field: 'f', tokens: [{ term, position: 0 }] }] })),
  )
  return index
}

function matchedTerms(terms: readonly string[], query: IndexQuery): string[] {
  const index = indexTerms(terms)
  try {
    return index
      .search(query, terms.length)
      .scoreDocs.map((d) => terms[d.docId]!)
      .sort()
  } finally {
    index.free()
  }
}

const codePoints = (s: string): number[] => [...s].map((c) => c.codePointAt(0)!)

function osaDistance(a: number[], b: number[]): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => i + j),
  )
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(
        d[i - 1]![j]! + 1,
        d[i]![j - 1]! + 1,
        d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      )
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1)
      }
    }
  }
  return d[a.length]![b.length]!
}

const compareCodePoints = (a: string, b: string): number => {
  const x = codePoints(a)
  const y = codePoints(b)
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!
  return x.length - y.length
}

describe('term expansion against naive oracles', () => {
  it('prefix', () => {
    fc.assert(
      fc.property(dictionary, word, (terms, prefix) => {
        const expected = terms.filter((t) => t.startsWith(prefix)).sort()
        expect(matchedTerms(terms, { type: 'prefix', field: 'f', prefix, boost: 1 })).toEqual(expected)
      }),
    )
  })

  it('wildcard with *, ? and escapes', () => {
    const pattern = fc.array(fc.constantFrom('a', 'b', 'é', '😀', '*', '?', '\\*', '\\a'), { maxLength: 5 })
    fc.assert(
      fc.property(dictionary, pattern, (terms, parts) => {
        const source = parts
          .map((p) => (p === '*' ? '.*' : p === '?' ? '.' : p === '\\*' ? '\\*' : p.replace('\\', '')))
          .join('')
        const re = new RegExp(`^(?:${source})$`, 'u')
        const expected = terms.filter((t) => re.test(t)).sort()
        expect(
          matchedTerms(terms, { type: 'wildcard', field: 'f', pattern: parts.join(''), boost: 1 }),
        ).toEqual(expected)
      }),
    )
  })

  it('regexp: unions, groups, classes, repeats and intervals', () => {
    const atom = fc.constantFrom('a', 'b', 'c', '.', '[ab]', '[^a]', '(a|bc)', '"ab"', '\\d')
    const piece = fc.tuple(atom, fc.constantFrom('', '*', '+', '?', '{2}', '{1,2}', '{0,}'))
    const regexp = fc
      .array(fc.array(piece, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 2 })
      .map((alts) => alts.map((alt) => alt.map(([a, r]) => a + r).join('')).join('|'))
    fc.assert(
      fc.property(dictionary, regexp, (terms, pattern) => {
        const re = new RegExp(`^(?:${pattern.replaceAll('"ab"', '(?:ab)').replaceAll('\\d', '[0-9]')})$`, 'u')
        const expected = terms.filter((t) => re.test(t)).sort()
        const query: IndexQuery = {
          type: 'regexp',
          field: 'f',
          pattern,
          maxDeterminizedStates: 10000,
          boost: 1,
        }
        expect(matchedTerms(terms, query)).toEqual(expected)
      }),
    )
  })

  it('fuzzy: edit distance with transpositions and a prefix, top max_expansions by similarity', () => {
    const options = fc.record({
      maxEdits: fc.constantFrom(0, 1, 2),
      prefixLength: fc.constantFrom(0, 1, 2),
      maxExpansions: fc.constantFrom(1, 3, 50),
      transpositions: fc.boolean(),
    })
    fc.assert(
      fc.property(dictionary, word, options, (terms, term, o) => {
        const q = codePoints(term)
        const p = Math.min(o.prefixLength, q.length)
        const distance = (t: string): number => {
          const rest = [q.slice(p), codePoints(t).slice(p)] as const
          return o.transpositions ? osaDistance(...rest) : levenshtein(...rest)
        }
        const similarity = (t: string): number => {
          const ed = distance(t)
          return ed === 0 ? 1 : f(1 - f(ed / Math.min(codePoints(t).length, q.length)))
        }
        const within = terms.filter((t) => {
          const c = codePoints(t)
          // FuzzyQuery: a prefix as long as the term (UTF-16 units) leaves only the exact term
          const maxEdits = o.prefixLength >= term.length ? 0 : o.maxEdits
          return c.length >= p && c.slice(0, p).every((x, i) => x === q[i]) && distance(t) <= maxEdits
        })
        const expected = within
          .sort((a, b) => byBoost(similarity(a), similarity(b)) || compareCodePoints(a, b))
          .slice(0, o.maxExpansions)
          .sort()
        const query: IndexQuery = { type: 'fuzzy', field: 'f', term, ...o, boost: 1 }
        expect(matchedTerms(terms, query)).toEqual(expected)
      }),
    )
  })

  it('term range in code point order, bounds open or closed', () => {
    const bound = fc.option(word, { nil: null })
    fc.assert(
      fc.property(dictionary, bound, bound, fc.boolean(), fc.boolean(), (terms, lower, upper, il, iu) => {
        const expected = terms
          .filter((t) => {
            const lo = lower === null ? 1 : compareCodePoints(t, lower)
            const hi = upper === null ? -1 : compareCodePoints(t, upper)
            return (lo > 0 || (lo === 0 && il)) && (hi < 0 || (hi === 0 && iu))
          })
          .sort()
        const query: IndexQuery = {
          type: 'termRange',
          field: 'f',
          lower,
          upper,
          includeLower: il,
          includeUpper: iu,
          boost: 1,
        }
        expect(matchedTerms(terms, query)).toEqual(expected)
      }),
    )
  })
})

/** Float.compare descending: equal boosts (including two -Infinity) tie. */
function byBoost(a: number, b: number): number {
  return a === b ? 0 : b > a ? 1 : -1
}

function levenshtein(a: number[], b: number[]): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const next = [i]
    for (let j = 1; j <= b.length; j++) {
      next.push(Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)))
    }
    row = next
  }
  return row[b.length]!
}

describe('scores and the other queries', () => {
  it('prefix, wildcard, regexp, range and exists score the boost; deleted docs never match', () => {
    const index = indexTerms(['apple', 'apply', 'banana'])
    index.deleteDocuments([1])
    const queries: IndexQuery[] = [
      { type: 'prefix', field: 'f', prefix: 'app', boost: 2 },
      { type: 'wildcard', field: 'f', pattern: 'ap*l?', boost: 2 },
      { type: 'regexp', field: 'f', pattern: 'ap+l(e|y)', maxDeterminizedStates: 10000, boost: 2 },
      {
        type: 'termRange',
        field: 'f',
        lower: 'a',
        upper: 'b',
        includeLower: true,
        includeUpper: true,
        boost: 2,
      },
    ]
    for (const query of queries) {
      expect(index.search(query, 10).scoreDocs).toEqual([{ docId: 0, score: 2 }])
    }
    expect(index.search({ type: 'exists', field: 'f', boost: 1 }, 10).totalHits).toBe(2)
    expect(index.search({ type: 'exists', field: 'g', boost: 1 }, 10).totalHits).toBe(0)
  })

  it('fuzzy: similarity-boosted BM25 with the largest docFreq of the expansions (BlendedTermQuery)', () => {
    // docs: "quick" x2, "quack"; query "quick"~1: both terms, df blended to 2, avgdl 1, every norm 1
    const index = indexTerms(['quick', 'quick', 'quack'])
    const idf = f(Math.log(1 + (3 - 2 + 0.5) / (2 + 0.5)))
    const tf = (boost: number): number => {
      const w = f(f(boost * f(2.2)) * idf)
      return f(w - f(w / f(1 + f(1 / f(1.2 * f(0.25 + f(0.75 * 1) / 1))))))
    }
    const top = index.search(
      {
        type: 'fuzzy',
        field: 'f',
        term: 'quick',
        maxEdits: 1,
        prefixLength: 0,
        maxExpansions: 50,
        transpositions: true,
        boost: 1,
      },
      10,
    )
    expect(top.scoreDocs).toEqual([
      { docId: 0, score: tf(1) },
      { docId: 1, score: tf(1) },
      { docId: 2, score: tf(f(1 - f(1 / 5))) },
    ])
  })

  it('numeric range over doc values; exists sees values without tokens', () => {
    const index = engine.newIndex()
    index.addDocuments([
      { docId: 0, fields: [{ field: 'n', tokens: [], values: [5, 20] }] },
      { docId: 1, fields: [{ field: 'n', tokens: [], values: [10] }] },
      { docId: 2, fields: [{ field: 'm', tokens: [{ term: 'x', position: 0 }] }] },
    ])
    const ids = (q: IndexQuery): number[] => index.search(q, 10).scoreDocs.map((d) => d.docId)
    expect(ids({ type: 'numericRange', field: 'n', lower: 6, upper: 10, boost: 1 })).toEqual([1])
    expect(ids({ type: 'numericRange', field: 'n', lower: 11, upper: Infinity, boost: 1 })).toEqual([0])
    expect(ids({ type: 'exists', field: 'n', boost: 1 })).toEqual([0, 1])
  })

  it('dis_max: max + tie_breaker x the others; constant_score; boosting demotes', () => {
    const index = indexTerms(['a', 'b'])
    index.addDocuments([
      {
        docId: 2,
        fields: [
          {
            field: 'f',
            tokens: [
              { term: 'a', position: 0 },
              { term: 'b', position: 1 },
            ],
          },
        ],
      },
    ])
    const a: IndexQuery = {
      type: 'constantScore',
      filter: { type: 'term', field: 'f', term: 'a', boost: 1 },
      boost: 3,
    }
    const b: IndexQuery = {
      type: 'constantScore',
      filter: { type: 'term', field: 'f', term: 'b', boost: 1 },
      boost: 2,
    }
    expect(
      index.search({ type: 'disMax', queries: [a, b], tieBreaker: 0.5, boost: 1 }, 10).scoreDocs,
    ).toEqual([
      { docId: 2, score: 4 },
      { docId: 0, score: 3 },
      { docId: 1, score: 2 },
    ])
    const boosting: IndexQuery = { type: 'boosting', positive: a, negative: b, negativeBoost: 0.25, boost: 1 }
    expect(index.search(boosting, 10).scoreDocs).toEqual([
      { docId: 0, score: 3 },
      { docId: 2, score: 0.75 },
    ])
  })
})

describe('regexp flags and case folding', () => {
  const accepts = (dfa: ReturnType<typeof compileRegexp>, text: string): boolean => {
    let state = 0
    for (const c of text) {
      const t = dfa[state]!.transitions.find((r) => r.min <= c.codePointAt(0)! && c.codePointAt(0)! <= r.max)
      if (!t) return false
      state = t.to
    }
    return dfa[state]!.accept
  }

  it('with ALL, ~ & # @ <n-m> are operators; with NONE they are literals', () => {
    expect(accepts(compileRegexp('~(ab)', 100), 'ac')).toBe(true)
    expect(accepts(compileRegexp('~(ab)', 100), 'ab')).toBe(false)
    expect(accepts(compileRegexp('~(ab)', 100, RegexpFlags.NONE), '~ab')).toBe(true)
    expect(accepts(compileRegexp('a.*&.*b', 100), 'axb')).toBe(true)
    expect(accepts(compileRegexp('a.*&.*b', 100), 'axc')).toBe(false)
    expect(accepts(compileRegexp('a&b', 100, RegexpFlags.NONE), 'a&b')).toBe(true)
    expect(accepts(compileRegexp('a@', 100), 'axyz')).toBe(true)
    expect(accepts(compileRegexp('a@', 100, RegexpFlags.NONE), 'a@')).toBe(true)
    expect(accepts(compileRegexp('a#|b', 100), 'a')).toBe(false)
    expect(accepts(compileRegexp('<8-11>', 100), '9')).toBe(true)
    expect(accepts(compileRegexp('<8-11>', 100), '12')).toBe(false)
    expect(accepts(compileRegexp('<8-11>', 100, RegexpFlags.NONE), '<8-11>')).toBe(true)
  })

  it('case_insensitive folds ASCII letters in regexps and every code point in wildcards', () => {
    expect(accepts(compileRegexp('ab[c]', 100, RegexpFlags.ALL, true), 'ABc')).toBe(true)
    expect(accepts(compileRegexp('ab[c]', 100, RegexpFlags.ALL, true), 'ABC')).toBe(false)
    expect(accepts(compileRegexp('é', 100, RegexpFlags.ALL, true), 'É')).toBe(false)
    expect(accepts(compileWildcard('é*', true), 'Éx')).toBe(true)
    expect(accepts(compilePrefix('Ab', true), 'aBc')).toBe(true)
    expect(accepts(compilePrefix('Ab'), 'aBc')).toBe(false)
  })
})

describe('regexp compilation errors', () => {
  it('syntax errors carry RegExp positions', () => {
    expect(() => compileRegexp('(ab', 10000)).toThrow(new RegexpSyntaxError("expected ')' at position 3"))
    expect(() => compileRegexp('[ab', 10000)).toThrow(new RegexpSyntaxError("expected ']' at position 3"))
    expect(() => compileRegexp('a|', 10000)).toThrow(new RegexpSyntaxError('unexpected end-of-string'))
    expect(() => compileRegexp('a{x}', 10000)).toThrow(
      new RegexpSyntaxError('integer expected at position 2'),
    )
  })

  it('a pattern whose DFA needs more than max_determinized_states states is refused', () => {
    expect(() => compileRegexp('[ab]*a[ab]{20}', 10000)).toThrow(TooComplexToDeterminizeError)
    expect(() => compileRegexp('[ab]*a[ab]{3}', 10000)).not.toThrow()
  })
})
