// Lucene 9's CJKBigramFilter, Elasticsearch's `cjk_bigram` token filter: runs of Han, Hiragana, Katakana and
// Hangul chars, as the standard tokenizer types them (<IDEOGRAPHIC>, <HIRAGANA>, <KATAKANA>, <HANGUL>), become
// overlapping bigrams of type <DOUBLE> ("東京都" -> "東京", "京都"); a CJK char with no CJK neighbour is output
// alone as <SINGLE>. Tokens of those types join one run while each starts where the one before it ended;
// other tokens pass through unchanged and end the run. A bigram or unigram has position increment 1 and
// length 1, whatever the tokens it came from had.
// output_unigrams also outputs every char as <SINGLE>, each bigram following the unigram it starts with,
// at the same position (increment 0) and spanning two positions.
// Offsets: each char's own, or the whole token's when the token's offsets do not span its length.
// Settings (CJKBigramFilterFactory): ignored_scripts (han, hiragana, katakana, hangul; other values are
// ignored) and output_unigrams (false).
import { boolSetting, listSetting, type AnalysisSettings } from '../custom/analysis-settings.ts'
import { positionIncrementOf, type GraphTokenList } from '../custom/token-graph.ts'
import type { KeywordTokenList } from '../stemmers/keyword-attribute.ts'
import type { TokenFilter } from '../token-list.ts'
import { IncrementOutput } from './word-delimiter-filter.ts'

const SCRIPT_TYPES: ReadonlyMap<string, string> = new Map([
  ['han', '<IDEOGRAPHIC>'],
  ['hiragana', '<HIRAGANA>'],
  ['katakana', '<KATAKANA>'],
  ['hangul', '<HANGUL>'],
])

interface Char {
  text: string
  start: number
  end: number
}

export class CJKBigramFilter implements TokenFilter {
  readonly name = 'cjk_bigram'

  constructor(
    private readonly types: ReadonlySet<string>,
    private readonly outputUnigrams: boolean,
  ) {}

  filter(tokens: GraphTokenList & KeywordTokenList): GraphTokenList & KeywordTokenList {
    const out = new IncrementOutput()
    let buffer: Char[] = []
    let index = 0
    let lastEndOffset = 0
    let bigramNext = false
    const unigram = (): void => {
      const char = buffer[index++]
      if (char) out.emit(char.text, char.start, char.end, '<SINGLE>', 1)
    }
    const bigram = (): void => {
      const first = buffer[index]
      const second = buffer[index + 1]
      index++
      if (!first || !second) return
      const stacked = this.outputUnigrams
      out.emit(
        first.text + second.text,
        first.start,
        second.end,
        '<DOUBLE>',
        stacked ? 0 : 1,
        stacked ? 2 : 1,
      )
    }
    /** hasBufferedUnigram: a char whose future depends on what comes next. */
    const lone = (): boolean =>
      this.outputUnigrams ? buffer.length - index === 1 : buffer.length === 1 && index === 0
    const drainBigrams = (): void => {
      while (buffer.length - index > 1) {
        if (!this.outputUnigrams) bigram()
        else if (bigramNext) bigram()
        else {
          unigram()
          index--
        }
        if (this.outputUnigrams) bigramNext = !bigramNext
      }
    }
    tokens.terms.forEach((term, i) => {
      const start = tokens.startOffsets[i] ?? 0
      const end = tokens.endOffsets[i] ?? 0
      if (this.types.has(tokens.types[i] ?? '')) {
        if (start !== lastEndOffset) {
          if (lone()) unigram()
          index = 0
          buffer = []
        }
        const whole = end - start !== term.length
        let offset = start
        for (const text of term) {
          buffer.push(whole ? { text, start, end } : { text, start: offset, end: offset + text.length })
          offset += text.length
        }
        lastEndOffset = end
        drainBigrams()
        return
      }
      if (lone()) unigram()
      out.pass(tokens, i, positionIncrementOf(tokens, i))
    })
    if (lone()) unigram()
    return out.list
  }
}

export function cjkBigramFilter(settings: AnalysisSettings): TokenFilter {
  const ignored = new Set(listSetting(settings, 'ignored_scripts') ?? [])
  const types = new Set([...SCRIPT_TYPES].filter(([script]) => !ignored.has(script)).map(([, type]) => type))
  return new CJKBigramFilter(types, boolSetting(settings, 'output_unigrams', false))
}
