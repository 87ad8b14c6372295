/**
 * The inverted index engine's public API: IndexEngine.load(source) → engine.newIndex() → InvertedIndex, plus the
 * types of its inputs and outputs.
 */
export { IndexEngine } from './index-engine.ts'
export { InvertedIndex } from './inverted-index.ts'
export { huffmanBound, lz4Bound, StoredFieldsCompressor, type ByteSink } from './stored-fields-compressor.ts'
export { FunctionScoreError, type FunctionScoreFailure } from './score-error.ts'
export { TooManySpanClausesError } from './span-multi-rewrite.ts'
export { renameSpanFields, weightedSpanQuery } from './span-program.ts'
export * as intervals from './intervals-sources.ts'
export { describeIntervals } from './intervals-sources.ts'
export { TooManyIntervalTermsError } from './intervals-program.ts'
export { boolProgramOrder, MODIFIERS as FIELD_VALUE_MODIFIERS, termsByPosition } from './query-program.ts'
export type { FlushDictionary } from './document-batch.ts'
export type * from './types.ts'
export type { BM25Factors, ExplainedQuery, ExplainedWeight, FeatureState } from './explained-query.ts'
