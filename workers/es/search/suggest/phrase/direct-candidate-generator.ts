/**
 * ES's DirectCandidateGenerator over one shard's terms of a generator's field: for a term of the suggest text, the
 * DirectSpellChecker's words (../direct-spell-checker.ts, at most the generator's `size`) as candidates whose channel
 * score is the checker's similarity. Outside `always` mode the checker's threshold frequency is raised to
 * thresholdTermFrequency of the term's docFreq (round(df x log5(df - plateau) + 1), the plateau being min_doc_freq as
 * a count, or as a fraction of maxDoc), and a threshold of Integer.MAX_VALUE skips the term. A `pre_filter` analyzer
 * rewrites the term before the lookup (its last token); a `post_filter` analyzer rewrites each candidate into its
 * tokens: a token equal to the candidate (with a position increment) keeps its own statistics and channel score,
 * any other takes the candidate's statistics and the real-word likelihood as channel score. The score of a candidate
 * is channel x (totalTermFreq + 1) / (sumTotalTermFreq + 1), sumTotalTermFreq the field's (maxDoc without one).
 */
import type { TokenList } from '../../../analysis/token-list.ts'
import { suggestSimilar, type SpellCheckIndex, type SpellCheckerSettings } from '../direct-spell-checker.ts'
import { addCandidates, type Candidate, type CandidateSet, type TermStats } from './candidate.ts'

/** What a generator reads of a shard's field. */
export interface GeneratorTerms extends SpellCheckIndex {
  termStats(term: string): TermStats
  /** Terms.getSumTotalTermFreq, or maxDoc when the field keeps none. */
  sumTotalTermFreq: number
}

/** An analyzer as a pre or post filter uses it. */
export interface TermAnalyzer {
  tokenStream(text: string): TokenList
}

/** PhraseSuggestionContext.DirectCandidateGenerator: a generator's settings on the shard. */
export interface DirectGeneratorSettings extends SpellCheckerSettings {
  field: string
  size: number
  preFilter: TermAnalyzer | null
  postFilter: TermAnalyzer | null
}

/** ES's CandidateGenerator: what the noisy channel asks of one generator or of several. */
export interface CandidateGenerator {
  termStats(term: string): TermStats
  createCandidate(term: string, termStats: TermStats, channelScore: number, userInput: boolean): Candidate
  drawCandidates(set: CandidateSet): void
}

const LOG_BASE = 5
const INTEGER_MAX = 2147483647

export class DirectCandidateGenerator implements CandidateGenerator {
  private readonly frequencyPlateau: number

  constructor(
    private readonly terms: GeneratorTerms,
    private readonly settings: DirectGeneratorSettings,
    private readonly nonErrorLikelihood: number,
  ) {
    const threshold = settings.minDocFreq
    this.frequencyPlateau =
      threshold >= 1 ? Math.trunc(threshold) : Math.trunc(Math.fround(terms.maxDoc * threshold))
  }

  termStats(term: string): TermStats {
    return this.terms.termStats(this.preFilter(term))
  }

  createCandidate(term: string, termStats: TermStats, channelScore: number, userInput: boolean): Candidate {
    return {
      term,
      termStats,
      stringDistance: channelScore,
      score: this.score(termStats, channelScore),
      userInput,
    }
  }

  /** The docFreq a candidate must exceed outside `always` mode (package-private thresholdTermFrequency). */
  thresholdTermFrequency(docFreq: number): number {
    if (docFreq <= 0) return 0
    const scaled = docFreq * (Math.log10(docFreq - this.frequencyPlateau) * (1 / Math.log10(LOG_BASE))) + 1
    // Java's Math.round: NaN is 0, -Infinity Long.MIN_VALUE (then max(0, ...)), +Infinity Long.MAX_VALUE.
    const rounded = Number.isNaN(scaled) ? 0 : Math.floor(scaled + 0.5)
    return Math.min(Math.max(0, rounded), INTEGER_MAX)
  }

  drawCandidates(set: CandidateSet): void {
    const original = set.originalTerm
    const term = this.preFilter(original.term)
    let minDocFreq = this.settings.minDocFreq
    if (this.settings.suggestMode !== 'always') {
      const threshold = this.thresholdTermFrequency(original.termStats.docFreq)
      if (threshold === INTEGER_MAX) return
      if (minDocFreq < threshold) minDocFreq = threshold
    }
    const words = suggestSimilar(this.terms, term, this.settings.size, { ...this.settings, minDocFreq })
    const candidates: Candidate[] = []
    for (const word of words) {
      const candidate = this.createCandidate(word.text, this.terms.termStats(word.text), word.score, false)
      this.postFilter(candidate, candidates)
    }
    addCandidates(set, candidates)
  }

  private score(termStats: TermStats, errorScore: number): number {
    return errorScore * ((termStats.totalTermFreq + 1) / (this.terms.sumTotalTermFreq + 1))
  }

  private preFilter(term: string): string {
    const filter = this.settings.preFilter
    if (filter === null) return term
    return filter.tokenStream(term).terms.at(-1) ?? term
  }

  private postFilter(candidate: Candidate, out: Candidate[]): void {
    const filter = this.settings.postFilter
    if (filter === null) {
      out.push(candidate)
      return
    }
    const { terms, positions } = filter.tokenStream(candidate.term)
    const score = this.score(candidate.termStats, candidate.stringDistance)
    terms.forEach((token, i) => {
      const increment = i === 0 ? positions[0]! + 1 : positions[i]! - positions[i - 1]!
      out.push(
        increment > 0 && token === candidate.term
          ? { ...candidate, termStats: this.terms.termStats(token), score }
          : {
              term: token,
              termStats: candidate.termStats,
              stringDistance: this.nonErrorLikelihood,
              score,
              userInput: false,
            },
      )
    })
  }
}

/**
 * MultiCandidateGeneratorWrapper: every generator draws into the same set, which then keeps its numCandidates
 * (the suggestion's shard_size) best by score (a stable sort of the set's order); statistics and new candidates
 * come from the first generator.
 */
export class MultiCandidateGenerator implements CandidateGenerator {
  constructor(
    private readonly numCandidates: number,
    private readonly generators: readonly [CandidateGenerator, ...CandidateGenerator[]],
  ) {}

  termStats(term: string): TermStats {
    return this.generators[0].termStats(term)
  }

  createCandidate(term: string, termStats: TermStats, channelScore: number, userInput: boolean): Candidate {
    return this.generators[0].createCandidate(term, termStats, channelScore, userInput)
  }

  drawCandidates(set: CandidateSet): void {
    for (const generator of this.generators) generator.drawCandidates(set)
    if (set.candidates.length > this.numCandidates)
      set.candidates = [...set.candidates].sort((a, b) => b.score - a.score).slice(0, this.numCandidates)
  }
}
