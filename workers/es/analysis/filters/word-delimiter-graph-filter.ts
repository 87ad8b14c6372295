// Lucene's WordDelimiterGraphFilter, Elasticsearch's `word_delimiter_graph` token filter: the same subwords,
// parts and catenations as word_delimiter (word-delimiter-filter.ts), laid out as a correct token graph.
// Each part takes the next position of the term's own numbering; a catenation spans the positions of the parts
// it joins (positionLength = their count; a catenation output without its parts takes one position of its
// own); the preserved original comes first and spans every position of the term. After the original, tokens go
// out sorted by start char in the term, then longer first (stable), so "wifi" precedes "wi". A term of
// delimiters only is dropped leaving a hole, or with preserve_original passed on. Parts keep every attribute of
// the term but term, offsets, increment and length.
// Offsets: with adjust_offsets (the default) a part's are its slice of the term's when the term's offsets span
// its length, else the term's; they never go below the start offset of the part output before (across terms).
import { positionIncrementOf, type GraphTokenList } from '../custom/token-graph.ts'
import { isKeyword, type KeywordTokenList } from '../stemmers/keyword-attribute.ts'
import type { TokenFilter } from '../token-list.ts'
import {
  CATENATE_ALL,
  IGNORE_KEYWORDS,
  IncrementOutput,
  PRESERVE_ORIGINAL,
  catenates,
  generatesParts,
  newIterator,
  type WordDelimiterOptions,
} from './word-delimiter-filter.ts'
import { DONE, type WordDelimiterIterator } from './word-delimiter-iterator.ts'

interface GraphPart {
  /** The term text, or null for the slice [startPart, endPart) of the term. */
  text: string | null
  startPos: number
  endPos: number
  startPart: number
  endPart: number
}

interface Concatenation {
  text: string
  startPart: number
  endPart: number
  startPos: number
  type: number
  count: number
}

const emptyConcatenation = (): Concatenation => ({
  text: '',
  startPart: 0,
  endPart: 0,
  startPos: 0,
  type: 0,
  count: 0,
})

/** bufferWordParts: the parts and catenations of one term, with their graph positions, in output order. */
class TermParts {
  readonly parts: GraphPart[] = []
  private wordPos = 0
  private lastConcatCount = 0
  private concat = emptyConcatenation()
  private concatAll = emptyConcatenation()

  constructor(
    private readonly flags: number,
    private readonly iterator: WordDelimiterIterator,
    private readonly term: string,
  ) {
    const preserve = (flags & PRESERVE_ORIGINAL) !== 0
    if (preserve) this.buffer(null, 0, 1, 0, term.length)
    if (iterator.isSingleWord()) {
      this.buffer(null, this.wordPos, this.wordPos + 1, iterator.current, iterator.end)
      this.wordPos++
      iterator.next()
    } else {
      this.collect()
    }
    const original = this.parts[0]
    if (preserve && original) {
      if (this.wordPos === 0) this.wordPos++
      original.endPos = this.wordPos
    }
    const head = preserve ? this.parts.slice(0, 1) : []
    const tail = this.parts.slice(head.length)
    const order = tail
      .map((part, index) => ({ part, index }))
      .sort(
        (a, b) => a.part.startPart - b.part.startPart || b.part.endPart - a.part.endPart || a.index - b.index,
      )
    this.parts.splice(0, this.parts.length, ...head, ...order.map(({ part }) => part))
  }

  private collect(): void {
    const iterator = this.iterator
    while (iterator.end !== DONE) {
      const wordType = iterator.type()
      if (this.concat.text !== '' && (this.concat.type & wordType) === 0) this.flushConcatenation()
      if (catenates(this.flags, wordType)) this.concatenate(this.concat)
      if ((this.flags & CATENATE_ALL) !== 0) this.concatenate(this.concatAll)
      if (generatesParts(this.flags, wordType)) {
        this.buffer(null, this.wordPos, this.wordPos + 1, iterator.current, iterator.end)
        this.wordPos++
      }
      iterator.next()
    }
    if (this.concat.text !== '') this.flushConcatenation()
    const all = this.concatAll
    if (all.text !== '' && all.count > this.lastConcatCount) {
      if (this.wordPos === all.startPos) this.wordPos++
      this.write(all)
    }
    this.concatAll = emptyConcatenation()
  }

  private buffer(
    text: string | null,
    startPos: number,
    endPos: number,
    startPart: number,
    endPart: number,
  ): void {
    this.parts.push({ text, startPos, endPos, startPart, endPart })
  }

  private flushConcatenation(): void {
    const concat = this.concat
    if (this.wordPos === concat.startPos) this.wordPos++
    this.lastConcatCount = concat.count
    if (concat.count !== 1 || !generatesParts(this.flags, concat.type)) this.write(concat)
    this.concat = emptyConcatenation()
  }

  private concatenate(concat: Concatenation): void {
    const iterator = this.iterator
    if (concat.text === '') {
      concat.type = iterator.type()
      concat.startPart = iterator.current
      concat.startPos = this.wordPos
    }
    concat.text += this.term.slice(iterator.current, iterator.end)
    concat.count++
    concat.endPart = iterator.end
  }

  private write(concat: Concatenation): void {
    this.buffer(concat.text, concat.startPos, this.wordPos, concat.startPart, concat.endPart)
  }
}

export class WordDelimiterGraphFilter implements TokenFilter {
  readonly name = 'word_delimiter_graph'

  constructor(
    private readonly options: WordDelimiterOptions,
    private readonly adjustOffsets: boolean,
  ) {}

  filter(tokens: GraphTokenList & KeywordTokenList): GraphTokenList & KeywordTokenList {
    const { flags, protectedWords } = this.options
    const iterator = newIterator(this.options)
    const out = new IncrementOutput()
    let accumPosInc = 0
    let lastStartOffset = 0
    tokens.terms.forEach((term, i) => {
      const increment = positionIncrementOf(tokens, i)
      if ((flags & IGNORE_KEYWORDS) !== 0 && isKeyword(tokens, i)) {
        out.pass(tokens, i, increment)
        return
      }
      accumPosInc += increment
      iterator.setText(term)
      iterator.next()
      if ((iterator.current === 0 && iterator.end === term.length) || protectedWords?.has(term)) {
        out.pass(tokens, i, accumPosInc)
        accumPosInc = 0
        return
      }
      if (iterator.end === DONE) {
        if ((flags & PRESERVE_ORIGINAL) === 0) return
        accumPosInc = 0
        out.pass(tokens, i, increment)
        return
      }
      const savedStart = tokens.startOffsets[i] ?? 0
      const savedEnd = tokens.endOffsets[i] ?? 0
      const adjusting = this.adjustOffsets && savedEnd - savedStart === term.length
      let wordPos = 0
      for (const part of new TermParts(flags, iterator, term).parts) {
        const start = Math.max(adjusting ? savedStart + part.startPart : savedStart, lastStartOffset)
        const end = Math.max(adjusting ? savedStart + part.endPart : savedEnd, lastStartOffset)
        lastStartOffset = start
        out.emit(
          part.text ?? term.slice(part.startPart, part.endPart),
          start,
          end,
          tokens.types[i] ?? '',
          accumPosInc + part.startPos - wordPos,
          part.endPos - part.startPos,
          isKeyword(tokens, i),
        )
        accumPosInc = 0
        wordPos = part.startPos
      }
    })
    return out.list
  }
}
