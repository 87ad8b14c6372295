// The standard tokenizer against Lucene 9.12's TestStandardAnalyzer (apache/lucene,
// lucene/core/src/test/org/apache/lucene/analysis/standard/TestStandardAnalyzer.java) and the
// Elasticsearch 8.17 "Standard tokenizer" reference page, with exact terms, offsets and types.
import { describe, expect, it } from 'vitest'
import { StandardTokenizer } from '../../../../workers/es/analysis/tokenizers/standard-tokenizer.ts'

const standard = new StandardTokenizer()
const terms = (text: string, tokenizer = standard): string[] => tokenizer.tokenize(text).terms
const types = (text: string): string[] => standard.tokenize(text).types

describe('StandardTokenizer: Elasticsearch reference examples', () => {
  const text = "The 2 QUICK Brown-Foxes jumped over the lazy dog's bone."

  it('splits the docs sentence with offsets, types and positions', () => {
    const tokens = standard.tokenize(text)
    expect(tokens.terms).toEqual([
      'The',
      '2',
      'QUICK',
      'Brown',
      'Foxes',
      'jumped',
      'over',
      'the',
      'lazy',
      "dog's",
      'bone',
    ])
    expect(tokens.startOffsets).toEqual([0, 4, 6, 12, 18, 24, 31, 36, 40, 45, 51])
    expect(tokens.endOffsets).toEqual([3, 5, 11, 17, 23, 30, 35, 39, 44, 50, 55])
    expect(tokens.types).toEqual([
      '<ALPHANUM>',
      '<NUM>',
      '<ALPHANUM>',
      '<ALPHANUM>',
      '<ALPHANUM>',
      '<ALPHANUM>',
      '<ALPHANUM>',
      '<ALPHANUM>',
      '<ALPHANUM>',
      '<ALPHANUM>',
      '<ALPHANUM>',
    ])
    expect(tokens.positions).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
  })

  it('cuts tokens at max_token_length 5', () => {
    expect(terms(text, new StandardTokenizer(5))).toEqual([
      'The',
      '2',
      'QUICK',
      'Brown',
      'Foxes',
      'jumpe',
      'd',
      'over',
      'the',
      'lazy',
      "dog's",
      'bone',
    ])
  })
})

describe('StandardTokenizer: Lucene TestStandardAnalyzer', () => {
  it('testOffsets and testTypes', () => {
    const tokens = standard.tokenize('David has 5000 bones')
    expect(tokens.terms).toEqual(['David', 'has', '5000', 'bones'])
    expect(tokens.startOffsets).toEqual([0, 6, 10, 15])
    expect(tokens.endOffsets).toEqual([5, 9, 14, 20])
    expect(tokens.types).toEqual(['<ALPHANUM>', '<ALPHANUM>', '<NUM>', '<ALPHANUM>'])
  })

  it('testEmpty', () => {
    expect(terms('')).toEqual([])
    expect(terms('.')).toEqual([])
    expect(terms(' ')).toEqual([])
  })

  it('testApostrophesSA', () => {
    for (const word of ["O'Reilly", "you're", "she's", "Jim's", "don't", "O'Reilly's"]) {
      expect(terms(word)).toEqual([word])
    }
  })

  it('testNumericSA, testAlphanumericSA, testDelimitersSA', () => {
    expect(terms('21.35')).toEqual(['21.35'])
    expect(terms('R2D2 C3PO')).toEqual(['R2D2', 'C3PO'])
    expect(terms('216.239.63.104')).toEqual(['216.239.63.104'])
    expect(terms('B2B')).toEqual(['B2B'])
    expect(terms('2B')).toEqual(['2B'])
    expect(terms('some-dashed-phrase')).toEqual(['some', 'dashed', 'phrase'])
    expect(terms('dogs,chase,cats')).toEqual(['dogs', 'chase', 'cats'])
    expect(terms('ac/dc')).toEqual(['ac', 'dc'])
  })

  it('testVariousTextSA', () => {
    expect(terms('C embedded developers wanted')).toEqual(['C', 'embedded', 'developers', 'wanted'])
    expect(terms('foo      bar .  FOO <> BAR')).toEqual(['foo', 'bar', 'FOO', 'BAR'])
    expect(terms('"QUOTED" word')).toEqual(['QUOTED', 'word'])
  })

  it('testMid', () => {
    const cases: [string, string[]][] = [
      ['A:B', ['A:B']],
      ['A::B', ['A', 'B']],
      ['1.2', ['1.2']],
      ['A.B', ['A.B']],
      ['1..2', ['1', '2']],
      ['A..B', ['A', 'B']],
      ['1,2', ['1,2']],
      ['1,,2', ['1', '2']],
      ['A.:B', ['A', 'B']],
      ['A:.B', ['A', 'B']],
      ['1,.2', ['1', '2']],
      ['1.,2', ['1', '2']],
      ['A:B_A:B', ['A:B_A:B']],
      ['A:B_A::B', ['A:B_A', 'B']],
      ['1.2_1.2', ['1.2_1.2']],
      ['A.B_A.B', ['A.B_A.B']],
      ['1.2_1..2', ['1.2_1', '2']],
      ['A.B_A..B', ['A.B_A', 'B']],
      ['1,2_1,2', ['1,2_1,2']],
      ['1,2_1,,2', ['1,2_1', '2']],
      ['C_A.:B', ['C_A', 'B']],
      ['C_A:.B', ['C_A', 'B']],
      ['3_1,.2', ['3_1', '2']],
      ['3_1.,2', ['3_1', '2']],
    ]
    for (const [text, expected] of cases) expect(terms(text), text).toEqual(expected)
  })

  it('testThai, testLao: Complex_Context runs stay whole', () => {
    expect(terms('การที่ได้ต้องแสดงว่างานดี. แล้วเธอจะไปไหน? ๑๒๓๔')).toEqual([
      'การที่ได้ต้องแสดงว่างานดี',
      'แล้วเธอจะไปไหน',
      '๑๒๓๔',
    ])
    expect(types('การที่ได้ต้องแสดงว่างานดี. ๑๒๓๔')).toEqual(['<SOUTHEAST_ASIAN>', '<NUM>'])
    expect(terms('ສາທາລະນະລັດ ປະຊາທິປະໄຕ ປະຊາຊົນລາວ')).toEqual(['ສາທາລະນະລັດ', 'ປະຊາທິປະໄຕ', 'ປະຊາຊົນລາວ'])
  })

  it('testChinese, testSupplementary: one token per ideograph, full-width digits and letters', () => {
    expect(terms('我是中国人。 １２３４ Ｔｅｓｔｓ ')).toEqual([
      '我',
      '是',
      '中',
      '国',
      '人',
      '１２３４',
      'Ｔｅｓｔｓ',
    ])
    const tokens = standard.tokenize('𩬅艱鍟䇹愯瀛')
    expect(tokens.terms).toEqual(['𩬅', '艱', '鍟', '䇹', '愯', '瀛'])
    expect(tokens.types).toEqual(Array(6).fill('<IDEOGRAPHIC>'))
    expect(tokens.startOffsets).toEqual([0, 2, 3, 4, 5, 6])
  })

  it('testKorean, testKoreanSA, testJapanese, testCombiningMarks', () => {
    expect(standard.tokenize('훈민정음').types).toEqual(['<HANGUL>'])
    expect(terms('안녕하세요 한글입니다')).toEqual(['안녕하세요', '한글입니다'])
    const japanese = standard.tokenize('仮名遣い カタカナ')
    expect(japanese.terms).toEqual(['仮', '名', '遣', 'い', 'カタカナ'])
    expect(japanese.types).toEqual([
      '<IDEOGRAPHIC>',
      '<IDEOGRAPHIC>',
      '<IDEOGRAPHIC>',
      '<HIRAGANA>',
      '<KATAKANA>',
    ])
    for (const word of ['ざ', 'ザ', '壹゙', '아゙']) expect(terms(word)).toEqual([word])
  })

  it('testLUCENE1545 and non-Latin scripts', () => {
    expect(terms('moͤchte')).toEqual(['moͤchte'])
    expect(terms('ዊኪፔድያ የባለ ብዙ ቋንቋ')).toEqual(['ዊኪፔድያ', 'የባለ', 'ብዙ', 'ቋንቋ'])
    expect(terms('Վիքիպեդիայի 13 միլիոն հոդվածները (4,600` հայերեն')).toEqual([
      'Վիքիպեդիայի',
      '13',
      'միլիոն',
      'հոդվածները',
      '4,600',
      'հայերեն',
    ])
    expect(terms('ویکی پدیای انگلیسی در تاریخ ۲۵ دی ۱۳۷۹ به صورت مکملی برای دانشنامهٔ تخصصی')).toEqual([
      'ویکی',
      'پدیای',
      'انگلیسی',
      'در',
      'تاریخ',
      '۲۵',
      'دی',
      '۱۳۷۹',
      'به',
      'صورت',
      'مکملی',
      'برای',
      'دانشنامهٔ',
      'تخصصی',
    ])
    expect(terms('এখন পর্যন্ত ২০০টিরও বেশী')).toEqual(['এখন', 'পর্যন্ত', '২০০টিরও', 'বেশী'])
  })

  it('testEmoji, testEmojiSequence, testEmojiSequenceWithModifier, testEmojiRegionalIndicator', () => {
    expect(standard.tokenize('💩 💩💩').types).toEqual(['<EMOJI>', '<EMOJI>', '<EMOJI>'])
    expect(terms('💩 💩💩')).toEqual(['💩', '💩', '💩'])
    expect(terms('👩‍❤️‍👩')).toEqual(['👩‍❤️‍👩'])
    expect(terms('👨🏼‍⚕️')).toEqual(['👨🏼‍⚕️'])
    const flags = standard.tokenize('🇺🇸🇺🇸')
    expect(flags.terms).toEqual(['🇺🇸', '🇺🇸'])
    expect(flags.startOffsets).toEqual([0, 4])
  })

  it('testEmojiVariationSequence and testEmojiTagSequence', () => {
    expect(terms('#️⃣')).toEqual(['#️⃣'])
    expect(types('3️⃣')).toEqual(['<EMOJI>'])
    expect(terms('#\uFE0E')).toEqual([])
    const keycapText = standard.tokenize('3\uFE0E')
    expect(keycapText.terms).toEqual(['3\uFE0E'])
    expect(keycapText.types).toEqual(['<NUM>'])
    expect(terms('\u2B55\uFE0E')).toEqual(['\u2B55'])
    expect(terms('\u2B55\uFE0E\u200D\u2B55\uFE0E')).toEqual(['\u2B55', '\u200D\u2B55'])
    expect(terms('🏴󠁧󠁢󠁥󠁮󠁧󠁿')).toEqual(['🏴󠁧󠁢󠁥󠁮󠁧󠁿'])
  })

  it('testEmojiTokenization', () => {
    expect(standard.tokenize('poo💩poo').types).toEqual(['<ALPHANUM>', '<EMOJI>', '<ALPHANUM>'])
    const mixed = standard.tokenize('💩中國💩')
    expect(mixed.terms).toEqual(['💩', '中', '國', '💩'])
    expect(mixed.types).toEqual(['<EMOJI>', '<IDEOGRAPHIC>', '<IDEOGRAPHIC>', '<EMOJI>'])
  })

  it('testHugeDoc', () => {
    expect(terms(' '.repeat(4094) + 'testing 1234')).toEqual(['testing', '1234'])
  })

  it('testMaxTokenLengthDefault and testMaxTokenLengthNonDefault: long runs are split, not dropped', () => {
    const b255 = 'b'.repeat(255)
    expect(terms(`x ${b255} ${b255}b`)).toEqual(['x', b255, b255, 'b'])
    expect(terms('ab cd toolong xy z', new StandardTokenizer(5))).toEqual([
      'ab',
      'cd',
      'toolo',
      'ng',
      'xy',
      'z',
    ])
    const split = new StandardTokenizer(5).tokenize('toolong')
    expect(split.startOffsets).toEqual([0, 5])
    expect(split.positions).toEqual([0, 1])
  })

  it('keeps a surrogate pair whole when the buffer boundary falls inside it', () => {
    // "12345678" + U+10300 (OLD ITALIC LETTER A, ALetter): with max 9 the pair does not fit after "12345678".
    expect(terms('12345678\ud800\udf00', new StandardTokenizer(9))).toEqual(['12345678', '\ud800\udf00'])
    expect(terms('12345678\ud800\udf00')).toEqual(['12345678\ud800\udf00'])
  })

  it('skips lone surrogates and keeps going', () => {
    expect(terms('a\ud800b\udc00c')).toEqual(['a', 'b', 'c'])
  })

  it('rejects max_token_length outside 1..1048576 with Lucene messages', () => {
    expect(() => new StandardTokenizer(0)).toThrow('maxTokenLength must be greater than zero')
    expect(() => new StandardTokenizer(1024 * 1024 + 1)).toThrow('maxTokenLength may not exceed 1048576')
  })
})
