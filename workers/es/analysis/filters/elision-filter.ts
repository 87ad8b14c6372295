// Lucene's ElisionFilter as Elasticsearch's `elision` token filter builds it: in each term, the part
// before the first apostrophe (' or U+2019) is looked up in the articles; when found, it and the
// apostrophe are removed ("l'avion" -> "avion"). Only the term changes; every other column (offsets,
// positions, keyword marks) passes through.
// Articles: a definition (ElisionTokenFilterFactory) takes `articles` (a list; "_name_" entries are not
// expanded, as Analysis.parseArticles passes no named lists) compared case-sensitively unless
// `articles_case` is true; without `articles` it fails. The pre-built `elision` (named without a
// definition) uses FrenchAnalyzer.DEFAULT_ARTICLES, compared ignoring case. `articles_path` (a file on
// the node) is not available. The `french` and `italian` analyzers use it with their default articles.
import { boolSetting, listSetting, type AnalysisSettings } from '../custom/analysis-settings.ts'
import { IllegalArgumentException, type TokenFilter } from '../token-list.ts'
import type { KeywordTokenList } from '../stemmers/keyword-attribute.ts'
import { lowerCaseTerm } from '../unicode/character.ts'

/** FrenchAnalyzer.DEFAULT_ARTICLES (Lucene 9), an ignore-case set. */
export const FRENCH_ARTICLES: readonly string[] = [
  'l',
  'm',
  't',
  'qu',
  'n',
  's',
  'j',
  'd',
  'c',
  'jusqu',
  'quoiqu',
  'lorsqu',
  'puisqu',
]

/** ItalianAnalyzer.DEFAULT_ARTICLES (Lucene 9), an ignore-case set. */
export const ITALIAN_ARTICLES: readonly string[] = [
  'c',
  'l',
  'all',
  'dall',
  'dell',
  'nell',
  'sull',
  'coll',
  'pell',
  'gl',
  'agl',
  'dagl',
  'degl',
  'negl',
  'sugl',
  'un',
  'm',
  't',
  's',
  'v',
  'd',
]

export class ElisionFilter implements TokenFilter {
  readonly name = 'elision'
  private readonly articles: ReadonlySet<string>

  constructor(
    articles: readonly string[],
    private readonly ignoreCase: boolean,
  ) {
    this.articles = new Set(ignoreCase ? articles.map(lowerCaseTerm) : articles)
  }

  private elide(term: string): string {
    const match = /['\u2019]/.exec(term)
    if (!match) return term
    const prefix = term.slice(0, match.index)
    const isArticle = this.articles.has(this.ignoreCase ? lowerCaseTerm(prefix) : prefix)
    return isArticle ? term.slice(match.index + 1) : term
  }

  filter(tokens: KeywordTokenList): KeywordTokenList {
    return { ...tokens, terms: tokens.terms.map((term) => this.elide(term)) }
  }
}

/** The `elision` filter: pre-built when `settings` has no `type` (a bare name), else a definition. */
export function elisionTokenFilter(settings: AnalysisSettings): TokenFilter {
  if (settings['type'] === undefined) return new ElisionFilter(FRENCH_ARTICLES, true)
  if (settings['articles_path'] !== undefined) {
    throw new IllegalArgumentException(
      '[articles_path] is not supported: the playground has no config directory',
    )
  }
  const articles = listSetting(settings, 'articles')
  if (articles === undefined) {
    throw new IllegalArgumentException('elision filter requires [articles] or [articles_path] setting')
  }
  return new ElisionFilter(articles, boolSetting(settings, 'articles_case', false))
}
