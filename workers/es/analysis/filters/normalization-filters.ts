// The script normalization token filters by their Elasticsearch names (CommonAnalysisPlugin), each
// Lucene's <Language>NormalizationFilter over the normalizer of arabic-normalizers.ts, indic-normalizer.ts,
// indic-script-normalizers.ts or serbian-normalizer.ts. arabic_normalization, persian_normalization,
// sorani_normalization, indic_normalization and serbian_normalization rewrite every term;
// hindi_normalization and bengali_normalization leave terms a keyword marker protected (their Lucene
// filters read the KeywordAttribute). Offsets, types and positions are kept; none takes settings.
import { StemFilter } from '../stemmers/stem-filter.ts'
import type { TokenFilter } from '../token-list.ts'
import { arabicNormalize, persianNormalize, soraniNormalize } from './arabic-normalizers.ts'
import { indicNormalize } from './indic-normalizer.ts'
import { bengaliNormalize, hindiNormalize } from './indic-script-normalizers.ts'
import { TermRewriteFilter } from './term-rewrite-filters.ts'
import { serbianNormalize } from './serbian-normalizer.ts'

export const arabicNormalizationFilter = (): TokenFilter =>
  new TermRewriteFilter('arabic_normalization', arabicNormalize)
export const persianNormalizationFilter = (): TokenFilter =>
  new TermRewriteFilter('persian_normalization', persianNormalize)
export const soraniNormalizationFilter = (): TokenFilter =>
  new TermRewriteFilter('sorani_normalization', soraniNormalize)
export const indicNormalizationFilter = (): TokenFilter =>
  new TermRewriteFilter('indic_normalization', indicNormalize)
export const hindiNormalizationFilter = (): TokenFilter =>
  new StemFilter('hindi_normalization', hindiNormalize)
export const bengaliNormalizationFilter = (): TokenFilter =>
  new StemFilter('bengali_normalization', bengaliNormalize)
export const serbianNormalizationFilter = (): TokenFilter =>
  new TermRewriteFilter('serbian_normalization', serbianNormalize)

/** The filters above by name, for the registry. */
export const NORMALIZATION_FILTERS: ReadonlyMap<string, () => TokenFilter> = new Map([
  ['arabic_normalization', arabicNormalizationFilter],
  ['persian_normalization', persianNormalizationFilter],
  ['sorani_normalization', soraniNormalizationFilter],
  ['indic_normalization', indicNormalizationFilter],
  ['hindi_normalization', hindiNormalizationFilter],
  ['bengali_normalization', bengaliNormalizationFilter],
  ['serbian_normalization', serbianNormalizationFilter],
])
