// Painless' char type against AnalyzerCaster's legal casts, Def's defTochar conversions, Utility.StringTochar and the
// java.lang allowlist's Character: charAt gives a char, a char promotes to int in arithmetic, prints as its
// character, and converts to a String or from a one-character String only by an explicit cast.
import { describe, expect, it } from 'vitest'
import { errorResponseBody } from '../../../../workers/es/errors/index.ts'
import { failure, run } from './painless-run.ts'

describe('Painless char values', () => {
  it.each([
    ["'abc'.charAt(1)", 'char b'],
    ["char c = 'abc'.charAt(0); c + 1", 'int 98'],
    ["(char) 'x'", 'char x'],
    ['(char) 65', 'char A'],
    ['(char) 65601', 'char A'],
    ['(char) 66.9', 'char B'],
    ["(int) 'abc'.charAt(2)", 'int 99'],
    ["char c = (char) 'a'; int i = c; i", 'int 97'],
    ["char c = (char) 'a'; double d = c; d", 'double 97.0'],
    ["'abc'.charAt(0) + 'abc'.charAt(1)", 'int 195'],
    ["'x' + 'abc'.charAt(1)", 'xb'],
    ["(String) 'abc'.charAt(2)", 'c'],
    ["'abc'.charAt(0) < 'abc'.charAt(1)", 'true'],
    ["'abc'.charAt(0) == 97", 'true'],
    ["'abc'.charAt(0) == 'a'", 'false'],
    ["'abc'.charAt(0) == (char) 'a'", 'true'],
    ["char c = (char) 'a'; c++; c", 'char b'],
    ["char c = (char) 'a'; c += 2; c", 'char c'],
    ["-'abc'.charAt(0)", 'int -97'],
    ["'abc'.charAt(0) << 1", 'int 194'],
    ["def c = 'abc'.charAt(1); c + 1", 'int 99'],
    ["def c = 'abc'.charAt(1); (char) (c + 1)", 'char c'],
    ["def s = 'q'; (char) s", 'char q'],
    ["def c = 'abc'.charAt(1); c instanceof Character", 'true'],
    ["def c = 'abc'.charAt(1); c instanceof Number", 'false'],
    ["char[] cs = 'hey'.toCharArray(); cs[1]", 'char e'],
    ['char[] a = new char[2]; a[0] == (char) 0', 'true'],
    ["'banana'.indexOf((char) 'n')", 'int 2'],
    ["int n = 0; for (char c : 'a1b2'.toCharArray()) { if (Character.isDigit(c)) n++ } n", 'int 2'],
    ["Character.isLetter('é'.charAt(0))", 'true'],
    ['Character.isWhitespace((char) 9)', 'true'],
    ['Character.isWhitespace((char) 160)', 'false'],
    ["Character.isUpperCase('Q'.charAt(0))", 'true'],
    ["Character.toUpperCase('q'.charAt(0))", 'char Q'],
    ["Character.toUpperCase('ß'.charAt(0))", 'char ß'],
    ["Character.toString('q'.charAt(0)) + Character.valueOf((char) 'r')", 'qr'],
    ["'b'.charAt(0).compareTo('a'.charAt(0))", 'int 1'],
    ["'b'.charAt(0).equals('b'.charAt(0))", 'true'],
    ['(int) Character.MAX_VALUE', 'int 65535'],
    ["['a'.charAt(0)]", '[a]'],
  ])('%s is %s', (source, expected) => {
    expect(run(source)).toBe(expected)
  })

  it('a String of another length does not cast to char (Utility.StringTochar)', () => {
    expect(errorResponseBody(failure("(char) 'ab'"))).toContain(
      '"caused_by":{"type":"class_cast_exception","reason":"Cannot cast [String] with length greater than one to [char]."}',
    )
  })

  it('nothing but a char converts to char implicitly', () => {
    expect(failure('char c = 65; c').causedBy?.type).toBe('class_cast_exception')
    expect(failure("char c = 'a'; c").causedBy?.type).toBe('class_cast_exception')
    expect(failure("char c = 'a'.charAt(0); short s = c; s").causedBy?.type).toBe('class_cast_exception')
  })
})
