/**
 * Prints a query tree back in the classic syntax, as Lucene's Query.toString does: `+` MUST, `-` MUST_NOT,
 * `#` FILTER, nested bools in parentheses, `field:value` with reserved characters escaped, `"a b"~slop`,
 * `value~edits`, `prefix*`, `/regexp/`, `[a TO b}` with `*` for an open end, `^boost` when not 1.
 *
 * Round trip: for trees the syntax can express (no synonym, dis_max, match_none or FILTER clause, no range
 * bound that ends in a backslash and also holds a space, quote, `]` or `}`), parsing
 * the printed text over the same mapping gives the same tree; `field:` is always written, so consecutive
 * terms never merge into one analysed text.
 */
import { ID_FIELD } from '../queries/metadata-field-types.ts'
import type { BoolClause, QueryStringNode } from './query-string-node.ts'

const RESERVED = /[\\+\-!():^[\]"{}~*?|&/\s]/g
const OPERATORS = new Set(['AND', 'OR', 'NOT'])

/** QueryParser.escape, plus whitespace and a leading backslash on AND/OR/NOT so they stay terms. */
export function escapeTerm(text: string): string {
  const escaped = text.replace(RESERVED, (c) => '\\' + c)
  return OPERATORS.has(text) ? '\\' + escaped : escaped
}

function quote(text: string): string {
  return '"' + text.replace(/["\\]/g, (c) => '\\' + c) + '"'
}

function boosted(text: string, boost: number): string {
  return boost === 1 ? text : `${text}^${boost}`
}

/**
 * A range bound, quoted; RANGE_QUOTED cannot end in a backslash (`\\"` continues it), so such a bound is
 * written bare (RANGE_GOOP, which stops only at space, `]` and `}`), its backslashes doubled.
 */
function rangeBound(text: string): string {
  if (text.endsWith('\\') && !/[\s"\]}]/.test(text)) return text.replace(/\\/g, '\\\\')
  return quote(text)
}

const PREFIX: Record<BoolClause['occur'], string> = { MUST: '+', SHOULD: '', MUST_NOT: '-', FILTER: '#' }

function clauses(list: readonly BoolClause[]): string {
  return list.map((c) => PREFIX[c.occur] + print(c.query, true)).join(' ')
}

function print(node: QueryStringNode, nested: boolean): string {
  switch (node.kind) {
    case 'term':
      return boosted(`${escapeTerm(node.field)}:${escapeTerm(node.term)}`, node.boost)
    case 'id':
      return boosted(`${ID_FIELD}:${escapeTerm(node.id)}`, node.boost)
    case 'phrase': {
      const slop = node.slop === 0 ? '' : `~${node.slop}`
      return boosted(
        `${escapeTerm(node.field)}:${quote(node.terms.map((t) => t.term).join(' '))}${slop}`,
        node.boost,
      )
    }
    case 'synonym':
      return boosted(
        `Synonym(${node.terms.map((t) => `${escapeTerm(node.field)}:${escapeTerm(t)}`).join(' ')})`,
        node.boost,
      )
    case 'prefix':
      return boosted(`${escapeTerm(node.field)}:${escapeTerm(node.prefix)}*`, node.boost)
    case 'wildcard':
      return boosted(`${escapeTerm(node.field)}:${node.pattern}`, node.boost)
    case 'regexp':
      return boosted(`${escapeTerm(node.field)}:/${node.pattern}/`, node.boost)
    case 'fuzzy':
      return boosted(`${escapeTerm(node.field)}:${escapeTerm(node.term)}~${node.maxEdits}`, node.boost)
    case 'range': {
      const lower = node.lower === null ? '*' : rangeBound(node.lower)
      const upper = node.upper === null ? '*' : rangeBound(node.upper)
      const text = `${node.includeLower ? '[' : '{'}${lower} TO ${upper}${node.includeUpper ? ']' : '}'}`
      return boosted(`${escapeTerm(node.field)}:${text}`, node.boost)
    }
    case 'exists':
      return boosted(`_exists_:${escapeTerm(node.field)}`, node.boost)
    case 'matchAll':
      return boosted('*:*', node.boost)
    case 'matchNone':
      return `MatchNoDocsQuery(${quote(node.reason)})`
    case 'disMax':
      return boosted(
        `(${node.disjuncts.map((d) => print(d, true)).join(' | ')})~${node.tieBreaker}`,
        node.boost,
      )
    case 'bool': {
      const body = clauses(node.clauses)
      const msm = node.minimumShouldMatch === 0 ? '' : `~${node.minimumShouldMatch}`
      if (!nested && node.boost === 1 && msm === '') return body
      return boosted(`(${body})${msm}`, node.boost)
    }
  }
}

export function toQueryString(node: QueryStringNode): string {
  return print(node, false)
}
