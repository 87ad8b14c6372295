// Lucene's UAX29URLEmailTokenizer as Elasticsearch's `uax_url_email` tokenizer: the reference page's examples,
// the UAX#29 word breaks it shares with the standard tokenizer, and the URL and e-mail cases of
// UAX29URLEmailTokenizerImpl.jflex (LUCENE-5391: a schemeless host running on into a word char is a word;
// LUCENE-3880: "mailto:" before an address is its own token).
import { describe, expect, it } from 'vitest'
import { getTokenizer } from '../../../../workers/es/analysis/tokenizer-registry.ts'
import type { NameOrDefinition } from '../../../../workers/es/analysis/custom/index-analyzers.ts'
import { chain, rows, terms } from './analysis-chain.ts'

const typed = (tokenizer: NameOrDefinition, text: string): Array<[string, string]> =>
  chain(tokenizer)
    .analyze(text)
    .map((token) => [token.token, token.type])

describe('uax_url_email tokenizer', () => {
  it('reference example, and with max_token_length 5', () => {
    const text = 'Email me at john.smith@global-international.com'
    expect(rows(chain('uax_url_email'), text)).toEqual([
      ['Email', 0, 5, 0],
      ['me', 6, 8, 1],
      ['at', 9, 11, 2],
      ['john.smith@global-international.com', 12, 47, 3],
    ])
    expect(terms(chain({ type: 'uax_url_email', max_token_length: 5 }), text)).toEqual([
      'Email',
      'me',
      'at',
      'john',
      'smith',
      'globa',
      'l',
      'inter',
      'natio',
      'nal.c',
      'om',
    ])
    expect(() => getTokenizer('uax_url_email', { max_token_length: 0 })).toThrow(
      'maxTokenLength must be greater than zero',
    )
  })

  it('words and numbers as the standard tokenizer gives them', () => {
    const text = "The 2 QUICK Brown-Foxes jumped over the lazy dog's bone. 中文"
    expect(chain('uax_url_email').analyze(text)).toEqual(chain('standard').analyze(text))
  })

  it('URLs with and without a scheme, IP hosts, ftp and file URLs', () => {
    expect(
      typed(
        'uax_url_email',
        'see https://www.elastic.co/guide?x=1#top or Example.COM, 192.168.0.1:8080/path http://[2001:db8::1]:80/ ' +
          'ftp://user:pw@host.org/dir/file.txt;type=a file:///etc/passwd ex.ample.co.uk',
      ),
    ).toEqual([
      ['see', '<ALPHANUM>'],
      ['https://www.elastic.co/guide?x=1#top', '<URL>'],
      ['or', '<ALPHANUM>'],
      ['Example.COM', '<URL>'],
      ['192.168.0.1:8080/path', '<URL>'],
      ['http://[2001:db8::1]:80/', '<URL>'],
      ['ftp://user:pw@host.org/dir/file.txt;type=a', '<URL>'],
      ['file:///etc/passwd', '<URL>'],
      ['ex.ample.co.uk', '<URL>'],
    ])
  })

  it('a host running on into a word char or a dash is a word; an unknown TLD is not a host', () => {
    expect(typed('uax_url_email', 'example.comx example.com-x example.notatld')).toEqual([
      ['example.comx', '<ALPHANUM>'],
      ['example.com', '<ALPHANUM>'],
      ['x', '<ALPHANUM>'],
      ['example.notatld', '<ALPHANUM>'],
    ])
  })

  it('e-mail addresses, quoted local parts, and mailto', () => {
    expect(
      typed('uax_url_email', 'mailto:test@example.org "john doe"@example.com Ann.Lee+tag@mail.example.co.uk'),
    ).toEqual([
      ['mailto', '<ALPHANUM>'],
      ['test@example.org', '<EMAIL>'],
      ['"john doe"@example.com', '<EMAIL>'],
      ['Ann.Lee+tag@mail.example.co.uk', '<EMAIL>'],
    ])
  })
})
