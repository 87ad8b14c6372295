// The phrase suggester's arithmetic on a hand-made shard (no cluster): DirectCandidateGenerator's candidates and
// their scores, thresholdTermFrequency, the three smoothing models of WordScorer, CandidateScorer's paths, cutoff
// and max_errors, Correction's highlighting. Every expected number is written out from ES's formulas.
import { describe, expect, it } from 'vitest'
import type { TokenList } from '../../../../workers/es/analysis/token-list.ts'
import { DEFAULT_SPELL_CHECKER_SETTINGS } from '../../../../workers/es/search/suggest/direct-spell-checker.ts'
import type { Candidate, TermStats } from '../../../../workers/es/search/suggest/phrase/candidate.ts'
import {
  DirectCandidateGenerator,
  MultiCandidateGenerator,
  type DirectGeneratorSettings,
  type GeneratorTerms,
} from '../../../../workers/es/search/suggest/phrase/direct-candidate-generator.ts'
import { joinCorrection } from '../../../../workers/es/search/suggest/phrase/correction.ts'
import { getCorrections } from '../../../../workers/es/search/suggest/phrase/noisy-channel-spell-checker.ts'
import {
  DEFAULT_SMOOTHING,
  WordScorer,
  type NgramTerms,
  type SmoothingModel,
} from '../../../../workers/es/search/suggest/phrase/word-scorer.ts'

/** Optimal string alignment distance (Lucene's FuzzyTermsEnum counts a transposition as one edit). */
function edits(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  )
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1)
    }
  return d[a.length]![b.length]!
}

/** The docs' `title.trigram` field of "noble warriors" and "nobel prize": unigrams and 2-shingles, one each. */
const TRIGRAM_FIELD = new Map<string, TermStats>(
  ['noble', 'warriors', 'noble warriors', 'nobel', 'prize', 'nobel prize'].map((t) => [
    t,
    { docFreq: 1, totalTermFreq: 1 },
  ]),
)

function fieldTerms(field: ReadonlyMap<string, TermStats>, maxDoc: number): GeneratorTerms & NgramTerms {
  const sum = [...field.values()].reduce((s, t) => s + t.totalTermFreq, 0)
  return {
    maxDoc,
    docFreq: (term) => field.get(term)?.docFreq ?? 0,
    termStats: (term) => field.get(term) ?? { docFreq: 0, totalTermFreq: 0 },
    fuzzyTerms: (term, maxEdits, prefixLength) =>
      [...field.keys()]
        .filter((t) => t.slice(0, prefixLength) === term.slice(0, prefixLength) && edits(t, term) <= maxEdits)
        .sort()
        .map((t) => ({ term: t, edits: edits(t, term), docFreq: field.get(t)!.docFreq })),
    sumTotalTermFreq: sum,
    frequency: (term) => field.get(term)?.totalTermFreq ?? 0,
    vocabularySize: sum,
    numTerms: field.size,
  }
}

const ALWAYS: DirectGeneratorSettings = {
  ...DEFAULT_SPELL_CHECKER_SETTINGS,
  field: 'title.trigram',
  size: 5,
  suggestMode: 'always',
  preFilter: null,
  postFilter: null,
}

const RWE = Math.fround(0.95)

/** Unigram tokens at consecutive positions. */
function words(...terms: string[]): TokenList {
  return {
    terms,
    startOffsets: terms.map(() => 0),
    endOffsets: terms.map(() => 0),
    types: terms.map(() => '<ALPHANUM>'),
    positions: terms.map((_, i) => i),
  }
}

function correct(
  text: TokenList,
  options: { model?: SmoothingModel; gramSize?: number; confidence?: number } = {},
) {
  const terms = fieldTerms(TRIGRAM_FIELD, 2)
  const generator = new DirectCandidateGenerator(terms, ALWAYS, RWE)
  return getCorrections(
    text,
    new MultiCandidateGenerator(5, [generator]),
    new WordScorer(terms, options.model ?? DEFAULT_SMOOTHING, RWE, ' '),
    {
      realWordLikelihood: RWE,
      requireUnigram: true,
      tokenLimit: 10,
      maxErrors: 0.5,
      numCorrections: 5,
      confidence: options.confidence ?? 1,
      gramSize: options.gramSize ?? 3,
    },
  )
}

describe('DirectCandidateGenerator', () => {
  it('draws the spell checker words as candidates scored distance x (ttf + 1) / (sumTtf + 1)', () => {
    const generator = new DirectCandidateGenerator(fieldTerms(TRIGRAM_FIELD, 2), ALWAYS, RWE)
    const set = {
      originalTerm: generator.createCandidate('noble', { docFreq: 1, totalTermFreq: 1 }, 1, true),
      candidates: [] as Candidate[],
    }
    expect(set.originalTerm.score).toBe(1 * (2 / 7))
    generator.drawCandidates(set)
    // nobel: one transposition in 5 letters, 1 - 1/5 as a float
    expect(set.candidates).toEqual([
      {
        term: 'nobel',
        termStats: { docFreq: 1, totalTermFreq: 1 },
        stringDistance: Math.fround(0.8),
        score: Math.fround(0.8) * (2 / 7),
        userInput: false,
      },
    ])
  })

  it('raises the threshold outside `always` mode: round(df x log5(df - plateau) + 1)', () => {
    const generator = new DirectCandidateGenerator(
      fieldTerms(TRIGRAM_FIELD, 2),
      { ...ALWAYS, suggestMode: 'popular' },
      RWE,
    )
    expect(generator.thresholdTermFrequency(0)).toBe(0)
    expect(generator.thresholdTermFrequency(1)).toBe(1) // log(1) = 0
    expect(generator.thresholdTermFrequency(5)).toBe(6) // 5 x 1 + 1
    expect(generator.thresholdTermFrequency(25)).toBe(51) // 25 x 2 + 1
    const plateau = new DirectCandidateGenerator(
      fieldTerms(TRIGRAM_FIELD, 2),
      { ...ALWAYS, minDocFreq: 3 },
      RWE,
    )
    expect(plateau.thresholdTermFrequency(3)).toBe(0) // log10(0) is -Infinity
    expect(plateau.thresholdTermFrequency(2)).toBe(0) // log10(-1) is NaN
  })

  it('keeps the best shard_size candidates over several generators, at equal scores the earlier term', () => {
    const terms = fieldTerms(TRIGRAM_FIELD, 2)
    const first = new DirectCandidateGenerator(terms, ALWAYS, RWE)
    const second = new DirectCandidateGenerator(terms, { ...ALWAYS, maxEdits: 1 }, RWE)
    const set = {
      originalTerm: first.createCandidate('nobl', { docFreq: 0, totalTermFreq: 0 }, 1, true),
      candidates: [],
    }
    new MultiCandidateGenerator(1, [first, second]).drawCandidates(set)
    // nobel and noble are both 1 edit of 4 letters (0.75): at equal scores the earlier term is the stronger
    expect(set.candidates.map((c: Candidate) => [c.term, c.stringDistance])).toEqual([
      ['nobel', Math.fround(0.75)],
    ])
  })
})

describe('phrase corrections', () => {
  it('corrects "noble prize" into "nobel prize" with the docs score 0.40765354 (stupid backoff 0.4f)', () => {
    const { corrections, cutoffScore } = correct(words('noble', 'prize'))
    // input: 0.95 x (1 + 1) / (6 + 6), then the unseen bigram "noble prize": 0.95 x 0.4f x 2/12
    const input = Math.exp(Math.log10(RWE * (2 / 12)) + Math.log10(RWE * (Math.fround(0.4) * (2 / 12))))
    expect(cutoffScore).toBe(input)
    // nobel: 0.8f x 2/12, then the seen bigram "nobel prize": 1 / (ttf(nobel) + 1e-11)
    const nobel = Math.exp(Math.log10(Math.fround(0.8) * (2 / 12)) + Math.log10(RWE * (1 / (1 + 1e-11))))
    expect(corrections.map((c) => [joinCorrection(c, null), c.score])).toEqual([['nobel prize', nobel]])
    expect(Math.fround(nobel)).toBe(Math.fround(0.40765354))
    expect(joinCorrection(corrections[0]!, { preTag: '<em>', postTag: '</em>' })).toBe('<em>nobel</em> prize')
  })

  it('keeps every path over the cutoff with confidence 0, best first', () => {
    const { corrections, cutoffScore } = correct(words('noble', 'prize'), { confidence: 0 })
    expect(cutoffScore).toBe(Number.MIN_VALUE)
    expect(corrections.map((c) => joinCorrection(c, null))).toEqual(['nobel prize', 'noble prize'])
  })

  it('scores with laplace: (alpha + count) / (vocabulary + alpha x numTerms), bigrams over ttf(w-1)', () => {
    const { corrections } = correct(words('noble', 'prize'), {
      model: { type: 'laplace', alpha: 0.5 },
      confidence: 0,
    })
    const uni = (count: number) => (0.5 + count) / (6 + 0.5 * 6)
    const bi = (count: number, previous: number) => (0.5 + count) / (previous + 0.5 * 6)
    expect(corrections.map((c) => c.score)).toEqual([
      Math.exp(Math.log10(Math.fround(0.8) * uni(1)) + Math.log10(RWE * bi(1, 1))),
      Math.exp(Math.log10(RWE * uni(1)) + Math.log10(RWE * bi(0, 1))),
    ])
  })

  it('scores with linear interpolation, lambdas normalized by their sum', () => {
    const model: SmoothingModel = {
      type: 'linear',
      trigramLambda: 0.2,
      bigramLambda: 0.3,
      unigramLambda: 0.5,
    }
    const { corrections } = correct(words('noble', 'prize'), { model, confidence: 0 })
    const sum = 0.5 + 0.3 + 0.2
    const uni = (1 + 1) / (6 + 6)
    expect(corrections.map((c) => c.score)).toEqual([
      // "nobel prize" seen once: bigram x 1 / (0.5 + ttf(nobel)) + unigram x P(prize)
      Math.exp(
        Math.log10(Math.fround(0.8) * uni) + Math.log10(RWE * ((0.3 / sum) * (1 / 1.5) + (0.5 / sum) * uni)),
      ),
      // "noble prize" unseen: unigram x P(prize)
      Math.exp(Math.log10(RWE * uni) + Math.log10(RWE * ((0.5 / sum) * uni))),
    ])
  })

  it('backs off a trigram to the discounted bigram, and to the unigram when the bigram is unseen', () => {
    const field = new Map<string, TermStats>([
      ['a', { docFreq: 2, totalTermFreq: 4 }],
      ['b', { docFreq: 2, totalTermFreq: 3 }],
      ['c', { docFreq: 1, totalTermFreq: 2 }],
      ['a b', { docFreq: 1, totalTermFreq: 2 }],
      ['b c', { docFreq: 1, totalTermFreq: 1 }],
    ])
    const terms = fieldTerms(field, 2)
    const scorer = new WordScorer(terms, { type: 'stupid_backoff', discount: 0.4 }, RWE, ' ')
    const at = (term: string) => ({
      term,
      termStats: field.get(term)!,
      stringDistance: 1,
      score: 0,
      userInput: true,
    })
    const path = [at('a'), at('b'), at('c')]
    // P(c | a b): "a b c" unseen, "b c" seen once: 0.4 x 1 / (ttf(b) + 1e-11)
    expect(scorer.score(path, 2, 3)).toBe(Math.log10(RWE * (0.4 * (1 / (3 + 1e-11)))))
    // P(a | c b): "b a" unseen: 0.4 x (1 + 4) / (12 + 5)
    expect(scorer.score([at('c'), at('b'), at('a')], 2, 3)).toBe(Math.log10(RWE * (0.4 * (5 / 17))))
  })

  it('wraps runs of changed words once when highlighting', () => {
    const word = (term: string, userInput: boolean) => ({
      term,
      termStats: { docFreq: 1, totalTermFreq: 1 },
      stringDistance: 1,
      score: 0,
      userInput,
    })
    const correction = {
      score: 1,
      candidates: [word('a', false), word('b', false), word('c', true), word('d', false)],
    }
    expect(joinCorrection(correction, { preTag: '[', postTag: ']' })).toBe('[a b] c [d]')
  })

  it('refuses a text of shingles only when unigrams are required; gives nothing at token_limit', () => {
    const shingles: TokenList = { ...words('noble prize'), types: ['shingle'] }
    expect(() => correct(shingles)).toThrow('At least one unigram is required but all tokens were ngrams')
    const many = words(...Array.from({ length: 10 }, () => 'noble'))
    expect(correct(many).corrections).toEqual([])
  })
})
