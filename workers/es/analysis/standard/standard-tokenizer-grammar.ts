// The rules of Lucene 9.12's StandardTokenizerImpl.jflex (UAX#29 word breaks, Unicode 12.1) as Regex
// values over an alphabet of classes with word-break features (word-break-classes.ts): the standard tokenizer's
// word-break classes, or url-email-grammar.ts's finer one. In the grammar's order: EMOJI, NUM, HANGUL,
// KATAKANA, ALPHANUM, SOUTHEAST_ASIAN, IDEOGRAPHIC, HIRAGANA, then the catch-all single code point that
// the scanner skips. Read from the .jflex file's macros and rules (apache/lucene,
// lucene/core/src/java/org/apache/lucene/analysis/standard/StandardTokenizerImpl.jflex); written anew.
import { CLASS_COUNT, classFeatures } from '../unicode/word-break-class-table.ts'
import * as F from '../unicode/word-break-classes.ts'
import { alt, opt, plus, seq, star, type Regex } from './regex-nfa.ts'

/** Token types in rule order; SKIP is the catch-all `[^]` rule whose matches are dropped. */
export const RULE_TYPES = [
  '<EMOJI>',
  '<NUM>',
  '<HANGUL>',
  '<KATAKANA>',
  '<ALPHANUM>',
  '<SOUTHEAST_ASIAN>',
  '<IDEOGRAPHIC>',
  '<HIRAGANA>',
] as const
export const SKIP_RULE = RULE_TYPES.length

/** An alphabet of class ids, each with the word-break features (word-break-classes.ts) of its code points. */
export interface WordBreakAlphabet {
  readonly classCount: number
  features(classId: number): number
}

/** The alphabet of word-break-class-table.ts, which the standard tokenizer scans with. */
export const WORD_BREAK_ALPHABET: WordBreakAlphabet = { classCount: CLASS_COUNT, features: classFeatures }

/** The rules over `alphabet`, indexed as RULE_TYPES, with SKIP_RULE last. */
export function standardRules(alphabet: WordBreakAlphabet): Regex[] {
  /** A character set of the classes whose feature mask satisfies the predicate. */
  const chars = (test: (features: number) => boolean): Regex => ({
    kind: 'set',
    classes: Array.from({ length: alphabet.classCount }, (_, classId) => test(alphabet.features(classId))),
  })
  const any = (mask: number): Regex => chars((features) => (features & mask) !== 0)

  const FORMAT_EXTEND_ZWJ = F.WB_FORMAT | F.WB_EXTEND | F.WB_ZWJ
  const PRESENTATION_SELECTORS = F.TEXT_PRESENTATION_SELECTOR | F.EMOJI_PRESENTATION_SELECTOR

  // WB4: X (Extend | Format | ZWJ)* -> X. The emoji variant leaves U+FE0E and U+FE0F out.
  const extFmtZwj = star(any(FORMAT_EXTEND_ZWJ))
  const extFmtZwjSansPresSel = star(
    chars((f) => (f & FORMAT_EXTEND_ZWJ) !== 0 && (f & PRESENTATION_SELECTORS) === 0),
  )
  const ex = (set: Regex): Regex => seq(set, extFmtZwj)
  const emojiEx = (set: Regex): Regex => seq(set, extFmtZwjSansPresSel)

  // Emoji macros.
  const EMOJI_RKAM = F.WB_REGIONAL_INDICATOR | F.KEYCAP_BASE | F.ACCIDENTAL_EMOJI | F.EMOJI_MODIFIER
  const emojiChar = chars(
    (f) => (f & F.EXTENDED_PICTOGRAPHIC) !== 0 || ((f & F.EMOJI) !== 0 && (f & EMOJI_RKAM) === 0),
  )
  const zwj = any(F.WB_ZWJ)
  const emojiPresentationSelector = any(F.EMOJI_PRESENTATION_SELECTOR)
  const emojiModifierEx = emojiEx(any(F.EMOJI_MODIFIER))
  const emojiCharOrPresSeqOrModSeq = alt(
    seq(star(zwj), emojiEx(emojiChar), opt(emojiPresentationSelector)),
    seq(opt(seq(star(zwj), emojiEx(any(F.EMOJI_MODIFIER_BASE)))), emojiModifierEx),
  )
  const regionalIndicatorEx = ex(any(F.WB_REGIONAL_INDICATOR))

  const emoji = alt(
    seq(
      emojiCharOrPresSeqOrModSeq,
      alt(star(seq(zwj, emojiCharOrPresSeqOrModSeq)), seq(plus(any(F.TAG_SPEC)), any(F.TAG_TERM))),
    ),
    seq(emojiEx(any(F.KEYCAP_BASE)), opt(emojiPresentationSelector), emojiEx(any(F.KEYCAP))),
    seq(regionalIndicatorEx, regionalIndicatorEx),
  )

  // Word macros.
  const hangulEx = ex(
    chars((f) => (f & F.SCRIPT_HANGUL) !== 0 && (f & (F.WB_ALETTER | F.WB_HEBREW_LETTER)) !== 0),
  )
  const ahLetterEx = ex(any(F.WB_ALETTER | F.WB_HEBREW_LETTER))
  const numericEx = ex(any(F.WB_NUMERIC))
  const katakanaEx = ex(any(F.WB_KATAKANA))
  const midLetterEx = ex(any(F.WB_MID_LETTER | F.WB_MID_NUM_LET | F.WB_SINGLE_QUOTE))
  const midNumericEx = ex(any(F.WB_MID_NUM | F.WB_MID_NUM_LET | F.WB_SINGLE_QUOTE))
  const extendNumLetEx = ex(any(F.WB_EXTEND_NUM_LET))
  const hebrewLetterEx = ex(any(F.WB_HEBREW_LETTER))

  // WB8, WB11, WB12, WB13a, WB13b.
  const numberRun = seq(numericEx, star(seq(alt(star(extendNumLetEx), midNumericEx), numericEx)))
  const num = seq(star(extendNumLetEx), numberRun, star(extendNumLetEx))

  // WB5..WB7c, WB9, WB10, WB13, WB13a, WB13b.
  const wordCore = alt(
    seq(katakanaEx, star(seq(star(extendNumLetEx), katakanaEx))),
    plus(
      alt(
        seq(hebrewLetterEx, alt(ex(any(F.WB_SINGLE_QUOTE)), seq(ex(any(F.WB_DOUBLE_QUOTE)), hebrewLetterEx))),
        numberRun,
        seq(ahLetterEx, star(seq(alt(star(extendNumLetEx), midLetterEx), ahLetterEx))),
      ),
    ),
  )
  const word = seq(
    star(extendNumLetEx),
    wordCore,
    star(seq(plus(extendNumLetEx), wordCore)),
    star(extendNumLetEx),
  )
  return [
    emoji,
    num,
    plus(hangulEx),
    plus(katakanaEx),
    word,
    plus(ex(any(F.LB_COMPLEX_CONTEXT))),
    ex(any(F.SCRIPT_HAN)),
    ex(any(F.SCRIPT_HIRAGANA)),
    chars(() => true),
  ]
}

/** The rules, indexed as RULE_TYPES, with SKIP_RULE last. */
export const STANDARD_RULES: readonly Regex[] = standardRules(WORD_BREAK_ALPHABET)
