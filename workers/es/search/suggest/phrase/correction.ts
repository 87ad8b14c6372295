/**
 * ES's Correction: a path of candidates, one per term of the suggest text, with its score. Corrections order by
 * score, and at equal scores a path whose first differing term is later (UTF-8 order) is the lesser, a shorter path
 * the lesser still (Correction.compareTo). `join` writes the phrase with the separator " "; highlighted, each run of
 * changed terms is wrapped once in the pre and post tags.
 */
import { compareUtf8 } from '../../../index/mapper/doc-values.ts'
import type { Candidate } from './candidate.ts'

export interface Correction {
  score: number
  candidates: Candidate[]
}

export function compareCorrections(a: Correction, b: Correction): number {
  if (a.score !== b.score) return a.score < b.score ? -1 : 1
  const limit = Math.min(a.candidates.length, b.candidates.length)
  for (let i = 0; i < limit; i++) {
    const cmp = compareUtf8(a.candidates[i]!.term, b.candidates[i]!.term)
    if (cmp !== 0) return -cmp
  }
  return a.candidates.length - b.candidates.length
}

export interface HighlightTags {
  preTag: string
  postTag: string
}

export function joinCorrection(correction: Correction, tags: HighlightTags | null): string {
  const { candidates } = correction
  return candidates
    .map((candidate, i) => {
      if (tags === null || candidate.userInput) return candidate.term
      const opens = i === 0 || candidates[i - 1]!.userInput
      const closes = i === candidates.length - 1 || candidates[i + 1]!.userInput
      return `${opens ? tags.preTag : ''}${candidate.term}${closes ? tags.postTag : ''}`
    })
    .join(' ')
}
