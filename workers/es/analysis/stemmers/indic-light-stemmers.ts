// Lucene's HindiStemmer (Ramanathan and Rao, "A Lightweight Stemmer for Hindi") and BengaliStemmer
// (Sengupta and Chaudhuri, with criteria from Savoy's BengaliStemmerLight), the `stemmer` languages hindi
// and bengali and the last step of the hindi and bengali analyzers: tiers of suffixes, longest first;
// the first tier whose length bound the term (in UTF-16 units) exceeds and one of whose suffixes it ends
// with cuts the tier's length, once. The Bengali suffixes hold য় as the one unit U+09DF (its NFC form is
// two units, য + nukta), as Lucene's source does: TestBengaliStemmer's "মেয়েদেরকে" -> "মে" needs it.
import { endsWith, toUnits } from './stem-buffer.ts'

type Tier = readonly [minExclusive: number, cut: number, suffixes: readonly string[]]

function tieredStemmer(tiers: readonly Tier[]): (term: string) => string {
  return (term) => {
    const units = toUnits(term)
    const len = units.length
    for (const [over, cut, suffixes] of tiers) {
      if (len > over && suffixes.some((suffix) => endsWith(units, len, suffix)))
        return term.slice(0, len - cut)
    }
    return term
  }
}

export const hindiStem = tieredStemmer([
  [6, 5, ['ाएंगी', 'ाएंगे', 'ाऊंगी', 'ाऊंगा', 'ाइयाँ', 'ाइयों', 'ाइयां']],
  [
    5,
    4,
    [
      ...['ाएगी', 'ाएगा', 'ाओगी', 'ाओगे', 'एंगी', 'ेंगी', 'एंगे', 'ेंगे', 'ूंगी', 'ूंगा'],
      ...['ातीं', 'नाओं', 'नाएं', 'ताओं', 'ताएं', 'ियाँ', 'ियों', 'ियां'],
    ],
  ],
  [
    4,
    3,
    [
      ...['ाकर', 'ाइए', 'ाईं', 'ाया', 'ेगी', 'ेगा', 'ोगी', 'ोगे', 'ाने', 'ाना'],
      ...['ाते', 'ाती', 'ाता', 'तीं', 'ाओं', 'ाएं', 'ुओं', 'ुएं', 'ुआं'],
    ],
  ],
  [3, 2, [...['कर', 'ाओ', 'िए', 'ाई', 'ाए', 'ने', 'नी', 'ना'], ...['ते', 'ीं', 'ती', 'ता', 'ाँ', 'ां', 'ों', 'ें']]],
  [2, 1, ['ो', 'े', 'ू', 'ु', 'ी', 'ि', 'ा']],
])

export const bengaliStem = tieredStemmer([
  [9, 8, ['িয়াছিলাম', 'িতেছিলাম', 'িতেছিলেন', 'ইতেছিলেন', 'িয়াছিলেন', 'ইয়াছিলেন']],
  [8, 7, ['িতেছিলি', 'িতেছিলে', 'িয়াছিলা', 'িয়াছিলে', 'িতেছিলা', 'িয়াছিলি', 'য়েদেরকে']],
  [7, 6, ['িতেছিস', 'িতেছেন', 'িয়াছিস', 'িয়াছেন', 'েছিলাম', 'েছিলেন', 'েদেরকে']],
  [
    6,
    5,
    [
      ...['িতেছি', 'িতেছা', 'িতেছে', 'ছিলাম', 'ছিলেন', 'িয়াছি'],
      ...['িয়াছা', 'িয়াছে', 'েছিলে', 'েছিলা', 'য়েদের', 'দেরকে'],
    ],
  ],
  [
    5,
    4,
    [
      ...['িলাম', 'িলেন', 'িতাম', 'িতেন', 'িবেন', 'ছিলি', 'ছিলে', 'ছিলা'],
      ...['তেছে', 'িতেছ', 'খানা', 'খানি', 'গুলো', 'গুলি', 'য়েরা', 'েদের'],
    ],
  ],
  [
    4,
    3,
    [
      ...['লাম', 'িলি', 'ইলি', 'িলে', 'ইলে', 'লেন', 'িলা', 'ইলা', 'তাম', 'িতি'],
      ...['ইতি', 'িতে', 'ইতে', 'তেন', 'িতা', 'িবা', 'ইবা', 'িবি', 'ইবি', 'বেন'],
      ...['িবে', 'ইবে', 'ছেন', 'য়োন', 'য়ের', 'েরা', 'দের'],
    ],
  ],
  [
    3,
    2,
    [
      ...['িস', 'েন', 'লি', 'লে', 'লা', 'তি', 'তে', 'তা', 'বি', 'বে', 'বা', 'ছি'],
      ...['ছা', 'ছে', 'ুন', 'ুক', 'টা', 'টি', 'নি', 'ের', 'তে', 'রা', 'কে'],
    ],
  ],
  [2, 1, ['ি', 'ী', 'া', 'ো', 'ে', 'ব', 'ত']],
])
