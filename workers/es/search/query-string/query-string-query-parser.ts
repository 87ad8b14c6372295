/**
 * Elasticsearch 8's `query_string` query: QueryStringQueryBuilder.doToQuery and QueryStringQueryParser on
 * top of Lucene's classic QueryParser (classic-query-parser.ts, query-parser-base.ts).
 *
 * - Fields: `default_field` (default `*`, index.query.default_field: every mapped field, with `lenient`
 *   defaulting to true) or `fields` (`name^boost`, patterns). A term searched in several fields becomes a
 *   dis_max of the per-field queries (type best_fields, tie_breaker 0 unless given); field weights are boosts.
 * - `field:>=10`, `>`, `<`, `<=` are one-sided ranges; `_exists_:f` an exists query; `*` alone matches all
 *   documents under `*` and means exists for a named field; `*:*` matches all.
 * - Multi-word text between operators is analysed as one text (splitOnWhitespace=false).
 * - Every bool built is made non-negative (a lone MUST_NOT gets a match_all FILTER); minimum_should_match
 *   applies to the top-level bool only; an empty or blank query matches nothing.
 * - Errors: syntax errors are `query_shard_exception` "Failed to parse query [q]" (query-parser-errors.ts);
 *   field type errors are "failed to create query: ..." unless lenient.
 */
import { parseMinimumShouldMatch } from '../queries/minimum-should-match.ts'
import { ClassicQueryParser, type QueryParserActions } from './classic-query-parser.ts'
import {
  FieldQueryError,
  fieldQueryFailure,
  termLevelQuery,
  textQuery,
  type FieldQueryContext,
  type TermLevel,
} from './field-queries.ts'
import {
  isPattern,
  parseFieldAndWeight,
  resolveField,
  resolveFields,
  type FieldWeights,
} from './field-resolution.ts'
import {
  ClauseList,
  discardEscapeChar,
  fuzzyDistance,
  parseFuzziness,
  type Fuzziness,
} from './query-parser-base.ts'
import { QueryParserError, failedToParseQuery, queryShardException } from './query-parser-errors.ts'
import { metadataTermLevelNode, metadataTextNode } from './metadata-field-nodes.ts'
import { lenientFieldReason, NO_TERMS_REASON, unmappedFieldsReason } from '../queries/match-no-docs.ts'
import { isSpecialMetadataField, metadataKeywordMapping } from '../queries/metadata-field-types.ts'
import { RANGE_QUOTED, tokenize, type Token } from './query-parser-tokens.ts'
import { withBoost, type Occur, type QueryStringNode } from './query-string-node.ts'

export interface QueryStringOptions {
  defaultField?: string
  fields?: readonly string[]
  defaultOperator?: 'OR' | 'AND'
  analyzer?: string
  quoteAnalyzer?: string
  quoteFieldSuffix?: string
  allowLeadingWildcard?: boolean
  analyzeWildcard?: boolean
  lenient?: boolean
  minimumShouldMatch?: string
  fuzziness?: string
  fuzzyPrefixLength?: number
  fuzzyTranspositions?: boolean
  phraseSlop?: number
  tieBreaker?: number
  /** Escape every reserved character first (QueryParser.escape). */
  escape?: boolean
}

export interface QueryStringContext extends FieldQueryContext {
  /** Whether the index knows an analyzer by this name; unknown names fail as ES fails them. */
  hasAnalyzer?: (name: string) => boolean
}

const EXISTS_FIELD = '_exists_'

class QueryStringActions implements QueryParserActions<QueryStringNode, ClauseList> {
  private readonly and: boolean
  private readonly fuzziness: Fuzziness

  constructor(
    private readonly context: QueryStringContext,
    private readonly options: QueryStringOptions,
    /** The parser's default field (null when `fields` are given). */
    private readonly defaultField: string | null,
    private readonly defaultWeights: FieldWeights,
    private readonly lenient: boolean,
  ) {
    this.and = options.defaultOperator === 'AND'
    this.fuzziness = parseFuzziness(options.fuzziness ?? 'AUTO')
  }

  newClauseList(): ClauseList {
    return new ClauseList(this.and)
  }

  addClause(clauses: ClauseList, conj: number, mods: number, q: QueryStringNode | null): void {
    clauses.add(conj, mods, q)
  }

  addMultiTermClauses(clauses: ClauseList, q: QueryStringNode | null): void {
    clauses.addMultiTerm(q)
  }

  clauseCount(clauses: ClauseList): number {
    return clauses.clauses.length
  }

  booleanQuery(clauses: ClauseList): QueryStringNode | null {
    return clauses.toQuery()
  }

  unescape(text: string): string {
    return discardEscapeChar(text)
  }

  boost(q: QueryStringNode | null, boost: Token | null): QueryStringNode | null {
    return q === null || boost === null ? q : withBoost(q, Number(boost.image))
  }

  private get occur(): Occur {
    return this.and ? 'MUST' : 'SHOULD'
  }

  /** QueryStringQueryParser.extractMultiFields. */
  private fieldsFor(field: string | null, quoted: boolean): FieldWeights {
    const suffix = quoted ? (this.options.quoteFieldSuffix ?? null) : null
    if (field === null) return resolveFields(this.context.fields, this.defaultWeights, suffix)
    if (field === '*' && this.defaultField === '*')
      return resolveFields(this.context.fields, this.defaultWeights, suffix)
    // a pattern in the query text never expands to metadata fields; a field named outright may be one
    return resolveField(this.context.fields, field, 1, suffix, !isPattern(field))
  }

  /**
   * One query per field, weighted, then a dis_max when there are several (a field's MatchNoDocsQuery stays a
   * disjunct). No field: Queries.newUnmappedFieldQuery of `unmapped` (the field, or for getPrefixQuery,
   * getWildcardQuery and getRegexpQuery the term).
   */
  private perField(
    field: string | null,
    quoted: boolean,
    build: (name: string) => QueryStringNode | null,
    unmapped: string | null = field,
  ): QueryStringNode | null {
    const fields = this.fieldsFor(field, quoted)
    if (fields.size === 0) return { kind: 'matchNone', reason: unmappedFieldsReason([unmapped]) }
    const queries: QueryStringNode[] = []
    for (const [name, weight] of fields) {
      const q = this.lenientField(name, () => build(name))
      if (q !== null) queries.push(withBoost(q, weight))
    }
    if (queries.length === 0) return null
    if (queries.length === 1) return queries[0]!
    return { kind: 'disMax', disjuncts: queries, tieBreaker: this.options.tieBreaker ?? 0, boost: 1 }
  }

  private lenientField(field: string, build: () => QueryStringNode | null): QueryStringNode | null {
    try {
      return build()
    } catch (e) {
      if (!(e instanceof FieldQueryError)) throw e
      if (this.lenient)
        return { kind: 'matchNone', reason: lenientFieldReason(field, e.javaClass, e.message) }
      throw fieldQueryFailure(this.context.index, e)
    }
  }

  fieldQuery(field: string | null, text: string): QueryStringNode | null {
    if (field === EXISTS_FIELD) return this.exists(text)
    if (field !== null && text.length > 1 && (text[0] === '>' || text[0] === '<')) {
      const inclusive = text.length > 2 && text[1] === '='
      const bound = text.slice(inclusive ? 2 : 1)
      return text[0] === '>'
        ? this.range(field, bound, null, inclusive, true)
        : this.range(field, null, bound, true, inclusive)
    }
    const analyzer = this.options.analyzer ?? null
    return this.perField(field, false, (name) =>
      isSpecialMetadataField(name)
        ? metadataTextNode(this.context, name, text)
        : textQuery(this.context, name, text, { quoted: false, slop: 0, occur: this.occur, analyzer }),
    )
  }

  quoted(field: string | null, term: Token, fuzzySlop: Token | null): QueryStringNode | null {
    let slop = this.options.phraseSlop ?? 0
    const typed = fuzzySlop === null ? NaN : Number.parseFloat(fuzzySlop.image.slice(1))
    if (Number.isFinite(typed)) slop = Math.trunc(typed)
    const text = discardEscapeChar(term.image.slice(1, -1))
    if (field === EXISTS_FIELD) return this.exists(text)
    const analyzer = this.options.quoteAnalyzer ?? this.options.analyzer ?? null
    return this.perField(field, true, (name) =>
      isSpecialMetadataField(name)
        ? metadataTextNode(this.context, name, text)
        : textQuery(this.context, name, text, { quoted: true, slop, occur: this.occur, analyzer }),
    )
  }

  bareToken(
    field: string | null,
    term: Token,
    fuzzySlop: Token | null,
    form: 'term' | 'prefix' | 'wildcard' | 'regexp',
  ): QueryStringNode | null {
    const image = discardEscapeChar(term.image)
    switch (form) {
      case 'wildcard':
        return this.wildcard(field, term.image)
      case 'prefix':
        return this.termLevel(field, {
          kind: 'prefix',
          text: discardEscapeChar(term.image.slice(0, -1)),
          analyze: this.options.analyzeWildcard ?? false,
          occur: this.occur,
        })
      case 'regexp': {
        const text = term.image.slice(1, -1)
        this.checkRegexLength(text)
        return this.termLevel(field, { kind: 'regexp', text })
      }
      case 'term':
        if (fuzzySlop === null) return this.fieldQuery(field, image)
        return this.fuzzy(field, fuzzySlop, image)
    }
  }

  /** QueryStringQueryParser.getRegexpQuery: index.max_regex_length, before any field is looked at. */
  private checkRegexLength(text: string): void {
    const max = this.context.limits?.maxRegexLength
    if (max === undefined || text.length <= max) return
    throw new FieldQueryError(
      'illegal_argument_exception',
      `The length of regex [${text.length}] used in the [query_string] has exceeded the allowed maximum of ` +
        `[${max}]. This maximum can be set by changing the [index.max_regex_length] index level setting.`,
    )
  }

  private termLevel(field: string | null, query: TermLevel): QueryStringNode | null {
    const analyzer = this.options.analyzer ?? null
    const unmapped = query.kind === 'fuzzy' || query.kind === 'range' ? field : query.text
    return this.perField(
      field,
      false,
      (name) =>
        isSpecialMetadataField(name)
          ? metadataTermLevelNode(this.context, name, query)
          : termLevelQuery(this.context, name, query, analyzer),
      unmapped,
    )
  }

  private fuzzy(field: string | null, slop: Token, text: string): QueryStringNode | null {
    const fuzziness = slop.image.length === 1 ? this.fuzziness : parseFuzziness(slop.image.slice(1))
    const maxEdits = fuzzyDistance(fuzziness, text)
    const prefixLength = this.options.fuzzyPrefixLength ?? 0
    const transpositions = this.options.fuzzyTranspositions ?? true
    return this.termLevel(field, { kind: 'fuzzy', text, maxEdits, prefixLength, transpositions })
  }

  private wildcard(field: string | null, pattern: string): QueryStringNode | null {
    const actual = field ?? this.defaultField
    if (pattern === '*' && actual !== null) {
      return actual === '*' ? { kind: 'matchAll', boost: 1 } : this.exists(actual)
    }
    if (this.fieldsFor(field, false).size > 0 && this.options.allowLeadingWildcard === false) {
      if (pattern.startsWith('*') || pattern.startsWith('?')) {
        throw new QueryParserError(
          'ParseException',
          "'*' or '?' not allowed as first character in WildcardQuery",
        )
      }
    }
    return this.termLevel(field, { kind: 'wildcard', text: pattern })
  }

  range(
    field: string | null,
    lower: Token | string | null,
    upper: Token | string | null,
    includeLower: boolean,
    includeUpper: boolean,
  ): QueryStringNode | null {
    const text = (part: Token | string | null): string | null => {
      if (part === null) return null
      if (typeof part === 'string') return part === '*' ? null : part
      const value = discardEscapeChar(part.kind === RANGE_QUOTED ? part.image.slice(1, -1) : part.image)
      return value === '*' ? null : value
    }
    return this.termLevel(field, {
      kind: 'range',
      lower: text(lower),
      upper: text(upper),
      includeLower,
      includeUpper,
    })
  }

  private exists(field: string): QueryStringNode {
    // IdFieldType and IndexFieldType: every document has the field
    if (isSpecialMetadataField(field)) return { kind: 'matchAll', boost: 1 }
    const known = isPattern(field)
      ? resolveField(this.context.fields, field, 1, null, false).size > 0
      : this.isMappedPath(field) || metadataKeywordMapping(field) !== undefined
    return known
      ? { kind: 'exists', field, boost: 1 }
      : { kind: 'matchNone', reason: `no mappings for [${field}]` }
  }

  private isMappedPath(field: string): boolean {
    return [...this.context.fields.keys()].some((name) => name === field || name.startsWith(field + '.'))
  }
}

/**
 * Parses a `query_string` query into the query tree Elasticsearch would build. Throws an EsException with
 * the REST error ES returns for a syntax error, an unknown analyzer or (unless lenient) a bad field value.
 */
export function parseQueryString(
  text: string,
  options: QueryStringOptions,
  context: QueryStringContext,
): QueryStringNode {
  for (const [param, name] of [
    ['analyzer', options.analyzer],
    ['quote_analyzer', options.quoteAnalyzer],
  ] as const) {
    if (name !== undefined && context.hasAnalyzer !== undefined && !context.hasAnalyzer(name)) {
      throw queryShardException(`[query_string] ${param} [${name}] not found`, context.index)
    }
  }
  const { defaultField, weights, lenient } = parserFields(options, context)
  const query = options.escape === true ? escapeQueryString(text) : text
  if (query.trim() === '') return { kind: 'matchNone', reason: NO_TERMS_REASON }
  let parsed: QueryStringNode | null
  try {
    const actions = new QueryStringActions(context, options, defaultField, weights, lenient)
    parsed = new ClassicQueryParser(tokenize(query), actions).parse(defaultField)
  } catch (e) {
    if (e instanceof QueryParserError) throw failedToParseQuery(text, e, context.index)
    if (e instanceof FieldQueryError) throw fieldQueryFailure(context.index, e)
    throw e
  }
  if (parsed === null) return { kind: 'matchNone', reason: 'empty BooleanQuery' }
  return applyMinimumShouldMatch(parsed, options.minimumShouldMatch)
}

function parserFields(
  options: QueryStringOptions,
  context: QueryStringContext,
): { defaultField: string | null; weights: FieldWeights; lenient: boolean } {
  const all = (): FieldWeights => resolveField(context.fields, '*', 1, null, false)
  if (options.defaultField !== undefined) {
    if (options.defaultField === '*')
      return { defaultField: '*', weights: all(), lenient: options.lenient ?? true }
    return { defaultField: options.defaultField, weights: new Map(), lenient: options.lenient ?? false }
  }
  if (options.fields !== undefined && options.fields.length > 0) {
    const weights = new Map<string, number>()
    for (const spec of options.fields) {
      const [name, weight] = parseFieldAndWeight(spec)
      weights.set(name, (weights.get(name) ?? 1) * weight)
    }
    const resolved = resolveFields(context.fields, weights, null)
    const lenient = options.lenient ?? [...weights.keys()].includes('*')
    return { defaultField: null, weights: resolved, lenient }
  }
  return { defaultField: '*', weights: all(), lenient: options.lenient ?? true }
}

/** Queries.maybeApplyMinimumShouldMatch on the top-level bool, under any boosts. */
function applyMinimumShouldMatch(query: QueryStringNode, spec: string | undefined): QueryStringNode {
  if (spec === undefined || query.kind !== 'bool') return query
  const optional = query.clauses.filter((c) => c.occur === 'SHOULD').length
  const msm = parseMinimumShouldMatch(spec, optional)
  return msm > 0 ? { ...query, minimumShouldMatch: msm } : query
}

/** QueryParser.escape: a backslash before every character the syntax reserves. */
export function escapeQueryString(text: string): string {
  return text.replace(/[\\+\-!():^[\]"{}~*?|&/]/g, (c) => '\\' + c)
}
