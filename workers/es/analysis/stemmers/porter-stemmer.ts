// Lucene's org.apache.lucene.analysis.en.PorterStemmer, the stemmer behind the `porter_stem` token filter,
// the `stemmer` filter's "english"/"porter" languages and the `english` analyzer: Martin Porter's own
// reference implementation (release 3) of the 1980 algorithm, with its known departures from the paper:
// - words of one or two characters are returned unchanged;
// - step 2 of the paper maps -bli to -ble (not -abli to -able) and adds -logi -> -log;
// - in the -y -> -i step, 'y' is a consonant at the start of the word or after a vowel;
// - in steps 2 and 4 (paper numbering) the first listed suffix that matches wins, even when its measure
//   condition then fails ("-ement" matched but kept blocks "-ment" and "-ent");
// - the final step checks the double 'l' with the measure of the whole word.
// Letters other than a, e, i, o, u (and a vowel-like y) count as consonants, including every non-ASCII
// character. Works on UTF-16 code units, as Java's char[] does.

/** [suffix, replacement] rules in Lucene's order: the first suffix that matches is the only one tried. */
type SuffixRules = readonly (readonly [string, string])[]

const STEP3_RULES: SuffixRules = [
  ['ational', 'ate'],
  ['tional', 'tion'],
  ['enci', 'ence'],
  ['anci', 'ance'],
  ['izer', 'ize'],
  ['bli', 'ble'],
  ['alli', 'al'],
  ['entli', 'ent'],
  ['eli', 'e'],
  ['ousli', 'ous'],
  ['ization', 'ize'],
  ['ation', 'ate'],
  ['ator', 'ate'],
  ['alism', 'al'],
  ['iveness', 'ive'],
  ['fulness', 'ful'],
  ['ousness', 'ous'],
  ['aliti', 'al'],
  ['iviti', 'ive'],
  ['biliti', 'ble'],
  ['logi', 'log'],
]

const STEP4_RULES: SuffixRules = [
  ['icate', 'ic'],
  ['ative', ''],
  ['alize', 'al'],
  ['iciti', 'ic'],
  ['ical', 'ic'],
  ['ful', ''],
  ['ness', ''],
]

/** Suffixes removed in context m > 1; "ion" only after 's' or 't'. */
const STEP5_SUFFIXES: readonly string[] = [
  'al',
  'ance',
  'ence',
  'er',
  'ic',
  'able',
  'ible',
  'ant',
  'ement',
  'ment',
  'ent',
  'ion',
  'ou',
  'ism',
  'ate',
  'iti',
  'ous',
  'ive',
  'ize',
]

/** The word being stemmed: chars[0..end] is the current word, stem the last index of the stem under test. */
class PorterWord {
  private readonly chars: string[]
  private end: number
  private stem = 0

  constructor(word: string) {
    this.chars = word.split('')
    this.end = this.chars.length - 1
  }

  toString(): string {
    return this.chars.slice(0, this.end + 1).join('')
  }

  private charAt(index: number): string {
    return this.chars[index] ?? ''
  }

  private isConsonant(index: number): boolean {
    switch (this.charAt(index)) {
      case 'a':
      case 'e':
      case 'i':
      case 'o':
      case 'u':
        return false
      case 'y':
        return index === 0 || !this.isConsonant(index - 1)
      default:
        return true
    }
  }

  /** The number of vowel-consonant sequences in chars[0..stem]: [C](VC){m}[V]. */
  private measure(): number {
    let count = 0
    let index = 0
    while (index <= this.stem && this.isConsonant(index)) index++
    while (index <= this.stem) {
      while (index <= this.stem && !this.isConsonant(index)) index++
      if (index > this.stem) break
      count++
      while (index <= this.stem && this.isConsonant(index)) index++
    }
    return count
  }

  private vowelInStem(): boolean {
    for (let index = 0; index <= this.stem; index++) if (!this.isConsonant(index)) return true
    return false
  }

  private doubleConsonant(index: number): boolean {
    return index >= 1 && this.charAt(index) === this.charAt(index - 1) && this.isConsonant(index)
  }

  /** consonant-vowel-consonant ending at index, the last consonant not w, x or y. */
  private cvc(index: number): boolean {
    if (
      index < 2 ||
      !this.isConsonant(index) ||
      this.isConsonant(index - 1) ||
      !this.isConsonant(index - 2)
    ) {
      return false
    }
    const last = this.charAt(index)
    return last !== 'w' && last !== 'x' && last !== 'y'
  }

  /** Whether the word ends with the suffix; if so the stem is what precedes it. */
  private endsWith(suffix: string): boolean {
    const start = this.end - suffix.length + 1
    if (start < 0) return false
    for (let i = 0; i < suffix.length; i++) if (this.chars[start + i] !== suffix[i]) return false
    this.stem = this.end - suffix.length
    return true
  }

  /** Replaces everything after the stem with the replacement. */
  private setTo(replacement: string): void {
    for (let i = 0; i < replacement.length; i++) this.chars[this.stem + 1 + i] = replacement[i] ?? ''
    this.end = this.stem + replacement.length
  }

  /** The first rule whose suffix matches is applied when the stem's measure is positive. */
  private applyFirst(rules: SuffixRules): void {
    for (const [suffix, replacement] of rules) {
      if (!this.endsWith(suffix)) continue
      if (this.measure() > 0) this.setTo(replacement)
      return
    }
  }

  /** Plurals, -ed and -ing. */
  step1(): void {
    if (this.charAt(this.end) === 's') {
      if (this.endsWith('sses')) this.end -= 2
      else if (this.endsWith('ies')) this.setTo('i')
      else if (this.charAt(this.end - 1) !== 's') this.end--
    }
    if (this.endsWith('eed')) {
      if (this.measure() > 0) this.end--
    } else if ((this.endsWith('ed') || this.endsWith('ing')) && this.vowelInStem()) {
      this.end = this.stem
      if (this.endsWith('at')) this.setTo('ate')
      else if (this.endsWith('bl')) this.setTo('ble')
      else if (this.endsWith('iz')) this.setTo('ize')
      else if (this.doubleConsonant(this.end)) {
        const last = this.charAt(this.end)
        if (last !== 'l' && last !== 's' && last !== 'z') this.end--
      } else if (this.measure() === 1 && this.cvc(this.end)) this.setTo('e')
    }
  }

  /** Terminal y -> i when the stem has a vowel. */
  step2(): void {
    if (this.endsWith('y') && this.vowelInStem()) this.chars[this.end] = 'i'
  }

  /** Double suffixes to single ones. */
  step3(): void {
    this.applyFirst(STEP3_RULES)
  }

  /** -ic-, -full, -ness and the like. */
  step4(): void {
    this.applyFirst(STEP4_RULES)
  }

  /** -ant, -ence and the like, in context m > 1. */
  step5(): void {
    for (const suffix of STEP5_SUFFIXES) {
      if (!this.endsWith(suffix)) continue
      if (suffix === 'ion' && this.charAt(this.stem) !== 's' && this.charAt(this.stem) !== 't') continue
      if (this.measure() > 1) this.end = this.stem
      return
    }
  }

  /** A final -e when m > 1 (or m = 1 and not *o), and -ll -> -l when m > 1. */
  step6(): void {
    this.stem = this.end
    if (this.charAt(this.end) === 'e') {
      const measure = this.measure()
      if (measure > 1 || (measure === 1 && !this.cvc(this.end - 1))) this.end--
    }
    if (this.charAt(this.end) === 'l' && this.doubleConsonant(this.end) && this.measure() > 1) this.end--
  }
}

/** The Porter stem of a lowercase term, as Lucene's PorterStemFilter computes it. */
export function porterStem(term: string): string {
  if (term.length <= 2) return term
  const word = new PorterWord(term)
  word.step1()
  word.step2()
  word.step3()
  word.step4()
  word.step5()
  word.step6()
  return word.toString()
}
