// Lucene's BulgarianStemmer (Savoy, "Searching Strategies for the Bulgarian Language"), the `stemmer`
// language bulgarian and the last step of the bulgarian analyzer. Lower-case input; terms under four
// UTF-16 units are kept. -ища (over 5) is cut at once; otherwise the definite article (-ият over 6; -ът
// -то -те -та -ия over 5; -ят over 4), then a plural (over 6: -овци -> -о, -ове cut, -еве -> -й; over 5:
// -ища -та cut, -ци -> -к, -зи -> -г, е?и -> я? ; over 4: -си -> -х, -и cut), then (over 3) a final я and
// then a final а/о/е, then (over 4) -ен -> -н, then (over 5) ъ before the last unit dropped.
import { endsWith, toUnits } from './stem-buffer.ts'

function removeArticle(s: readonly string[], len: number): number {
  if (len > 6 && endsWith(s, len, 'ият')) return len - 3
  if (len > 5 && ['ът', 'то', 'те', 'та', 'ия'].some((ending) => endsWith(s, len, ending))) return len - 2
  return len > 4 && endsWith(s, len, 'ят') ? len - 2 : len
}

function removePlural(s: string[], len: number): number {
  if (len > 6) {
    if (endsWith(s, len, 'овци') || endsWith(s, len, 'ове')) return len - 3
    if (endsWith(s, len, 'еве')) {
      s[len - 3] = 'й'
      return len - 2
    }
  }
  if (len > 5) {
    if (endsWith(s, len, 'ища')) return len - 3
    if (endsWith(s, len, 'та')) return len - 2
    if (endsWith(s, len, 'ци') || endsWith(s, len, 'зи')) {
      s[len - 2] = s[len - 2] === 'ц' ? 'к' : 'г'
      return len - 1
    }
    if (s[len - 3] === 'е' && s[len - 1] === 'и') {
      s[len - 3] = 'я'
      return len - 1
    }
  }
  if (len > 4) {
    if (endsWith(s, len, 'си')) {
      s[len - 2] = 'х'
      return len - 1
    }
    if (endsWith(s, len, 'и')) return len - 1
  }
  return len
}

export function bulgarianStem(term: string): string {
  const s = toUnits(term)
  let len = s.length
  if (len < 4) return term
  if (len > 5 && endsWith(s, len, 'ища')) return term.slice(0, len - 3)
  len = removePlural(s, removeArticle(s, len))
  if (len > 3) {
    if (endsWith(s, len, 'я')) len--
    if (endsWith(s, len, 'а') || endsWith(s, len, 'о') || endsWith(s, len, 'е')) len--
  }
  if (len > 4 && endsWith(s, len, 'ен')) {
    s[len - 2] = 'н'
    len--
  }
  if (len > 5 && s[len - 2] === 'ъ') {
    s[len - 2] = s[len - 1] ?? ''
    len--
  }
  return s.slice(0, len).join('')
}
