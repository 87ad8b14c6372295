/**
 * SuggestionBuilder.populateCommonFields's analyzer of a suggestion: the one it names (`analyzer [x] doesn't
 * exists`), else the search analyzer of its field (`no mapping found for field [f]`; a field that is neither text nor
 * keyword: `field [f] of type [t] does not support suggestions`). A keyword field's analyzer keeps the whole text
 * as one token (null here).
 */
import { illegalArgumentException } from '../../errors/index.ts'
import type { Analyzer } from '../../analysis/analyzer.ts'
import { pushToken, DEFAULT_TOKEN_TYPE, emptyTokenList, type TokenList } from '../../analysis/token-list.ts'
import type { IndexService } from '../../index/index-service.ts'
import { searchAnalyzer } from '../../index/mapper/field-indexer.ts'
import { searchFields } from '../search-fields.ts'

export function suggestionAnalyzer(
  index: IndexService,
  field: string,
  named: string | null,
): Analyzer | null {
  const mapping = searchFields(index.metadata.mapping).get(field)
  if (mapping === undefined) throw illegalArgumentException(`no mapping found for field [${field}]`)
  let name = named
  if (name === null) {
    if (mapping.type === 'keyword') return null
    if (mapping.type !== 'text')
      throw illegalArgumentException(
        `field [${field}] of type [${mapping.type}] does not support suggestions`,
      )
    name = searchAnalyzer(mapping)
  }
  const analyzer = index.analysis.analyzers.analyzer(name)
  if (analyzer === null) throw illegalArgumentException(`analyzer [${name}] doesn't exists`)
  return analyzer
}

/** The suggest text's tokens under the suggestion's analyzer (null: the whole text). */
export function analyzeSuggestText(analyzer: Analyzer | null, text: string): TokenList {
  if (analyzer !== null) return analyzer.tokenStream(text)
  const tokens = emptyTokenList()
  pushToken(tokens, text, 0, text.length, DEFAULT_TOKEN_TYPE)
  return tokens
}
