// Lucene's EnglishMinimalStemmer, Harman's "S-Stemmer" (How Effective Is Suffixing?): only plurals, and
// only for terms of three or more characters ending in 's':
//   -ies -> -y unless preceded by 'a' or 'e' ("queries" -> "query", "aies"/"eies" kept whole);
//   -aes, -ees, -oes, -ies (the exceptions above), -us, -ss are kept;
//   any other final 's' is removed ("phrases" -> "phrase", "kings" -> "king").

export function englishMinimalStem(term: string): string {
  const length = term.length
  if (length < 3 || term.charAt(length - 1) !== 's') return term
  const beforeS = term.charAt(length - 2)
  if (beforeS === 'u' || beforeS === 's') return term
  if (beforeS === 'e') {
    const third = term.charAt(length - 3)
    const fourth = term.charAt(length - 4)
    if (length > 3 && third === 'i' && fourth !== 'a' && fourth !== 'e') return term.slice(0, -3) + 'y'
    if (third === 'i' || third === 'a' || third === 'o' || third === 'e') return term
  }
  return term.slice(0, -1)
}
