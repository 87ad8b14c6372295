// Lucene's KStemmer (Krovetz's inflectional and derivational stemmer), as KStemFilter runs it for the
// `kstem` filter and the `stemmer` languages light_english and kstem. A term is stemmed only when it has 3 to
// 49 chars, all a-z (the filter expects lower-cased input). A term that is a dictionary key stems to its root
// (a conflation or a nationality) or stays as it is; otherwise the endings are tried in Lucene's order
// (plural, past tense, -ing, -ity, -ness, -ion, -er/-or, -ly, -al, -ive, -ize, -ment, -ble, -ism, -ic,
// -ncy, -nce), each rewriting the word and looking the candidate up, and the first step that finds a word
// in the dictionary ends the run; a matched conflation gives its root.
// The word is a char buffer whose logical length and the index k of its "last letter" are tracked apart, as
// Lucene's OpenStringBuilder and k are: a few steps test k while the buffer length differs, and a lookup
// always reads the buffer's whole length. The dictionary (kstem-dictionary.ts) is decoded once, on first use.
import {
  KSTEM_COUNTRY_NATIONALITY,
  KSTEM_DIRECT_CONFLATIONS,
  KSTEM_EXCEPTION_WORDS,
  KSTEM_HEAD_WORDS,
  KSTEM_PROPER_NOUNS,
  KSTEM_SUPPLEMENT_WORDS,
} from './kstem-dictionary.ts'

interface DictEntry {
  exception: boolean
  /** The stem of a conflation or nationality; null when the word is its own stem. */
  root: string | null
}

const DEFAULT_ENTRY: DictEntry = { exception: false, root: null }
const MAX_WORD_LENGTH = 50

let dictionary: Map<string, DictEntry> | null = null

function pairs(list: string, into: Map<string, DictEntry>): void {
  const words = list.split(' ')
  for (let i = 0; i + 1 < words.length; i += 2)
    into.set(words[i] ?? '', { exception: false, root: words[i + 1] ?? null })
}

function buildDictionary(): Map<string, DictEntry> {
  const dict = new Map<string, DictEntry>()
  for (const word of KSTEM_EXCEPTION_WORDS.split(' ')) dict.set(word, { exception: true, root: word })
  pairs(KSTEM_DIRECT_CONFLATIONS, dict)
  pairs(KSTEM_COUNTRY_NATIONALITY, dict)
  for (const chunk of KSTEM_HEAD_WORDS) {
    let previous = ''
    for (const [, shared = '0', rest = ''] of chunk.matchAll(/([0-9A-Z])([a-z]*)/g)) {
      previous = previous.slice(0, parseInt(shared, 36)) + rest
      dict.set(previous, DEFAULT_ENTRY)
    }
  }
  for (const word of KSTEM_SUPPLEMENT_WORDS.split(' ')) dict.set(word, DEFAULT_ENTRY)
  for (const word of KSTEM_PROPER_NOUNS.split(' ')) dict.set(word, DEFAULT_ENTRY)
  return dict
}

function dict(): Map<string, DictEntry> {
  dictionary ??= buildDictionary()
  return dictionary
}

const isVowelChar = (ch: string | undefined): boolean =>
  ch === 'a' || ch === 'e' || ch === 'i' || ch === 'o' || ch === 'u'

/** One stemming run over one term. */
class KStemRun {
  /** The buffer; chars at and past `len` are stale, as in OpenStringBuilder. */
  private readonly buf: string[]
  private len: number
  /** Index of the word's last letter. */
  private k: number
  /** Index of the last letter of the stem before a matched ending. */
  private j = 0
  matched: DictEntry | null = null

  constructor(term: string) {
    this.buf = [...term]
    this.len = term.length
    this.k = term.length - 1
  }

  get word(): string {
    return this.buf.slice(0, this.len).join('')
  }

  private at(index: number): string {
    return this.buf[index] ?? ''
  }

  private setAt(index: number, ch: string): void {
    this.buf[index] = ch
  }

  private setLength(length: number): void {
    this.len = length
  }

  private write(text: string): void {
    for (const ch of text) this.buf[this.len++] = ch
  }

  private isCons(index: number): boolean {
    const ch = this.at(index)
    if (isVowelChar(ch)) return false
    if (ch !== 'y' || index === 0) return true
    return !this.isCons(index - 1)
  }

  private lookup(): boolean {
    this.matched = dict().get(this.word) ?? null
    return this.matched !== null
  }

  /** wordInDict: the entry of the current word, kept as the match when it is not an exception. */
  private wordInDict(): DictEntry | null {
    if (this.matched) return this.matched
    const entry = dict().get(this.word) ?? null
    if (entry && !entry.exception) this.matched = entry
    return entry
  }

  /** endsIn for a literal ending: compares against the buffer's end, guards with k. */
  private endsIn(suffix: string): boolean {
    if (suffix.length > this.k) return false
    const r = this.len - suffix.length
    this.j = this.k
    for (let i = 0; i < suffix.length; i++) if (suffix[i] !== this.at(r + i)) return false
    this.j = r - 1
    return true
  }

  /** endsIn(char...) : compares the letters ending at k. */
  private endsAtK(suffix: string): boolean {
    if (suffix.length > this.k) return false
    const start = this.k - suffix.length + 1
    for (let i = 0; i < suffix.length; i++) if (this.at(start + i) !== suffix[i]) return false
    this.j = this.k - suffix.length
    return true
  }

  private setSuffix(suffix: string): void {
    this.setLength(this.j + 1)
    this.write(suffix)
    this.k = this.j + suffix.length
  }

  private doubleC(i: number): boolean {
    if (i < 1) return false
    if (this.at(i) !== this.at(i - 1)) return false
    return this.isCons(i)
  }

  private vowelInStem(): boolean {
    for (let i = 0; i < this.j + 1; i++) if (!this.isCons(i)) return true
    return false
  }

  plural(): void {
    if (this.at(this.k) !== 's') return
    if (this.endsAtK('ies')) {
      this.setLength(this.j + 3)
      this.k--
      if (this.lookup()) return
      this.k++
      this.write('s')
      this.setSuffix('y')
      this.lookup()
    } else if (this.endsAtK('es')) {
      this.setLength(this.j + 2)
      this.k--
      const tryE = this.j > 0 && !(this.at(this.j) === 's' && this.at(this.j - 1) === 's')
      if (tryE && this.lookup()) return
      this.setLength(this.j + 1)
      this.k--
      if (this.lookup()) return
      this.write('e')
      this.k++
      if (!tryE) this.lookup()
    } else if (this.len > 3 && this.at(this.k - 1) !== 's' && !this.endsAtK('ous')) {
      this.setLength(this.k)
      this.k--
      this.lookup()
    }
  }

  pastTense(): void {
    if (this.len <= 4) return
    if (this.endsAtK('ied')) {
      this.setLength(this.j + 3)
      this.k--
      if (this.lookup()) return
      this.k++
      this.write('d')
      this.setSuffix('y')
      this.lookup()
      return
    }
    if (this.endsAtK('ed') && this.vowelInStem()) {
      this.setLength(this.j + 2)
      this.k = this.j + 1
      const entry = this.wordInDict()
      if (entry && !entry.exception) return
      this.setLength(this.j + 1)
      this.k = this.j
      if (this.lookup()) return
      if (this.doubleC(this.k)) {
        this.setLength(this.k)
        this.k--
        if (this.lookup()) return
        this.write(this.at(this.k))
        this.k++
        this.lookup()
        return
      }
      if (this.at(0) === 'u' && this.at(1) === 'n') {
        this.write('ed')
        this.k += 2
        return
      }
      this.setLength(this.j + 1)
      this.write('e')
      this.k = this.j + 1
    }
  }

  aspect(): void {
    if (this.len <= 5) return
    if (!(this.endsAtK('ing') && this.vowelInStem())) return
    this.setAt(this.j + 1, 'e')
    this.setLength(this.j + 2)
    this.k = this.j + 1
    const entry = this.wordInDict()
    if (entry && !entry.exception) return
    this.setLength(this.k)
    this.k--
    if (this.lookup()) return
    if (this.doubleC(this.k)) {
      this.k--
      this.setLength(this.k + 1)
      if (this.lookup()) return
      this.write(this.at(this.k))
      this.k++
      this.lookup()
      return
    }
    if (this.j > 0 && this.isCons(this.j) && this.isCons(this.j - 1)) {
      this.k = this.j
      this.setLength(this.k + 1)
      return
    }
    this.setLength(this.j + 1)
    this.write('e')
    this.k = this.j + 1
  }

  ityEndings(): void {
    const oldK = this.k
    if (!this.endsAtK('ity')) return
    const j = this.j
    this.setLength(j + 1)
    this.k = j
    if (this.lookup()) return
    this.write('e')
    this.k = j + 1
    if (this.lookup()) return
    this.setAt(j + 1, 'i')
    this.write('ty')
    this.k = oldK
    if (j > 0 && this.at(j - 1) === 'i' && this.at(j) === 'l') {
      this.setLength(j - 1)
      this.write('le')
      this.k = j
      this.lookup()
      return
    }
    if (j > 0 && this.at(j - 1) === 'i' && this.at(j) === 'v') {
      this.setLength(j + 1)
      this.write('e')
      this.k = j + 1
      this.lookup()
      return
    }
    if (j > 0 && this.at(j - 1) === 'a' && this.at(j) === 'l') {
      this.setLength(j + 1)
      this.k = j
      this.lookup()
      return
    }
    if (this.lookup()) return
    this.setLength(j + 1)
    this.k = j
  }

  nceEndings(): void {
    const oldK = this.k
    if (!this.endsAtK('nce')) return
    const j = this.j
    const ch = this.at(j)
    if (ch !== 'e' && ch !== 'a') return
    this.setLength(j)
    this.write('e')
    this.k = j
    if (this.lookup()) return
    this.setLength(j)
    this.k = j - 1
    if (this.lookup()) return
    this.write(ch)
    this.write('nce')
    this.k = oldK
  }

  nessEndings(): void {
    if (!this.endsAtK('ness')) return
    this.setLength(this.j + 1)
    this.k = this.j
    if (this.at(this.j) === 'i') this.setAt(this.j, 'y')
    this.lookup()
  }

  ismEndings(): void {
    if (!this.endsAtK('ism')) return
    this.setLength(this.j + 1)
    this.k = this.j
    this.lookup()
  }

  mentEndings(): void {
    const oldK = this.k
    if (!this.endsAtK('ment')) return
    this.setLength(this.j + 1)
    this.k = this.j
    if (this.lookup()) return
    this.write('ment')
    this.k = oldK
  }

  izeEndings(): void {
    const oldK = this.k
    if (!this.endsAtK('ize')) return
    const j = this.j
    this.setLength(j + 1)
    this.k = j
    if (this.lookup()) return
    this.write('i')
    if (this.doubleC(j)) {
      this.setLength(j)
      this.k = j - 1
      if (this.lookup()) return
      this.write(this.at(j - 1))
    }
    this.setLength(j + 1)
    this.write('e')
    this.k = j + 1
    if (this.lookup()) return
    this.setLength(j + 1)
    this.write('ize')
    this.k = oldK
  }

  ncyEndings(): void {
    if (!this.endsAtK('ncy')) return
    const j = this.j
    if (this.at(j) !== 'e' && this.at(j) !== 'a') return
    this.setAt(j + 2, 't')
    this.setLength(j + 3)
    this.k = j + 2
    if (this.lookup()) return
    this.setAt(j + 2, 'c')
    this.write('e')
    this.k = j + 3
    this.lookup()
  }

  bleEndings(): void {
    const oldK = this.k
    if (!this.endsAtK('ble')) return
    const j = this.j
    const ch = this.at(j)
    if (ch !== 'a' && ch !== 'i') return
    this.setLength(j)
    this.k = j - 1
    if (this.lookup()) return
    if (this.doubleC(this.k)) {
      this.setLength(this.k)
      this.k--
      if (this.lookup()) return
      this.k++
      this.write(this.at(this.k - 1))
    }
    this.setLength(j)
    this.write('e')
    this.k = j
    if (this.lookup()) return
    this.setLength(j)
    this.write('ate')
    this.k = j + 2
    if (this.lookup()) return
    this.setLength(j)
    this.write(ch)
    this.write('ble')
    this.k = oldK
  }

  icEndings(): void {
    if (!this.endsAtK('ic')) return
    const j = this.j
    this.setLength(j + 3)
    this.write('al')
    this.k = j + 4
    if (this.lookup()) return
    this.setAt(j + 1, 'y')
    this.setLength(j + 2)
    this.k = j + 1
    if (this.lookup()) return
    this.setAt(j + 1, 'e')
    if (this.lookup()) return
    this.setLength(j + 1)
    this.k = j
    if (this.lookup()) return
    this.write('ic')
    this.k = j + 2
  }

  ionEndings(): void {
    const oldK = this.k
    if (!this.endsAtK('ion')) return
    if (this.endsIn('ization')) {
      this.setLength(this.j + 3)
      this.write('e')
      this.k = this.j + 3
      this.lookup()
      return
    }
    if (this.endsIn('ition')) {
      this.setLength(this.j + 1)
      this.write('e')
      this.k = this.j + 1
      if (this.lookup()) return
      this.setLength(this.j + 1)
      this.write('ition')
      this.k = oldK
    } else if (this.endsIn('ation')) {
      this.setLength(this.j + 3)
      this.write('e')
      this.k = this.j + 3
      if (this.lookup()) return
      this.setLength(this.j + 1)
      this.write('e')
      this.k = this.j + 1
      if (this.lookup()) return
      this.setLength(this.j + 1)
      this.k = this.j
      if (this.lookup()) return
      this.setLength(this.j + 1)
      this.write('ation')
      this.k = oldK
    }
    if (this.endsIn('ication')) {
      this.setLength(this.j + 1)
      this.write('y')
      this.k = this.j + 1
      if (this.lookup()) return
      this.setLength(this.j + 1)
      this.write('ication')
      this.k = oldK
    }
    this.j = this.k - 3
    this.setLength(this.j + 1)
    this.write('e')
    this.k = this.j + 1
    if (this.lookup()) return
    this.setLength(this.j + 1)
    this.k = this.j
    if (this.lookup()) return
    this.setLength(this.j + 1)
    this.write('ion')
    this.k = oldK
  }

  erAndOrEndings(): void {
    const oldK = this.k
    if (this.at(this.k) !== 'r') return
    if (this.endsAtK('izer')) {
      this.setLength(this.j + 4)
      this.k = this.j + 3
      this.lookup()
      return
    }
    if (!(this.endsAtK('er') || this.endsAtK('or'))) return
    const j = this.j
    const ch = this.at(j + 1)
    if (this.doubleC(j)) {
      this.setLength(j)
      this.k = j - 1
      if (this.lookup()) return
      this.write(this.at(j - 1))
    }
    if (this.at(j) === 'i') {
      this.setAt(j, 'y')
      this.setLength(j + 1)
      this.k = j
      if (this.lookup()) return
      this.setAt(j, 'i')
      this.write('e')
    }
    if (this.at(j) === 'e') {
      this.setLength(j)
      this.k = j - 1
      if (this.lookup()) return
      this.write('e')
    }
    this.setLength(j + 2)
    this.k = j + 1
    if (this.lookup()) return
    this.setLength(j + 1)
    this.k = j
    if (this.lookup()) return
    this.write('e')
    this.k = j + 1
    if (this.lookup()) return
    this.setLength(j + 1)
    this.write(ch)
    this.write('r')
    this.k = oldK
  }

  lyEndings(): void {
    const oldK = this.k
    if (!this.endsAtK('ly')) return
    const j = this.j
    this.setAt(j + 2, 'e')
    if (this.lookup()) return
    this.setAt(j + 2, 'y')
    this.setLength(j + 1)
    this.k = j
    if (this.lookup()) return
    if (j > 0 && this.at(j - 1) === 'a' && this.at(j) === 'l') return
    this.write('ly')
    this.k = oldK
    if (j > 0 && this.at(j - 1) === 'a' && this.at(j) === 'b') {
      this.setAt(j + 2, 'e')
      this.k = j + 2
      return
    }
    if (this.at(j) === 'i') {
      this.setLength(j)
      this.write('y')
      this.k = j
      if (this.lookup()) return
      this.setLength(j)
      this.write('ily')
      this.k = oldK
    }
    this.setLength(j + 1)
    this.k = j
  }

  alEndings(): void {
    const oldK = this.k
    if (this.len < 4) return
    if (!this.endsAtK('al')) return
    const j = this.j
    this.setLength(j + 1)
    this.k = j
    if (this.lookup()) return
    if (this.doubleC(j)) {
      this.setLength(j)
      this.k = j - 1
      if (this.lookup()) return
      this.write(this.at(j - 1))
    }
    this.setLength(j + 1)
    this.write('e')
    this.k = j + 1
    if (this.lookup()) return
    this.setLength(j + 1)
    this.write('um')
    this.k = j + 2
    if (this.lookup()) return
    this.setLength(j + 1)
    this.write('al')
    this.k = oldK
    if (j > 0 && this.at(j - 1) === 'i' && this.at(j) === 'c') {
      this.setLength(j - 1)
      this.k = j - 2
      if (this.lookup()) return
      this.setLength(j - 1)
      this.write('y')
      this.k = j - 1
      if (this.lookup()) return
      this.setLength(j - 1)
      this.write('ic')
      this.k = j
      this.lookup()
      return
    }
    if (this.at(j) === 'i') {
      this.setLength(j)
      this.k = j - 1
      if (this.lookup()) return
      this.write('ial')
      this.k = oldK
      this.lookup()
    }
  }

  iveEndings(): void {
    const oldK = this.k
    if (!this.endsAtK('ive')) return
    const j = this.j
    this.setLength(j + 1)
    this.k = j
    if (this.lookup()) return
    this.write('e')
    this.k = j + 1
    if (this.lookup()) return
    this.setLength(j + 1)
    this.write('ive')
    if (j > 0 && this.at(j - 1) === 'a' && this.at(j) === 't') {
      this.setAt(j - 1, 'e')
      this.setLength(j)
      this.k = j - 1
      if (this.lookup()) return
      this.setLength(j - 1)
      if (this.lookup()) return
      this.write('ative')
      this.k = oldK
    }
    this.setAt(j + 2, 'o')
    this.setAt(j + 3, 'n')
    if (this.lookup()) return
    this.setAt(j + 2, 'v')
    this.setAt(j + 3, 'e')
    this.k = oldK
  }

  /** The main loop: the steps in order until one finds its word. */
  run(): void {
    const steps: Array<() => void> = [
      () => this.plural(),
      () => this.pastTense(),
      () => this.aspect(),
      () => this.ityEndings(),
      () => this.nessEndings(),
      () => this.ionEndings(),
      () => this.erAndOrEndings(),
      () => this.lyEndings(),
      () => this.alEndings(),
      () => {
        this.wordInDict()
        this.iveEndings()
      },
      () => this.izeEndings(),
      () => this.mentEndings(),
      () => this.bleEndings(),
      () => this.ismEndings(),
      () => this.icEndings(),
      () => this.ncyEndings(),
      () => this.nceEndings(),
    ]
    for (const step of steps) {
      step()
      if (this.matched) return
    }
  }
}

/** KStemmer.stem(String): the term's stem, or the term when it is not stemmed. */
export function kstem(term: string): string {
  const k = term.length - 1
  if (k <= 1 || k >= MAX_WORD_LENGTH - 1) return term
  const entry = dict().get(term)
  if (entry) return entry.root ?? term
  if (!/^[a-z]+$/.test(term)) return term
  const run = new KStemRun(term)
  run.run()
  return run.matched?.root ?? run.word
}
