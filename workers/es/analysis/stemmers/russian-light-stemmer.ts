// Lucene's RussianLightStemmer (org.apache.lucene.analysis.ru), Dolamic and Savoy's "Indexing and
// Searching Strategies for the Russian Language": `stemmer` language light_russian / lightRussian.
// Lower-case input. Case endings: one of the four-unit endings (over six units), else one of the
// three-unit ones (over five), else one of the two-unit ones (over four), else one final vowel, й or ь
// (over three); then normalization (over three units): a final ь or и dropped, or нн made н. The lists
// are Lucene's, including its "оьв" and "ьв".
import { endsWith, toUnits } from './stem-buffer.ts'

const ENDINGS_OVER: readonly (readonly [number, readonly string[]])[] = [
  [6, ['иями', 'оями']],
  [
    5,
    ['иям', 'иях', 'оях', 'ями', 'оям', 'оьв', 'ами', 'его', 'ему', 'ери', 'ими', 'ого', 'ому', 'ыми', 'оев'],
  ],
  [
    4,
    [
      ...['ая', 'яя', 'ях', 'юю', 'ах', 'ею', 'их', 'ия', 'ию', 'ьв', 'ою', 'ую', 'ям', 'ых', 'ея'],
      ...['ам', 'ем', 'ей', 'ём', 'ев', 'ий', 'им', 'ое', 'ой', 'ом', 'ов', 'ые', 'ый', 'ым', 'ми'],
    ],
  ],
]

const FINAL_LETTERS = new Set([...'аеиоуйыяь'])

function removeCase(s: readonly string[], len: number): number {
  for (const [over, endings] of ENDINGS_OVER) {
    const ending = endings.find((candidate) => len > over && endsWith(s, len, candidate))
    if (ending !== undefined) return len - ending.length
  }
  return len > 3 && FINAL_LETTERS.has(s[len - 1] ?? '') ? len - 1 : len
}

function normalize(s: readonly string[], len: number): number {
  if (len <= 3) return len
  const last = s[len - 1]
  if (last === 'ь' || last === 'и') return len - 1
  return last === 'н' && s[len - 2] === 'н' ? len - 1 : len
}

export function russianLightStem(term: string): string {
  const s = toUnits(term)
  return s.slice(0, normalize(s, removeCase(s, s.length))).join('')
}
