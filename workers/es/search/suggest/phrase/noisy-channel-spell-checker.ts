/**
 * ES's NoisyChannelSpellChecker.getCorrections: the suggest text's tokens (the suggestion's analyzer) become candidate
 * sets, one per position: a shingle token (type "shingle") is skipped when unigrams are required (force_unigrams),
 * and all tokens being shingles is an IllegalStateException; a SYNONYM token at the same position joins the
 * previous set as a candidate (when the field holds it), scored with the real-word likelihood. No set, or as many
 * as token_limit, gives no correction. Each set is filled by the generators, the cutoff is the input phrase's score
 * times `confidence` (Double.MIN_VALUE when confidence is 0), and the CandidateScorer picks the corrections.
 */
import { illegalStateException } from '../../../errors/index.ts'
import type { TokenList } from '../../../analysis/token-list.ts'
import { CandidateScorer } from './candidate-scorer.ts'
import type { CandidateSet } from './candidate.ts'
import type { Correction } from './correction.ts'
import type { CandidateGenerator } from './direct-candidate-generator.ts'
import type { WordScorer } from './word-scorer.ts'

const SHINGLE_TOKEN_TYPE = 'shingle'
const SYNONYM_TOKEN_TYPE = 'SYNONYM'

export interface NoisyChannelSettings {
  realWordLikelihood: number
  requireUnigram: boolean
  tokenLimit: number
  maxErrors: number
  numCorrections: number
  confidence: number
  gramSize: number
}

export interface CorrectionsResult {
  corrections: Correction[]
  cutoffScore: number
}

export const NO_CORRECTIONS: CorrectionsResult = { corrections: [], cutoffScore: Number.MIN_VALUE }

function candidateSets(
  tokens: TokenList,
  generator: CandidateGenerator,
  settings: NoisyChannelSettings,
): CandidateSet[] {
  const sets: CandidateSet[] = []
  let anyUnigram = false
  tokens.terms.forEach((term, i) => {
    const type = tokens.types[i]
    if (settings.requireUnigram && type === SHINGLE_TOKEN_TYPE) return
    anyUnigram = true
    const increment = i === 0 ? tokens.positions[0]! + 1 : tokens.positions[i]! - tokens.positions[i - 1]!
    const current = sets.at(-1)
    if (increment === 0 && type === SYNONYM_TOKEN_TYPE && current !== undefined) {
      const stats = generator.termStats(term)
      if (stats.docFreq > 0)
        current.candidates.push(generator.createCandidate(term, stats, settings.realWordLikelihood, false))
      return
    }
    const stats = generator.termStats(term)
    sets.push({ originalTerm: generator.createCandidate(term, stats, 1, true), candidates: [] })
  })
  if (settings.requireUnigram && !anyUnigram && tokens.terms.length > 0)
    throw illegalStateException('At least one unigram is required but all tokens were ngrams')
  return sets
}

export function getCorrections(
  tokens: TokenList,
  generator: CandidateGenerator,
  wordScorer: WordScorer,
  settings: NoisyChannelSettings,
): CorrectionsResult {
  const sets = candidateSets(tokens, generator, settings)
  if (sets.length === 0 || sets.length >= settings.tokenLimit) return NO_CORRECTIONS
  for (const set of sets) generator.drawCandidates(set)
  const scorer = new CandidateScorer(wordScorer, settings.numCorrections, settings.gramSize)
  let cutoffScore = Number.MIN_VALUE
  if (settings.confidence > 0)
    cutoffScore = scorer.score(sets.map((set) => set.originalTerm)) * settings.confidence
  return { corrections: scorer.findBestCandidates(sets, settings.maxErrors, cutoffScore), cutoffScore }
}
