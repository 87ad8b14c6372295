// The arabic, persian, sorani, hindi, bengali and cjk analyzers against Lucene 9's TestArabicAnalyzer,
// TestPersianAnalyzer, TestSoraniAnalyzer, TestHindiAnalyzer, TestBengaliAnalyzer and TestCJKAnalyzer; the
// stemmers against TestArabicStemFilter, TestSoraniStemFilter, TestHindiStemmer and TestBengaliStemmer; the
// normalization filters and `stemmer` languages by their Elasticsearch names; the named stop sets.
import { describe, expect, it } from 'vitest'
import {
  ARABIC_STOP_WORDS,
  PERSIAN_STOP_WORDS,
} from '../../../../../workers/es/analysis/filters/asian-stop-words.ts'
import { indicNormalize } from '../../../../../workers/es/analysis/filters/indic-normalizer.ts'
import {
  bengaliNormalize,
  hindiNormalize,
} from '../../../../../workers/es/analysis/filters/indic-script-normalizers.ts'
import { getAnalyzer } from '../../../../../workers/es/analysis/registry.ts'
import { arabicStem } from '../../../../../workers/es/analysis/stemmers/arabic-stemmer.ts'
import { bengaliStem, hindiStem } from '../../../../../workers/es/analysis/stemmers/indic-light-stemmers.ts'
import { soraniStem } from '../../../../../workers/es/analysis/stemmers/sorani-stemmer.ts'
import { chain, rows } from '../analysis-chain.ts'
import { filter, terms, whitespace } from './chain-fixture.ts'

const analyzer = (name: string, settings = {}) => {
  const built = getAnalyzer(name, settings)
  if (!built) throw new Error(`missing analyzer ${name}`)
  return built
}

describe('arabic analyzer (TestArabicAnalyzer)', () => {
  it.each([
    ['كبير', ['كبير']],
    ['كبيرة', ['كبير']],
    ['مشروب', ['مشروب']],
    ['مشروبات', ['مشروب']],
    ['أمريكيين', ['امريك']],
    ['امريكي', ['امريك']],
    ['كتاب', ['كتاب']],
    ['الكتاب', ['كتاب']],
    ['ما ملكت أيمانكم', ['ملكت', 'ايمانكم']],
    ['الذين ملكت أيمانكم', ['ملكت', 'ايمانكم']],
    ['English text.', ['english', 'text']],
    ['١٢٣٤', ['1234']],
  ])('%s -> %j', (text, expected) => {
    expect(terms(analyzer('arabic'), text)).toEqual(expected)
  })

  it('custom stop words and stem_exclusion (testCustomStopwords, testWithStemExclusionSet)', () => {
    expect(terms(analyzer('arabic', { stopwords: ['the', 'and', 'a'] }), 'The quick brown fox.')).toEqual([
      'quick',
      'brown',
      'fox',
    ])
    const text = 'كبيرة the quick ساهدهات'
    expect(terms(analyzer('arabic', { stopwords: '_none_', stem_exclusion: ['ساهدهات'] }), text)).toEqual([
      'كبير',
      'the',
      'quick',
      'ساهدهات',
    ])
    expect(terms(analyzer('arabic', { stopwords: '_none_' }), text)).toEqual(['كبير', 'the', 'quick', 'ساهد'])
  })
})

describe('ArabicStemmer (TestArabicStemFilter)', () => {
  it.each([
    ['الحسن', 'حسن'],
    ['والحسن', 'حسن'],
    ['بالحسن', 'حسن'],
    ['كالحسن', 'حسن'],
    ['فالحسن', 'حسن'],
    ['للاخر', 'اخر'],
    ['وحسن', 'حسن'],
    ['وحد', 'وحد'],
    ['ساهدها', 'ساهد'],
    ['ساهدان', 'ساهد'],
    ['ساهدات', 'ساهد'],
    ['ساهدون', 'ساهد'],
    ['ساهدين', 'ساهد'],
    ['ساهديه', 'ساهد'],
    ['ساهدية', 'ساهد'],
    ['ساهده', 'ساهد'],
    ['ساهدة', 'ساهد'],
    ['ساهدي', 'ساهد'],
    ['وساهدون', 'ساهد'],
    ['ساهدهات', 'ساهد'],
    ['الو', 'الو'],
    ['ال', 'ال'],
    ['', ''],
  ])('%s -> %s', (word, stem) => {
    expect(arabicStem(word)).toBe(stem)
  })

  it('is the arabic_stem filter and the stemmer language arabic; arabic_normalization normalizes', () => {
    expect(terms(whitespace(filter('arabic_stem')), 'الكتاب وساهدون')).toEqual(['كتاب', 'ساهد'])
    expect(terms(whitespace(filter('stemmer', { language: 'arabic' })), 'الكتاب')).toEqual(['كتاب'])
    expect(terms(whitespace(filter('arabic_normalization')), 'أمريكيّة آ إ ى ـكـ')).toEqual([
      'امريكيه',
      'ا',
      'ا',
      'ي',
      'ك',
    ])
  })
})

describe('persian analyzer (TestPersianAnalyzer)', () => {
  it.each([
    ['برگ ها', ['برگ']],
    ['برگ\u200cها', ['برگ']],
    ['خورده مي شده بوده باشد', ['خورده']],
    ['ی ك', ['ي', 'ك']],
    ['۱۲۳', ['123']],
  ])('%j -> %j', (text, expected) => {
    expect(terms(analyzer('persian'), text)).toEqual(expected)
  })

  it('splits at a ZWNJ with the offsets of the original text', () => {
    expect(
      analyzer('persian')
        .analyze('خورده\u200cاند')
        .map((t) => [t.token, t.start_offset, t.end_offset]),
    ).toEqual([['خورده', 0, 5]])
  })

  it('persian_normalization folds farsi yeh, keheh, heh goal and a hamza above', () => {
    expect(terms(whitespace(filter('persian_normalization')), 'ی ے ک ۀ ہ')).toEqual(['ي', 'ي', 'ك', 'ه', 'ه'])
  })
})

describe('sorani (TestSoraniAnalyzer, TestSoraniStemFilter)', () => {
  it('stop words, custom stop words, stem_exclusion', () => {
    expect(terms(analyzer('sorani'), 'ئەم پیاوە')).toEqual(['پیاو'])
    expect(terms(analyzer('sorani', { stopwords: [] }), 'ئەم پیاوە')).toEqual(['ئەم', 'پیاو'])
    expect(terms(analyzer('sorani', { stopwords: [], stem_exclusion: ['پیاوە'] }), 'پیاوە')).toEqual([
      'پیاوە',
    ])
  })

  it.each([
    ['پیاوێک', 'پیاو'],
    ['دەرگایەک', 'دەرگا'],
    ['پیاوەکە', 'پیاو'],
    ['دەرگاکە', 'دەرگا'],
    ['کتاویە', 'کتاوی'],
    ['دەرگایە', 'دەرگا'],
    ['پیاوان', 'پیاو'],
    ['دەرگایان', 'دەرگا'],
    ['پیاوەکان', 'پیاو'],
    ['دەرگاکان', 'دەرگا'],
    ['پیاوانە', 'پیاو'],
    ['دەرگایانە', 'دەرگا'],
    ['هۆتیلی', 'هۆتیل'],
    ['هۆتیلێکی', 'هۆتیل'],
    ['هۆتیلانی', 'هۆتیل'],
    ['دوورەوە', 'دوور'],
    ['نیوەشەودا', 'نیوەشەو'],
    ['سۆرانا', 'سۆران'],
    ['پارەمان', 'پارە'],
    ['پارەتان', 'پارە'],
    ['پارەیان', 'پارە'],
  ])('%s -> %s', (word, stem) => {
    expect(soraniStem(word)).toBe(stem)
  })

  it('sorani_normalization: yeh, kaf, heh before ZWNJ and at the end, a first reh, format chars', () => {
    expect(
      terms(whitespace(filter('sorani_normalization')), 'كى\u0647\u200cر \u0631ا \u0647 a\u200eb'),
    ).toEqual(['کیەر', 'ڕا', 'ە', 'ab'])
    expect(terms(whitespace(filter('stemmer', { language: 'sorani' })), 'پیاوەکان')).toEqual(['پیاو'])
  })
})

describe('hindi (TestHindiAnalyzer, TestHindiStemmer, TestHindiNormalizer)', () => {
  it('the analyzer: both spellings conflate; stem_exclusion', () => {
    expect(terms(analyzer('hindi'), 'हिन्दी हिंदी')).toEqual(['हिंद', 'हिंद'])
    expect(terms(analyzer('hindi', { stem_exclusion: ['हिंदी'] }), 'हिंदी')).toEqual(['हिंदी'])
    expect(terms(analyzer('hindi'), 'अंदर के')).toEqual([])
  })

  it.each([
    ['लडका', 'लडक'],
    ['लडके', 'लडक'],
    ['लडकों', 'लडक'],
    ['गुरु', 'गुर'],
    ['गुरुओं', 'गुर'],
    ['दोस्त', 'दोस्त'],
    ['दोस्तों', 'दोस्त'],
    ['लडकी', 'लडक'],
    ['लडकियों', 'लडक'],
    ['किताब', 'किताब'],
    ['किताबें', 'किताब'],
    ['आग', 'आग'],
  ])('stem %s -> %s', (word, stem) => {
    expect(hindiStem(word)).toBe(stem)
  })

  it('hindi_normalization and indic_normalization', () => {
    expect(hindiNormalize('अँगरेज़ी')).toBe('अंगरेजि')
    expect(hindiNormalize('अँग्रेज़ी')).toBe('अंगरेजि')
    expect(hindiNormalize('न्')).toBe('ं')
    expect(indicNormalize('\u0905\u093e')).toBe('\u0906')
    expect(indicNormalize('\u0915\u093c')).toBe('\u0958')
    expect(indicNormalize('\u09a4\u09cd\u200d')).toBe('\u09ce')
    expect(indicNormalize('\u0905\u0a3e')).toBe('\u0905\u0a3e')
    expect(terms(whitespace(filter('indic_normalization')), '\u0905\u093e')).toEqual(['\u0906'])
    expect(terms(whitespace(filter('hindi_normalization')), 'अँगरेज़ी')).toEqual(['अंगरेजि'])
    expect(terms(whitespace(filter('stemmer', { language: 'hindi' })), 'लडकियों')).toEqual(['लडक'])
  })
})

describe('bengali (TestBengaliAnalyzer, TestBengaliStemmer, TestBengaliNormalizer)', () => {
  it('the analyzer', () => {
    expect(terms(analyzer('bengali'), 'বাড়িতে')).toEqual(['বার'])
    expect(terms(analyzer('bengali'), 'বারী')).toEqual(['বার'])
  })

  it.each([
    ['করেছিলাম', 'কর'],
    ['করিতেছিলে', 'কর'],
    ['খাইতাম', 'খাই'],
    ['যাইবে', 'যা'],
    ['করছিলাম', 'কর'],
    ['করছিলে', 'কর'],
    ['করতাম', 'কর'],
    ['যাব', 'যা'],
    ['যাবে', 'যা'],
    ['করি', 'কর'],
    ['করো', 'কর'],
    ['মে\u09df\u09c7রা', 'মে'],
    ['মে\u09df\u09c7দেরকে', 'মে'],
    ['মে\u09df\u09c7দের', 'মে'],
    ['একটি', 'এক'],
    ['মানুষগুলি', 'মানুষ'],
  ])('stem %s -> %s', (word, stem) => {
    expect(bengaliStem(word)).toBe(stem)
  })

  it.each([
    ['বাড়ি', 'বারি'],
    ['বারী', 'বারি'],
    ['সুন্দর', 'সুন্দর'],
    ['শিক্ষা', 'সিক্সা'],
    ['ণ', 'ন'],
    ['রেণু', 'রেনু'],
    ['সংস্কৃত', 'সংস্কৃত'],
    ['দুঃখ', 'দুখখ'],
    ['সিদ্ধ', 'সিদ্ধ'],
    ['ৎ', 'ত'],
  ])('normalize %s -> %s', (word, normal) => {
    expect(bengaliNormalize(indicNormalize(word))).toBe(normal)
  })

  it('bengali_normalization leaves a keyword-marked term alone; stemmer bengali', () => {
    const marker = { type: 'keyword_marker', keywords: ['বারী'] }
    expect(
      rows(chain('whitespace', [marker, 'bengali_normalization']), 'বারী বারী').map((r) => r[0]),
    ).toEqual(['বারী', 'বারী'])
    expect(terms(whitespace(filter('stemmer', { language: 'bengali' })), 'করেছিলাম')).toEqual(['কর'])
  })
})

describe('cjk analyzer (TestCJKAnalyzer)', () => {
  it('bigrams CJK runs, lowercases and removes the English stop words', () => {
    expect(
      analyzer('cjk')
        .analyze('一二三四五六七八九十 The Quick')
        .map((t) => [t.token, t.start_offset, t.end_offset, t.type]),
    ).toEqual([
      ['一二', 0, 2, '<DOUBLE>'],
      ['二三', 1, 3, '<DOUBLE>'],
      ['三四', 2, 4, '<DOUBLE>'],
      ['四五', 3, 5, '<DOUBLE>'],
      ['五六', 4, 6, '<DOUBLE>'],
      ['六七', 5, 7, '<DOUBLE>'],
      ['七八', 6, 8, '<DOUBLE>'],
      ['八九', 7, 9, '<DOUBLE>'],
      ['九十', 8, 10, '<DOUBLE>'],
      ['quick', 15, 20, '<ALPHANUM>'],
    ])
  })

  it('folds width first: fullwidth Latin and halfwidth katakana', () => {
    expect(terms(analyzer('cjk'), 'Ｔｅｓｔ ｶﾀｶﾅ')).toEqual(['test', 'カタ', 'タカ', 'カナ'])
  })
})

describe('named stop sets', () => {
  it('_arabic_ and _persian_ have the files’ words', () => {
    expect(ARABIC_STOP_WORDS).toHaveLength(119)
    expect(PERSIAN_STOP_WORDS).toHaveLength(308)
  })

  it.each([
    ['_arabic_', 'من كتاب', ['كتاب']],
    ['_persian_', 'از كتاب', ['كتاب']],
    ['_sorani_', 'لە کتێب', ['کتێب']],
    ['_hindi_', 'के किताब', ['किताब']],
    ['_bengali_', 'এই বই', ['বই']],
  ])('%s is a named set of the stop filter', (stopwords, text, expected) => {
    expect(terms(whitespace(filter('stop', { stopwords })), text)).toEqual(expected)
  })

  it('_cjk_ is no name in Elasticsearch: a literal word', () => {
    expect(terms(whitespace(filter('stop', { stopwords: '_cjk_' })), 'www _cjk_')).toEqual(['www'])
  })
})
