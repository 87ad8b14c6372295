/**
 * ES's CandidateScorer: every path through the candidate sets with at most N changed terms (max_errors: a count when
 * >= 1, else round(max_errors x terms) as a float, at least 1), scored as exp of the sum of the word scorer's log10
 * scores (word-scorer.ts; exp, not 10^, as ES does), the best `maxNumCorrections` above the cutoff kept in a
 * Lucene PriorityQueue (a new path must beat the queue's least when it is full), best first.
 */
import type { Candidate, CandidateSet } from './candidate.ts'
import { compareCorrections, type Correction } from './correction.ts'
import type { WordScorer } from './word-scorer.ts'

export class CandidateScorer {
  constructor(
    private readonly scorer: WordScorer,
    private readonly maxNumCorrections: number,
    private readonly gramSize: number,
  ) {}

  findBestCandidates(
    sets: readonly CandidateSet[],
    errorFraction: number,
    cutoffScore: number,
  ): Correction[] {
    if (sets.length === 0) return []
    const misspellings =
      errorFraction >= 1
        ? Math.trunc(errorFraction)
        : Math.floor(Math.fround(errorFraction * sets.length) + 0.5)
    // Ascending: the queue's least first.
    const queue: Correction[] = []
    const path: Candidate[] = new Array<Candidate>(sets.length)
    const updateTop = (logScore: number) => {
      const score = Math.exp(logScore)
      if (score <= cutoffScore) return
      const correction = { score, candidates: [...path] }
      if (queue.length >= this.maxNumCorrections) {
        if (compareCorrections(queue[0]!, correction) >= 0) return
        queue.shift()
      }
      let at = queue.length
      while (at > 0 && compareCorrections(correction, queue[at - 1]!) < 0) at--
      queue.splice(at, 0, correction)
    }
    const visit = (ord: number, left: number, pathScore: number) => {
      const current = sets[ord]!
      const choices = left > 0 ? [current.originalTerm, ...current.candidates] : [current.originalTerm]
      for (const choice of choices) {
        path[ord] = choice
        const score = pathScore + this.scorer.score(path, ord, this.gramSize)
        const remaining = choice === current.originalTerm ? left : left - 1
        if (ord === sets.length - 1) updateTop(score)
        else visit(ord + 1, remaining, score)
      }
    }
    visit(0, Math.max(1, misspellings), 0)
    return queue.reverse()
  }

  /** The exp of a whole path's summed scores (the input phrase's, for the cutoff). */
  score(path: readonly Candidate[]): number {
    let score = 0
    for (let i = 0; i < path.length; i++) score += this.scorer.score(path, i, this.gramSize)
    return Math.exp(score)
  }
}
