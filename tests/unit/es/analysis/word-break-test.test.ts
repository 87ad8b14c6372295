// Lines of Unicode 12.1's WordBreakTest.txt as Lucene's generated WordBreakTestUnicode_12_1_0 turns them
// into expected tokens (apache/lucene, lucene/test-framework/.../analysis/standard/
// WordBreakTestUnicode_12_1_0.java): the pieces between breaks that hold at least one ALetter,
// Hebrew_Letter, Katakana, Numeric, Han, Hiragana, Complex_Context or Extended_Pictographic character.
import { describe, expect, it } from 'vitest'
import { StandardTokenizer } from '../../../../workers/es/analysis/tokenizers/standard-tokenizer.ts'

const CASES: [string, string[]][] = [
  ['\u0001\u0001', []],
  ['\u0001\u0308\u0001', []],
  ['\u0001\u3031', ['\u3031']],
  ['\u0001\u0308\u0041', ['\u0041']],
  ['\u0001\u003A', []],
  ['\u0001\u0308\u0030', ['\u0030']],
  ['\u0001\u005F', []],
  ['\u0001\uD83C\uDDE6', []],
  ['\u0001\u0308\u05D0', ['\u05D0']],
  ['\u0001"', []],
  ['\u0001\u231A', ['\u231A']],
  ['\u0001\u0308\u00AD', []],
  ['\u0001\u200D', []],
  ['\u0001\u0061\u2060', ['\u0061\u2060']],
  ['\u0001\u0061\u0027\u2060', ['\u0061']],
  ['\u0001\u0031\u002E\u2060', ['\u0031']],
  ['\r\u0001', []],
  ['\u0031\u002E\u2060\u0308\u0031\u002E\u2060', ['\u0031\u002E\u2060\u0308\u0031']],
  ['\r\n\u0061\n\u0308', ['\u0061']],
  ['\u0061\u0308', ['\u0061\u0308']],
  ['\u0020\u200D\u0646', ['\u0646']],
  ['\u0646\u200D\u0020', ['\u0646\u200D']],
  ['\u0041\u003A\u0041', ['\u0041\u003A\u0041']],
  ['\u0041\u003A\u003A\u0041', ['\u0041', '\u0041']],
  ['\u05D0\u0027', ['\u05D0\u0027']],
  ['\u05D0"\u05D0', ['\u05D0"\u05D0']],
  ['\u0041\u0030\u0030\u0041', ['\u0041\u0030\u0030\u0041']],
  ['\u0030\u002C\u0030', ['\u0030\u002C\u0030']],
  ['\u0030\u002C\u002C\u0030', ['\u0030', '\u0030']],
  ['\u3031\u3031', ['\u3031\u3031']],
  ['\u0041\u005F\u0030\u005F\u3031\u005F', ['\u0041\u005F\u0030\u005F\u3031\u005F']],
  ['\u0041\u005F\u005F\u0041', ['\u0041\u005F\u005F\u0041']],
  ['\uD83C\uDDE6\uD83C\uDDE7\uD83C\uDDE8\u0062', ['\uD83C\uDDE6\uD83C\uDDE7', '\u0062']],
  ['\u0061\uD83C\uDDE6\uD83C\uDDE7\uD83C\uDDE8\u0062', ['\u0061', '\uD83C\uDDE6\uD83C\uDDE7', '\u0062']],
  [
    '\u0061\uD83C\uDDE6\uD83C\uDDE7\u200D\uD83C\uDDE8\u0062',
    ['\u0061', '\uD83C\uDDE6\uD83C\uDDE7\u200D', '\u0062'],
  ],
  [
    '\u0061\uD83C\uDDE6\u200D\uD83C\uDDE7\uD83C\uDDE8\u0062',
    ['\u0061', '\uD83C\uDDE6\u200D\uD83C\uDDE7', '\u0062'],
  ],
  [
    '\u0061\uD83C\uDDE6\uD83C\uDDE7\uD83C\uDDE8\uD83C\uDDE9\u0062',
    ['\u0061', '\uD83C\uDDE6\uD83C\uDDE7', '\uD83C\uDDE8\uD83C\uDDE9', '\u0062'],
  ],
  ['\uD83D\uDC76\uD83C\uDFFF\uD83D\uDC76', ['\uD83D\uDC76\uD83C\uDFFF', '\uD83D\uDC76']],
  ['\uD83D\uDED1\u200D\uD83D\uDED1', ['\uD83D\uDED1\u200D\uD83D\uDED1']],
  ['\u2701\u200D\u2701', ['\u2701\u200D\u2701']],
  [
    '\uD83D\uDC76\uD83C\uDFFF\u0308\u200D\uD83D\uDC76\uD83C\uDFFF',
    ['\uD83D\uDC76\uD83C\uDFFF\u0308\u200D\uD83D\uDC76\uD83C\uDFFF'],
  ],
  ['\uD83D\uDED1\uD83C\uDFFF', ['\uD83D\uDED1\uD83C\uDFFF']],
  ['\u200D\uD83D\uDED1\uD83C\uDFFF', ['\u200D\uD83D\uDED1\uD83C\uDFFF']],
  ['\u200D\uD83D\uDED1', ['\u200D\uD83D\uDED1']],
  ['\uD83D\uDED1\uD83D\uDED1', ['\uD83D\uDED1', '\uD83D\uDED1']],
  ['\u0061\u0308\u200D\u0308\u0062', ['\u0061\u0308\u200D\u0308\u0062']],
  ['\u0061\u0020\u0020\u0062', ['\u0061', '\u0062']],
  ['\u0031\u003A\u003A\u0031', ['\u0031', '\u0031']],
  ['\u0031\u005F\u0061\u003A\u003A\u0031', ['\u0031\u005F\u0061', '\u0031']],
  ['\u0031\u005F\u0031\u003A\u002E\u0061', ['\u0031\u005F\u0031', '\u0061']],
  ['\u0061\u005F\u0031\u003A\u003A\u0061', ['\u0061\u005F\u0031', '\u0061']],
  ['\u0061\u003A\u002E\u0031', ['\u0061', '\u0031']],
  ['\u0061\u005F\u0061\u002E\u002C\u0031', ['\u0061\u005F\u0061', '\u0031']],
  ['\u0061\u002C\u003A\u0061', ['\u0061', '\u0061']],
]

describe('StandardTokenizer: WordBreakTestUnicode_12_1_0 lines', () => {
  const tokenizer = new StandardTokenizer()
  it.each(CASES)('%j', (text, expected) => {
    expect(tokenizer.tokenize(text).terms).toEqual(expected)
  })
})
