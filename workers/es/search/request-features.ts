/**
 * The search body's sections that reshape the hits or add to the response beside the query: `collapse`
 * (collapse/), `rescore` (rescore/), `suggest` (suggest/) and `indices_boost` (indices-boost.ts), read as SearchSourceBuilder.parseXContent reads each (a later occurrence of a key replaces an
 * earlier one), and the checks SearchRequest.validate makes of their combinations.
 */
import type { XContentValue } from '../xcontent/index.ts'
import { parseCollapse, type CollapseBuilder } from './collapse/collapse-builder.ts'
import { parseSuggest, type SuggestionBuilder } from './suggest/suggest-builder.ts'
import { parseRescore, type QueryRescorerBuilder } from './rescore/rescorer-builder.ts'
import { parseIndicesBoost, type IndexBoost } from './indices-boost.ts'

export class SearchFeaturesReader {
  collapse: CollapseBuilder | null = null
  suggest: SuggestionBuilder[] | null = null
  rescore: QueryRescorerBuilder[] = []
  indicesBoost: IndexBoost[] = []

  constructor(private readonly body: string) {}

  /** Reads the key when it is one of these sections; false for any other key. */
  read(key: string, value: XContentValue): boolean {
    if (key === 'collapse') {
      this.collapse = parseCollapse(value, this.body)
      return true
    }
    if (key === 'rescore' && (value instanceof Map || Array.isArray(value))) {
      this.rescore = parseRescore(value, this.body)
      return true
    }
    if (key === 'indices_boost' && Array.isArray(value)) {
      this.indicesBoost = parseIndicesBoost(value, this.body)
      return true
    }
    if (key === 'suggest' && value instanceof Map) {
      this.suggest = parseSuggest(value, this.body)
      return true
    }
    return false
  }

  /** SearchRequest.validate's messages for these sections. */
  validationErrors(): string[] {
    return this.collapse !== null && this.rescore.length > 0
      ? ['cannot use `collapse` in conjunction with `rescore`']
      : []
  }
}
