// Lucene's CzechStemmer (Dolamic and Savoy, "Indexing and stemming approaches for the Czech language"),
// the `czech_stem` token filter, the `stemmer` language czech and the last step of the czech analyzer.
// Lower-case input with diacritics. In UTF-16 units: a case ending (the first tier whose length bound the
// term exceeds and one of whose endings it has: -atech over 7; four-unit endings over 6; three-unit over
// 5; two-unit over 4; one final vowel over 3), then a possessive -ov/-in/-ův (over 5), then, if anything
// is left, normalization: čt -> ck, št -> sk, a final c/č -> k, z/ž -> h, else an e before the last unit
// dropped, else a ů before the last unit (over 2) made o.
import { endsWith, toUnits } from './stem-buffer.ts'

const CASE_TIERS: readonly (readonly [number, readonly string[]])[] = [
  [7, ['atech']],
  [6, ['ětem', 'etem', 'atům']],
  [
    5,
    [
      ...['ech', 'ich', 'ích', 'ého', 'ěmi', 'emi', 'ému', 'ěte', 'ete', 'ěti', 'eti', 'ího', 'iho'],
      ...['ími', 'ímu', 'imu', 'ách', 'ata', 'aty', 'ých', 'ama', 'ami', 'ové', 'ovi', 'ými'],
    ],
  ],
  [4, ['em', 'es', 'ém', 'ím', 'ům', 'at', 'ám', 'os', 'us', 'ým', 'mi', 'ou']],
]
const FINAL_VOWELS = new Set([...'aeiouůyáéíýě'])

function removeCase(s: readonly string[], len: number): number {
  for (const [over, endings] of CASE_TIERS) {
    const ending = endings.find((candidate) => len > over && endsWith(s, len, candidate))
    if (ending !== undefined) return len - ending.length
  }
  return len > 3 && FINAL_VOWELS.has(s[len - 1] ?? '') ? len - 1 : len
}

function removePossessives(s: readonly string[], len: number): number {
  return len > 5 && ['ov', 'in', 'ův'].some((ending) => endsWith(s, len, ending)) ? len - 2 : len
}

function normalize(s: string[], len: number): number {
  if (endsWith(s, len, 'čt') || endsWith(s, len, 'št')) {
    s[len - 2] = s[len - 2] === 'č' ? 'c' : 's'
    s[len - 1] = 'k'
    return len
  }
  const last = s[len - 1]
  if (last === 'c' || last === 'č') {
    s[len - 1] = 'k'
    return len
  }
  if (last === 'z' || last === 'ž') {
    s[len - 1] = 'h'
    return len
  }
  if (len > 1 && s[len - 2] === 'e') {
    s[len - 2] = last ?? ''
    return len - 1
  }
  if (len > 2 && s[len - 2] === 'ů') s[len - 2] = 'o'
  return len
}

export function czechStem(term: string): string {
  const s = toUnits(term)
  let len = removePossessives(s, removeCase(s, s.length))
  if (len > 0) len = normalize(s, len)
  return s.slice(0, len).join('')
}
