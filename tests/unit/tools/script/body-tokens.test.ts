// The lexical grammar of a Dev Tools body: token kinds and exact bounds.
import { describe, expect, it } from 'vitest'
import { readBodyToken, type BodyToken } from '../../../../workers/tools/script/body-tokens.ts'

function tokens(text: string): Array<[BodyToken['kind'], string, boolean]> {
  const out: Array<[BodyToken['kind'], string, boolean]> = []
  for (let at = 0; at < text.length;) {
    const token = readBodyToken(text, at)
    out.push([token.kind, text.slice(token.start, token.end), token.closed])
    at = token.end
  }
  return out
}

describe('readBodyToken', () => {
  it.each<[string, string, Array<[BodyToken['kind'], string, boolean]>]>([
    [
      'strings, text and a line comment',
      '{"a": "b\\"c"} // x',
      [
        ['text', '{', true],
        ['string', '"a"', true],
        ['text', ': ', true],
        ['string', '"b\\"c"', true],
        ['text', '} ', true],
        ['lineComment', '// x', true],
      ],
    ],
    [
      'a # comment stops before the newline',
      '# c\n1',
      [
        ['lineComment', '# c', true],
        ['text', '\n1', true],
      ],
    ],
    [
      'a triple-quoted string spans lines and keeps quotes',
      '"""a\n"b"\n""" x',
      [
        ['tripleString', '"""a\n"b"\n"""', true],
        ['text', ' x', true],
      ],
    ],
    [
      'four quotes open a triple whose content starts with a quote',
      '""""x"""',
      [['tripleString', '""""x"""', true]],
    ],
    ['an unclosed triple-quoted string runs to the end', '"""a\nb', [['tripleString', '"""a\nb', false]]],
    [
      'a block comment spans lines',
      '/* a\n*/1',
      [
        ['blockComment', '/* a\n*/', true],
        ['text', '1', true],
      ],
    ],
    ['an unclosed block comment runs to the end', '/* a', [['blockComment', '/* a', false]]],
    [
      'an unclosed string ends at the line end',
      '"ab\n"c"',
      [
        ['string', '"ab', true],
        ['text', '\n', true],
        ['string', '"c"', true],
      ],
    ],
    ['a slash alone is text', 'a/b', [['text', 'a/b', true]]],
    ['an empty string', '""', [['string', '""', true]]],
  ])('%s', (_name, text, expected) => {
    expect(tokens(text)).toEqual(expected)
  })
})
