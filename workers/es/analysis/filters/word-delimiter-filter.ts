// Lucene's (deprecated) WordDelimiterFilter, Elasticsearch's `word_delimiter` token filter: each term is cut
// into subwords by WordDelimiterIterator; word and number parts are output when generate_word_parts /
// generate_number_parts; a maximal run of word parts (catenate_words) or of number parts (catenate_numbers),
// and all parts (catenate_all), are joined and output at the position of the run's last part. A term that is
// one subword from its first char to its last, or a protected word, passes unchanged; a term of delimiters
// only is dropped (its position is not kept). preserve_original outputs the term first, the parts after it
// from the same position.
// Order within one term: a part of a term surrounded by delimiters ("--x--") goes out at once; the others are
// buffered and go out sorted by start offset, then by position increment, larger first (InPlaceMergeSorter is
// stable), so a catenation follows the part it was built over. Increments: the first part of a term takes the
// term's increment (0 after the original), later parts 1, catenations 0.
// Offsets: a part's are its slice of the term's; when the term's offsets do not span its length (a synonym, a
// stem) every part gets the term's, except a lone subword's end. Parts keep the term's type; the keyword
// flag and position length are cleared, as clearAttributes does.
import { TokenListBuilder, positionIncrementOf, type GraphTokenList } from '../custom/token-graph.ts'
import { isKeyword, type KeywordTokenList } from '../stemmers/keyword-attribute.ts'
import type { TokenFilter } from '../token-list.ts'
import { DONE, WordDelimiterIterator, isAlpha, isDigit } from './word-delimiter-iterator.ts'

export const GENERATE_WORD_PARTS = 1
export const GENERATE_NUMBER_PARTS = 2
export const CATENATE_WORDS = 4
export const CATENATE_NUMBERS = 8
export const CATENATE_ALL = 16
export const PRESERVE_ORIGINAL = 32
export const SPLIT_ON_CASE_CHANGE = 64
export const SPLIT_ON_NUMERICS = 128
export const STEM_ENGLISH_POSSESSIVE = 256
export const IGNORE_KEYWORDS = 512

export interface WordDelimiterOptions {
  flags: number
  table: Uint8Array
  protectedWords: ReadonlySet<string> | null
}

export function newIterator(options: WordDelimiterOptions): WordDelimiterIterator {
  const has = (flag: number): boolean => (options.flags & flag) !== 0
  return new WordDelimiterIterator(options.table, {
    splitOnCaseChange: has(SPLIT_ON_CASE_CHANGE),
    splitOnNumerics: has(SPLIT_ON_NUMERICS),
    stemEnglishPossessive: has(STEM_ENGLISH_POSSESSIVE),
  })
}

/** Whether a part of that class is output (shouldGenerateParts) or catenated (shouldConcatenate). */
export function generatesParts(flags: number, type: number): boolean {
  return (
    ((flags & GENERATE_WORD_PARTS) !== 0 && isAlpha(type)) ||
    ((flags & GENERATE_NUMBER_PARTS) !== 0 && isDigit(type))
  )
}

export function catenates(flags: number, type: number): boolean {
  return (
    ((flags & CATENATE_WORDS) !== 0 && isAlpha(type)) || ((flags & CATENATE_NUMBERS) !== 0 && isDigit(type))
  )
}

/** The output stream built from position increments, with the keyword column. */
export class IncrementOutput {
  private readonly builder = new TokenListBuilder()
  private readonly keywords: boolean[] = []
  private position = -1

  emit(
    term: string,
    start: number,
    end: number,
    type: string,
    increment: number,
    length = 1,
    keyword = false,
  ): void {
    this.position += increment
    this.builder.push(term, start, end, type, Math.max(0, this.position), length)
    this.keywords.push(keyword)
  }

  /** Token i of `tokens` unchanged but for its increment. */
  pass(tokens: GraphTokenList & KeywordTokenList, i: number, increment: number): void {
    this.emit(
      tokens.terms[i] ?? '',
      tokens.startOffsets[i] ?? 0,
      tokens.endOffsets[i] ?? 0,
      tokens.types[i] ?? '',
      increment,
      tokens.positionLengths?.[i] ?? 1,
      isKeyword(tokens, i),
    )
  }

  get list(): GraphTokenList & KeywordTokenList {
    return { ...this.builder.list, keywords: this.keywords }
  }
}

interface Concatenation {
  text: string
  start: number
  end: number
  type: number
  count: number
}

const emptyConcatenation = (): Concatenation => ({ text: '', start: 0, end: 0, type: 0, count: 0 })

interface Part {
  term: string
  start: number
  end: number
  increment: number
}

/** The state of one run over a stream (WordDelimiterFilter's fields between reset() calls). */
class WordDelimiterRun {
  private readonly out = new IncrementOutput()
  private accumPosInc = 0
  private first = true
  // The term being split.
  private term = ''
  private savedStart = 0
  private savedEnd = 0
  private savedType = ''
  private illegalOffsets = false
  private hasOutputToken = false
  private hasOutputFollowingOriginal = false
  private lastConcatCount = 0
  private concat = emptyConcatenation()
  private concatAll = emptyConcatenation()
  private buffered: Part[] = []

  constructor(
    private readonly flags: number,
    private readonly protectedWords: ReadonlySet<string> | null,
    private readonly iterator: WordDelimiterIterator,
  ) {}

  private has(flag: number): boolean {
    return (this.flags & flag) !== 0
  }

  run(tokens: GraphTokenList & KeywordTokenList): GraphTokenList & KeywordTokenList {
    const iterator = this.iterator
    tokens.terms.forEach((term, i) => {
      const increment = positionIncrementOf(tokens, i)
      if (this.has(IGNORE_KEYWORDS) && isKeyword(tokens, i)) {
        this.out.pass(tokens, i, increment)
        return
      }
      this.accumPosInc += increment
      iterator.setText(term)
      iterator.next()
      if ((iterator.current === 0 && iterator.end === term.length) || this.protectedWords?.has(term)) {
        this.out.pass(tokens, i, this.accumPosInc)
        this.accumPosInc = 0
        this.first = false
        return
      }
      if (iterator.end === DONE && !this.has(PRESERVE_ORIGINAL)) {
        if (increment === 1 && !this.first) this.accumPosInc--
        return
      }
      this.term = term
      this.savedStart = tokens.startOffsets[i] ?? 0
      this.savedEnd = tokens.endOffsets[i] ?? 0
      this.savedType = tokens.types[i] ?? ''
      this.illegalOffsets = this.savedEnd - this.savedStart !== term.length
      this.hasOutputToken = false
      this.hasOutputFollowingOriginal = !this.has(PRESERVE_ORIGINAL)
      this.lastConcatCount = 0
      if (this.has(PRESERVE_ORIGINAL)) {
        this.out.pass(tokens, i, this.accumPosInc)
        this.accumPosInc = 0
        this.first = false
      }
      this.splitTerm()
    })
    return this.out.list
  }

  /** The parts and catenations of the saved term (incrementToken's loop while it has saved state). */
  private splitTerm(): void {
    const iterator = this.iterator
    for (;;) {
      if (iterator.end === DONE) {
        if (this.concat.text !== '' && this.flushConcatenation()) continue
        if (this.concatAll.text !== '') {
          if (this.concatAll.count > this.lastConcatCount) {
            this.buffered.push(this.write(this.concatAll))
            this.concatAll = emptyConcatenation()
            continue
          }
          this.concatAll = emptyConcatenation()
        }
        this.flushBuffered()
        return
      }
      if (iterator.isSingleWord()) {
        const part = this.part(true)
        this.out.emit(part.term, part.start, part.end, this.savedType, part.increment)
        iterator.next()
        this.first = false
        continue
      }
      const wordType = iterator.type()
      if (this.concat.text !== '' && (this.concat.type & wordType) === 0) {
        const written = this.flushConcatenation()
        this.hasOutputToken = false
        if (written) continue
      }
      if (catenates(this.flags, wordType)) {
        if (this.concat.text === '') this.concat.type = wordType
        this.concatenate(this.concat)
      }
      if (this.has(CATENATE_ALL)) this.concatenate(this.concatAll)
      if (generatesParts(this.flags, wordType)) this.buffered.push(this.part(false))
      iterator.next()
    }
  }

  private flushBuffered(): void {
    const sorted = this.buffered
      .map((part, index) => ({ part, index }))
      .sort((a, b) => a.part.start - b.part.start || b.part.increment - a.part.increment || a.index - b.index)
    for (const { part } of sorted) {
      const increment = this.first && part.increment === 0 ? 1 : part.increment
      this.first = false
      this.out.emit(part.term, part.start, part.end, this.savedType, increment)
    }
    this.buffered = []
  }

  /** Writes the run of same-class parts when it is not a lone part already output; answers whether it did. */
  private flushConcatenation(): boolean {
    const concat = this.concat
    this.lastConcatCount = concat.count
    this.concat = emptyConcatenation()
    if (concat.count !== 1 || !generatesParts(this.flags, concat.type)) {
      this.buffered.push(this.write(concat))
      return true
    }
    return false
  }

  private concatenate(concat: Concatenation): void {
    const iterator = this.iterator
    if (concat.text === '') concat.start = this.savedStart + iterator.current
    concat.text += this.term.slice(iterator.current, iterator.end)
    concat.count++
    concat.end = this.savedStart + iterator.end
  }

  private write(concat: Concatenation): Part {
    const part = this.illegalOffsets
      ? { term: concat.text, start: this.savedStart, end: this.savedEnd, increment: this.position(true) }
      : { term: concat.text, start: concat.start, end: concat.end, increment: this.position(true) }
    this.accumPosInc = 0
    return part
  }

  /** generatePart: the current subword as a token. */
  private part(singleWord: boolean): Part {
    const iterator = this.iterator
    const start = this.savedStart + iterator.current
    const end = this.savedStart + iterator.end
    const term = this.term.slice(iterator.current, iterator.end)
    const increment = this.position(false)
    if (!this.illegalOffsets) return { term, start, end, increment }
    if (singleWord && start <= this.savedEnd) return { term, start, end: this.savedEnd, increment }
    return { term, start: this.savedStart, end: this.savedEnd, increment }
  }

  /** The increment of the next part (inject: a catenation, stacked on the part before it). */
  private position(inject: boolean): number {
    const increment = this.accumPosInc
    if (this.hasOutputToken) {
      this.accumPosInc = 0
      return inject ? 0 : Math.max(1, increment)
    }
    this.hasOutputToken = true
    if (!this.hasOutputFollowingOriginal) {
      this.hasOutputFollowingOriginal = true
      return 0
    }
    this.accumPosInc = 0
    return Math.max(1, increment)
  }
}

export class WordDelimiterFilter implements TokenFilter {
  readonly name = 'word_delimiter'

  constructor(private readonly options: WordDelimiterOptions) {}

  filter(tokens: GraphTokenList & KeywordTokenList): GraphTokenList & KeywordTokenList {
    const { flags, protectedWords } = this.options
    return new WordDelimiterRun(flags, protectedWords, newIterator(this.options)).run(tokens)
  }
}
