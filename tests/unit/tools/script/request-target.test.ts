// The Dev Tools request line (Kibana's parseLine/removeTrailingWhitespaces examples) and the split of a
// target into path and query parameters (Elasticsearch's RestUtils.decodeQueryString, without decoding).
import { describe, expect, it } from 'vitest'
import type { RestRequest } from '../../../../workers/protocol/es.ts'
import { requestLineUrl } from '../../../../workers/tools/script/request-line.ts'
import { restTarget } from '../../../../workers/tools/script/rest-target.ts'

describe('requestLineUrl', () => {
  it.each<[string, string]>([
    [' _search', '_search'],
    ['  /demo/_search?q=fox&pretty  ', '/demo/_search?q=fox&pretty'],
    [' _search // comment', '_search'],
    [' _search # comment', '_search'],
    [' _search extra words', '_search'],
    [' _search?q=foo AND bar // comment', '_search?q=foo AND bar'],
    [' _search?q=foo AND bar', '_search?q=foo AND bar'],
    [' _search?q=foo   AND\tbar #c', '_search?q=foo   AND\tbar'],
    [' _search?q="a // b" x', '_search?q="a // b" x'],
    [' "my index"/_search', '"my index"/_search'],
    [' "a?b c"?x d', '"a?b c"?x d'],
    ['', ''],
    ['   ', ''],
  ])('%j → %j', (line, url) => {
    expect(requestLineUrl(line)).toBe(url)
  })
})

describe('restTarget', () => {
  it.each<[string, Pick<RestRequest, 'path' | 'params'>]>([
    ['_search', { path: '/_search', params: [] }],
    [
      '/demo/_search?q=fox&pretty',
      {
        path: '/demo/_search',
        params: [
          ['q', 'fox'],
          ['pretty', ''],
        ],
      },
    ],
    ['', { path: '/', params: [] }],
    ['?pretty', { path: '/', params: [['pretty', '']] }],
    [
      'x?a=1;b=2',
      {
        path: '/x',
        params: [
          ['a', '1'],
          ['b', '2'],
        ],
      },
    ],
    ['x?a=b=c', { path: '/x', params: [['a', 'b=c']] }],
    ['x?a=', { path: '/x', params: [['a', '']] }],
    ['x?=v', { path: '/x', params: [['v', '']] }],
    ['x?==k=v', { path: '/x', params: [['k', 'v']] }],
    ['x?&&a&=&', { path: '/x', params: [['a', '']] }],
    [
      'x?a=1&a=2',
      {
        path: '/x',
        params: [
          ['a', '1'],
          ['a', '2'],
        ],
      },
    ],
    ['x?q=caf%C3%A9+au+lait', { path: '/x', params: [['q', 'caf%C3%A9+au+lait']] }],
    ['my%20index/_doc/a%2Fb', { path: '/my%20index/_doc/a%2Fb', params: [] }],
    ['x?a=1#frag&b=2', { path: '/x', params: [['a', '1']] }],
    ['x#y?z', { path: '/x', params: [] }],
  ])('%j', (target, expected) => {
    expect(restTarget(target)).toEqual(expected)
  })
})
