// Lucene's ArabicStemmer (Larkey, Ballesteros and Connell's light10), the `arabic_stem` token filter and
// the `stemmer` language arabic, on normalized text (ArabicNormalizer first). In UTF-16 units:
// 1. the first prefix of ال, وال, بال, كال, فال, لل, و that the term starts with is removed, when at least
//    two units stay (three for the one-unit و);
// 2. then each suffix of ها, ان, ات, ون, ين, يه, ية, ه, ة, ي in that order is removed when the term ends
//    with it and at least two units stay, one after another (يين loses ين, then ي).
const PREFIXES: readonly string[] = [
  '\u0627\u0644',
  '\u0648\u0627\u0644',
  '\u0628\u0627\u0644',
  '\u0643\u0627\u0644',
  '\u0641\u0627\u0644',
  '\u0644\u0644',
  '\u0648',
]

const SUFFIXES: readonly string[] = [
  '\u0647\u0627',
  '\u0627\u0646',
  '\u0627\u062a',
  '\u0648\u0646',
  '\u064a\u0646',
  '\u064a\u0647',
  '\u064a\u0629',
  '\u0647',
  '\u0629',
  '\u064a',
]

function stemPrefix(term: string): string {
  for (const prefix of PREFIXES) {
    const minLength = prefix.length === 1 ? 4 : prefix.length + 2
    if (term.length >= minLength && term.startsWith(prefix)) return term.slice(prefix.length)
  }
  return term
}

function stemSuffix(term: string): string {
  let stem = term
  for (const suffix of SUFFIXES) {
    if (stem.length >= suffix.length + 2 && stem.endsWith(suffix)) stem = stem.slice(0, -suffix.length)
  }
  return stem
}

export function arabicStem(term: string): string {
  return stemSuffix(stemPrefix(term))
}
