/**
 * DirectCandidateGenerator.Candidate and CandidateSet: a term of the suggest text (its `originalTerm`) and the terms
 * that may replace it. A candidate carries its term statistics in the generator's field, its channel score
 * (`stringDistance`: the spell checker's similarity, 1 for the user's own term) and its `score`, the channel score
 * times (totalTermFreq + 1) / (sumTotalTermFreq + 1). Candidates are equal by term; they order by score, and at equal
 * scores the later term (UTF-8 order) is the lesser (Candidate.compareTo).
 */
import { compareUtf8 } from '../../../index/mapper/doc-values.ts'

/** Lucene's TermStats of a term: docFreq and totalTermFreq (docFreq where a field keeps no frequencies). */
export interface TermStats {
  docFreq: number
  totalTermFreq: number
}

export interface Candidate {
  term: string
  termStats: TermStats
  stringDistance: number
  score: number
  userInput: boolean
}

export interface CandidateSet {
  originalTerm: Candidate
  candidates: Candidate[]
}

/** Candidate.compareTo: lower scores first; at equal scores later terms first. */
export function compareCandidates(a: Candidate, b: Candidate): number {
  return a.score === b.score ? compareUtf8(b.term, a.term) : a.score < b.score ? -1 : 1
}

/**
 * CandidateSet.addCandidates: the new candidates merged into the set's, one per term (a new candidate wins over an
 * older one of the same term), strongest first.
 */
export function addCandidates(set: CandidateSet, candidates: readonly Candidate[]): void {
  const byTerm = new Map<string, Candidate>()
  for (const candidate of [...candidates, ...set.candidates])
    if (!byTerm.has(candidate.term)) byTerm.set(candidate.term, candidate)
  set.candidates = [...byTerm.values()].sort((a, b) => compareCandidates(b, a))
}
