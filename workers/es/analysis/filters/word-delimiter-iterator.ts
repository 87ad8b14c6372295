// Lucene's WordDelimiterIterator: the subwords of one term for the word_delimiter filters, found from a
// character class per UTF-16 char (LOWER 1, UPPER 2, DIGIT 4, SUBWORD_DELIM 8; ALPHA = LOWER|UPPER and
// ALPHANUM = ALPHA|DIGIT are classes a type table may give). Classes of chars below the table's length come
// from the table, the others from Character.getType: Lu UPPER; Ll LOWER; Lt, Lm, Lo, Mn, Me, Mc ALPHA; Nd, Nl,
// No DIGIT; a surrogate ALPHANUM (a pair is never split); anything else SUBWORD_DELIM. The default table
// (chars 0-255) uses Character.isLowerCase/isUpperCase/isDigit instead, so 'ª' and 'º' are LOWER there.
// Leading and trailing delimiters are outside the word's bounds. A subword ends where the class changes,
// except that a class sharing a bit with the last one never breaks, UPPER followed by a letter never breaks
// ("Power" stays whole), ALPHA->ALPHA never breaks without split_on_case_change and letter<->digit never
// breaks without split_on_numerics. With stem_english_possessive a subword's trailing "'s" (after a letter,
// before a delimiter or the end) is skipped.
// A type table setting is ES's WordDelimiterTokenFilterFactory.parseTypes: rules "c => TYPE", where c is one
// char, possibly escaped (\\, \n, \t, \r, \b, \f, \uXXXX), and TYPE one of LOWER, UPPER, ALPHA, DIGIT,
// ALPHANUM, SUBWORD_DELIM; its table covers max(256, highest char + 1) chars, each Character.getType's class
// unless a rule names it.
import { IllegalArgumentException } from '../token-list.ts'

export const LOWER = 0x01
export const UPPER = 0x02
export const DIGIT = 0x04
export const SUBWORD_DELIM = 0x08
export const ALPHA = LOWER | UPPER
export const ALPHANUM = ALPHA | DIGIT
export const DONE = -1

const UPPER_CHAR = /\p{Lu}/u
const LOWER_CHAR = /\p{Ll}/u
const OTHER_ALPHA_CHAR = /[\p{Lt}\p{Lm}\p{Lo}\p{Mn}\p{Me}\p{Mc}]/u
const DIGIT_CHAR = /[\p{Nd}\p{Nl}\p{No}]/u

/** Character.getType(ch)'s class, cached per char (0 = not computed yet; every class is non-zero). */
const typeCache = new Uint8Array(0x10000)

export function charTypeOf(ch: number): number {
  const cached = typeCache[ch] ?? 0
  if (cached !== 0) return cached
  let type = SUBWORD_DELIM
  if (ch >= 0xd800 && ch <= 0xdfff) type = ALPHANUM
  else {
    const text = String.fromCharCode(ch)
    if (UPPER_CHAR.test(text)) type = UPPER
    else if (LOWER_CHAR.test(text)) type = LOWER
    else if (OTHER_ALPHA_CHAR.test(text)) type = ALPHA
    else if (DIGIT_CHAR.test(text)) type = DIGIT
  }
  typeCache[ch] = type
  return type
}

function defaultTable(): Uint8Array {
  const table = new Uint8Array(256)
  for (let ch = 0; ch < 256; ch++) {
    const text = String.fromCharCode(ch)
    if (/\p{Lowercase}/u.test(text)) table[ch] = LOWER
    else if (/\p{Uppercase}/u.test(text)) table[ch] = UPPER
    else if (/\p{Nd}/u.test(text)) table[ch] = DIGIT
    else table[ch] = SUBWORD_DELIM
  }
  return table
}

/** WordDelimiterIterator.DEFAULT_WORD_DELIM_TABLE. */
export const DEFAULT_WORD_DELIM_TABLE: Uint8Array = defaultTable()

const TYPE_NAMES: Readonly<Record<string, number>> = {
  LOWER,
  UPPER,
  ALPHA,
  DIGIT,
  ALPHANUM,
  SUBWORD_DELIM,
}

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' }

/** The factory's parseString: a rule's left side with its escapes resolved. */
function parseString(text: string): string {
  let out = ''
  let read = 0
  while (read < text.length) {
    let c = text.charAt(read++)
    if (c === '\\') {
      if (read >= text.length) throw new IllegalArgumentException(`Invalid escaped char in [${text}]`)
      c = text.charAt(read++)
      if (c === 'u') {
        if (read + 3 >= text.length) throw new IllegalArgumentException(`Invalid escaped char in [${text}]`)
        const hex = text.slice(read, read + 4)
        if (!/^[+-]?[0-9a-fA-F]+$/.test(hex)) {
          throw new IllegalArgumentException(`For input string: "${hex}" under radix 16`)
        }
        c = String.fromCharCode(parseInt(hex, 16) & 0xffff)
        read += 4
      } else c = ESCAPES[c] ?? c
    }
    out += c
  }
  return out
}

const TYPE_RULE = /(.*)\s*=>\s*(.*)\s*$/

/** WordDelimiterTokenFilterFactory.parseTypes: the type table of `type_table` rules. */
export function parseTypeTable(rules: readonly string[]): Uint8Array {
  const overrides = new Map<number, number>()
  for (const rule of rules) {
    const match = TYPE_RULE.exec(rule)
    if (!match) throw new IllegalArgumentException(`Invalid Mapping Rule : [${rule}]`)
    const left = parseString((match[1] ?? '').trim())
    const type = TYPE_NAMES[(match[2] ?? '').trim()]
    if (left.length !== 1) {
      throw new IllegalArgumentException(
        `Invalid Mapping Rule : [${rule}]. Only a single character is allowed.`,
      )
    }
    if (type === undefined)
      throw new IllegalArgumentException(`Invalid Mapping Rule : [${rule}]. Illegal type.`)
    overrides.set(left.charCodeAt(0), type)
  }
  const table = new Uint8Array(Math.max(256, Math.max(-1, ...overrides.keys()) + 1))
  for (let ch = 0; ch < table.length; ch++) table[ch] = overrides.get(ch) ?? charTypeOf(ch)
  return table
}

export const isAlpha = (type: number): boolean => (type & ALPHA) !== 0
export const isDigit = (type: number): boolean => (type & DIGIT) !== 0
export const isSubwordDelim = (type: number): boolean => (type & SUBWORD_DELIM) !== 0
const isUpper = (type: number): boolean => (type & UPPER) !== 0

export interface WordDelimiterIteratorOptions {
  splitOnCaseChange: boolean
  splitOnNumerics: boolean
  stemEnglishPossessive: boolean
}

export class WordDelimiterIterator {
  private text = ''
  private startBounds = 0
  private endBounds = 0
  private hasFinalPossessive = false
  private skipPossessive = false
  /** The current subword is text[current, end); end is DONE after the last one. */
  current = 0
  end = 0

  constructor(
    private readonly table: Uint8Array,
    private readonly options: WordDelimiterIteratorOptions,
  ) {}

  private charType(ch: number): number {
    return ch < this.table.length ? (this.table[ch] ?? SUBWORD_DELIM) : charTypeOf(ch)
  }

  private typeAt(index: number): number {
    return this.charType(this.text.charCodeAt(index))
  }

  setText(text: string): void {
    this.text = text
    this.endBounds = text.length
    this.current = this.startBounds = this.end = 0
    this.skipPossessive = this.hasFinalPossessive = false
    while (this.startBounds < text.length && isSubwordDelim(this.typeAt(this.startBounds))) this.startBounds++
    while (this.endBounds > this.startBounds && isSubwordDelim(this.typeAt(this.endBounds - 1)))
      this.endBounds--
    if (this.endsWithPossessive(this.endBounds)) this.hasFinalPossessive = true
    this.current = this.startBounds
  }

  /** Advances to the next subword; answers its end, or DONE. */
  next(): number {
    this.current = this.end
    if (this.current === DONE) return DONE
    if (this.skipPossessive) {
      this.current += 2
      this.skipPossessive = false
    }
    let lastType = 0
    while (this.current < this.endBounds && isSubwordDelim((lastType = this.typeAt(this.current)))) {
      this.current++
    }
    if (this.current >= this.endBounds) return (this.end = DONE)
    for (this.end = this.current + 1; this.end < this.endBounds; this.end++) {
      const type = this.typeAt(this.end)
      if (this.isBreak(lastType, type)) break
      lastType = type
    }
    if (this.end < this.endBounds - 1 && this.endsWithPossessive(this.end + 2)) this.skipPossessive = true
    return this.end
  }

  /** The current subword's class: its first char's, ALPHA for either case. */
  type(): number {
    if (this.end === DONE) return 0
    const type = this.typeAt(this.current)
    return type === LOWER || type === UPPER ? ALPHA : type
  }

  /** Whether the current subword is the word's only one (delimiters and a final possessive aside). */
  isSingleWord(): boolean {
    const end = this.hasFinalPossessive ? this.endBounds - 2 : this.endBounds
    return this.current === this.startBounds && this.end === end
  }

  private isBreak(lastType: number, type: number): boolean {
    if ((type & lastType) !== 0) return false
    if (!this.options.splitOnCaseChange && isAlpha(lastType) && isAlpha(type)) return false
    if (isUpper(lastType) && isAlpha(type)) return false
    if (
      !this.options.splitOnNumerics &&
      ((isAlpha(lastType) && isDigit(type)) || (isDigit(lastType) && isAlpha(type)))
    ) {
      return false
    }
    return true
  }

  private endsWithPossessive(pos: number): boolean {
    const text = this.text
    return (
      this.options.stemEnglishPossessive &&
      pos > 2 &&
      text[pos - 2] === "'" &&
      (text[pos - 1] === 's' || text[pos - 1] === 'S') &&
      isAlpha(this.typeAt(pos - 3)) &&
      (pos === this.endBounds || isSubwordDelim(this.typeAt(pos)))
    )
  }
}
