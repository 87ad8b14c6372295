// Lucene's PatternCaptureGroupTokenFilter as Elasticsearch's `pattern_capture` filter: the reference page's
// camel-case example, capture order across patterns, preserve_original false, and the factory's error.
import { describe, expect, it } from 'vitest'
import { getTokenFilter } from '../../../../workers/es/analysis/token-filter-registry.ts'
import { chain, rows, terms } from './analysis-chain.ts'

const CAMEL = {
  type: 'pattern_capture',
  preserve_original: true,
  patterns: [
    '([A-Z]{2,})',
    '(?<![A-Z])([A-Z][a-z]+)',
    '(?:^|\\b|(?<=[0-9_])|(?<=[A-Z]{2}))([a-z]+)',
    '([0-9]+)',
  ],
}

describe('pattern_capture', () => {
  it('reference example: camel-case parts after the original, at its position', () => {
    const text = 'import static org.apache.commons.lang.StringEscapeUtils.escapeHtml'
    expect(terms(chain('pattern', [CAMEL]), text)).toEqual([
      'import',
      'static',
      'org',
      'apache',
      'commons',
      'lang',
      'StringEscapeUtils',
      'String',
      'Escape',
      'Utils',
      'escapeHtml',
      'escape',
      'Html',
    ])
    expect(rows(chain('pattern', [CAMEL]), 'escapeHtml')).toEqual([
      ['escapeHtml', 0, 10, 0],
      ['escape', 0, 10, 0],
      ['Html', 0, 10, 0],
    ])
  })

  it('captures go out by start, the lower pattern first; without preserve_original the first replaces the token', () => {
    const filter = { type: 'pattern_capture', preserve_original: false, patterns: ['(\\w+)@(\\w+)', '(...)'] }
    expect(terms(chain('keyword', [filter]), 'john@example')).toEqual([
      'john',
      'joh',
      'n@e',
      'example',
      'xam',
      'ple',
    ])
    expect(rows(chain('whitespace', [{ ...filter, patterns: ['(\\d+)'] }]), 'abc 12ab34')).toEqual([
      ['abc', 0, 3, 0],
      ['12', 4, 10, 1],
      ['34', 4, 10, 1],
    ])
  })

  it('refuses a definition without patterns', () => {
    expect(() => getTokenFilter('pattern_capture', {})).toThrow(
      "required setting 'patterns' is missing for token filter",
    )
  })
})
