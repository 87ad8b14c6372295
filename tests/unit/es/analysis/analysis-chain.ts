// Test helper: builds a chain as `_analyze` {tokenizer, filter, char_filter} does without an index
// (names or inline definitions), and lists its tokens as [term, start, end, position] rows.
import { CustomAnalyzer } from '../../../../workers/es/analysis/custom/custom-analyzer.ts'
import {
  GLOBAL_ANALYZERS,
  type NameOrDefinition,
} from '../../../../workers/es/analysis/custom/index-analyzers.ts'

export function chain(
  tokenizer: NameOrDefinition,
  filters: NameOrDefinition[] = [],
  charFilters: NameOrDefinition[] = [],
): CustomAnalyzer {
  return new CustomAnalyzer('test', {
    tokenizer: GLOBAL_ANALYZERS.resolve('tokenizer', tokenizer),
    filters: filters.map((filter) => GLOBAL_ANALYZERS.resolve('filter', filter)),
    charFilters: charFilters.map((filter) => GLOBAL_ANALYZERS.resolve('char_filter', filter)),
  })
}

export const terms = (analyzer: CustomAnalyzer, text: string): string[] =>
  analyzer.analyze(text).map((token) => token.token)

export const rows = (analyzer: CustomAnalyzer, text: string): Array<[string, number, number, number]> =>
  analyzer.analyze(text).map((t) => [t.token, t.start_offset, t.end_offset, t.position])
