// Shared fixtures for the query_string tests: a mapping with the field names the Elasticsearch "Query string
// query" docs use, the real standard analyzer, and small builders for expected trees.
import { analyzeForIndexing } from '../../../../workers/es/analysis/index.ts'
import type { FieldMapping } from '../../../../workers/es/index/mapper/mapping.ts'
import {
  parseQueryString,
  type BoolClause,
  type QueryStringNode,
  type QueryStringOptions,
} from '../../../../workers/es/search/query-string/index.ts'

export const FIELDS = new Map<string, FieldMapping>([
  ['field', { type: 'text' }],
  ['title', { type: 'text' }],
  ['content', { type: 'text' }],
  ['name', { type: 'text' }],
  ['author', { type: 'text' }],
  ['first name', { type: 'text' }],
  ['book.title', { type: 'text' }],
  ['book.author', { type: 'text' }],
  ['status', { type: 'keyword' }],
  ['tag', { type: 'keyword' }],
  ['age', { type: 'long' }],
  ['count', { type: 'integer' }],
  ['date', { type: 'date' }],
])

export const INDEX = { name: 'my-index', uuid: 'aBcD' }

export function parse(
  text: string,
  options: QueryStringOptions = { defaultField: 'field' },
): QueryStringNode {
  return parseQueryString(text, options, { fields: FIELDS, analyze: analyzeForIndexing, index: INDEX })
}

export function term(field: string, text: string, boost = 1): QueryStringNode {
  return { kind: 'term', field, term: text, boost }
}

export function phrase(field: string, words: string[], slop = 0, boost = 1): QueryStringNode {
  return { kind: 'phrase', field, terms: words.map((term, position) => ({ term, position })), slop, boost }
}

/** A bool from `['+', q]`, `['-', q]`, `['', q]` (SHOULD) and `['#', q]` (FILTER) pairs. */
export function bool(...clauses: Array<[string, QueryStringNode]>): QueryStringNode {
  const occurs: Record<string, BoolClause['occur']> = {
    '+': 'MUST',
    '-': 'MUST_NOT',
    '': 'SHOULD',
    '#': 'FILTER',
  }
  return {
    kind: 'bool',
    clauses: clauses.map(([o, query]) => ({ occur: occurs[o]!, query })),
    minimumShouldMatch: 0,
    boost: 1,
  }
}

export const MATCH_ALL: QueryStringNode = { kind: 'matchAll', boost: 1 }
