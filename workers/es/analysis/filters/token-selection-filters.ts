// Token filters that keep some tokens whole and drop the rest; a dropped token leaves its position empty
// (Lucene's FilteringTokenFilter), so kept tokens keep their positions, offsets, types and lengths:
// keep (KeepWordFilter: terms in `keep_words`; keep_words_case makes the set a case-insensitive
// CharArraySet, Character.toLowerCase on both sides), keep_types (TypeTokenFilter: types in `types` with
// mode include, or not in them with mode exclude), limit (LimitTokenCountFilter: the first
// `max_token_count` tokens; consume_all_tokens only reads the rest, which changes nothing seen here),
// remove_duplicates (RemoveDuplicatesTokenFilter: a token whose term an earlier token of the same position
// has is dropped).
import { TokenListBuilder, type GraphTokenList } from '../custom/token-graph.ts'
import { lowerCaseTerm } from '../unicode/character.ts'
import { IllegalArgumentException, type TokenFilter } from '../token-list.ts'

export class TokenSelectionFilter implements TokenFilter {
  constructor(
    readonly name: string,
    private readonly accept: (tokens: GraphTokenList, i: number) => boolean,
  ) {}

  filter(tokens: GraphTokenList): GraphTokenList {
    const out = new TokenListBuilder()
    tokens.terms.forEach((_, i) => {
      if (this.accept(tokens, i)) out.copy(tokens, i)
    })
    return out.list
  }
}

export function keepWordFilter(words: readonly string[], ignoreCase: boolean): TokenFilter {
  const fold = ignoreCase ? lowerCaseTerm : (term: string) => term
  const keep = new Set(words.map(fold))
  return new TokenSelectionFilter('keep', (tokens, i) => keep.has(fold(tokens.terms[i] ?? '')))
}

export function keepTypesFilter(types: readonly string[], include: boolean): TokenFilter {
  const listed = new Set(types)
  return new TokenSelectionFilter('keep_types', (tokens, i) => listed.has(tokens.types[i] ?? '') === include)
}

export function limitTokenCountFilter(maxTokenCount: number): TokenFilter {
  if (maxTokenCount < 1) throw new IllegalArgumentException('maxTokenCount must be greater than zero')
  return new TokenSelectionFilter('limit', (_, i) => i < maxTokenCount)
}

export function removeDuplicatesFilter(): TokenFilter {
  let seen = new Set<string>()
  return new TokenSelectionFilter('remove_duplicates', (tokens, i) => {
    const term = tokens.terms[i] ?? ''
    if (i === 0 || tokens.positions[i] !== tokens.positions[i - 1]) seen = new Set()
    if (seen.has(term)) return false
    seen.add(term)
    return true
  })
}
