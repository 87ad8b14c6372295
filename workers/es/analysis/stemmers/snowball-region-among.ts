// Snowball constructs the Scandinavian, Finnish, French and Spanish programs share (snowball-danish-,
// -swedish-, -norwegian-, -finnish-, -french- and -spanish-stemmer.ts), on top of snowball-program.ts:
// - `setlimit tomark p for ([substring] among (...))`: the among sees only the part of the word from the
//   region start p on, so when a longer listed suffix reaches out of the region a shorter one is found;
// - the R1 of the Scandinavian programs: after the first non-vowel that follows a vowel, but at least 3,
//   and none (the word's end) in words under 3 units;
// - the Danish and Swedish main suffix step.
// Region starts are absolute indexes into the word.
import { regionStart, type SuffixAmong } from './snowball-program.ts'

/** The longest listed suffix that lies inside the region starting at `start`, with its absolute start. */
export function findInRegion<Action>(
  among: SuffixAmong<Action>,
  word: string,
  start: number,
): { start: number; action: Action } | null {
  const found = among.find(word.slice(start))
  return found && { start: start + found.start, action: found.action }
}

/** The Danish, Swedish and Norwegian R1 for the program's vowel test. */
export function scandinavianR1(word: string, vowel: (word: string, index: number) => boolean): number {
  return word.length < 3 ? word.length : Math.max(regionStart(word, 0, vowel), 3)
}

/**
 * The Danish and Swedish main_suffix step: the longest listed suffix inside R1 deleted, where the suffix `s` (action
 * 's') goes only after a letter of the program's s_ending grouping.
 */
export function scandinavianMainSuffix(
  among: SuffixAmong<'delete' | 's'>,
  sEnding: ReadonlySet<string>,
  word: string,
  r1: number,
): string {
  const found = findInRegion(among, word, r1)
  if (!found) return word
  if (found.action === 's' && !sEnding.has(word.charAt(found.start - 1))) return word
  return word.slice(0, found.start)
}
