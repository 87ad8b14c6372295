// The character scanning the SQL and ES|QL lexers share (scanner.ts): positions, blanks and comments,
// doubled-quote text, operators and ANTLR's recognition error.
import { describe, expect, it } from 'vitest'
import { Scanner } from '../../../../workers/es/sql/scanner.ts'
import { tokenize } from '../../../../workers/es/sql/sql-lexer.ts'

describe('Scanner', () => {
  it('gives 1-based lines and columns, a line starting after each \\n', () => {
    const s = new Scanner('ab\ncd\r\n\nx')
    expect([0, 1, 3, 4, 6, 8, 9].map((offset) => s.position(offset))).toEqual([
      { line: 1, column: 1 },
      { line: 1, column: 2 },
      { line: 2, column: 1 },
      { line: 2, column: 2 },
      { line: 2, column: 4 },
      { line: 4, column: 1 },
      { line: 4, column: 2 },
    ])
  })

  it("skips whitespace, block comments and the lexer's own line comments", () => {
    const s = new Scanner(' /* a\n */ -- b\n  // c\nx')
    s.skipBlank('--')
    expect(s.peek()).toBe('/')
    s.skipBlank('//')
    expect(s.peek()).toBe('x')
    const open = new Scanner('/* never closed')
    open.skipBlank('--')
    expect(open.peek()).toBeUndefined()
  })

  it('reads quoted text with doubled quotes, or null when it is never closed', () => {
    const s = new Scanner("'it''s' x")
    expect(s.quoted()).toBe("it's")
    expect(s.pos).toBe(7)
    expect(new Scanner('`ab').quoted()).toBeNull()
  })

  it('takes the first operator listed, else a token recognition error at the character', () => {
    const s = new Scanner('<=>~')
    expect(s.operator(['<=>', '<=', '<'])).toBe('<=>')
    expect(() => s.operator(['<'])).toThrow("line 1:4: token recognition error at: '~'")
  })

  it('SQL tokens after a multi-line string are on the lines ANTLR counts', () => {
    const comma = tokenize("SELECT 'a\nb', x")[2]!
    expect(comma).toMatchObject({ text: ',', line: 2, column: 3 })
  })
})
