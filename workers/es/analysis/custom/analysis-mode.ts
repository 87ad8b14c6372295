/**
 * AnalysisMode (ES 8.17): where an index's custom analyzer may run, read from its `analysis` settings. A filter is
 * SEARCH_TIME when it is a `synonym` or `synonym_graph` filter with `updateable: true` (SynonymTokenFilterFactory:
 * `updateable ? SEARCH_TIME : ALL`); every other component is ALL. An analyzer holding a SEARCH_TIME filter is
 * SEARCH_TIME itself (AnalyzerComponents merges its components' modes) and is built as a ReloadableCustomAnalyzer;
 * NamedAnalyzer.checkAllowedInMode refuses it as a field's index-time `analyzer` with a mapper_exception naming its
 * SEARCH_TIME filters, in chain order:
 *   "analyzer [a] contains filters [f, g] that are not allowed to run in index time mode."
 * and as the index's `default` analyzer (AnalysisRegistry.build checks it in ALL mode: "... to run in all mode.").
 */
import { boolSetting, listSetting, stringSetting, type AnalysisSettings } from './analysis-settings.ts'

/** The synonym filter types that read `updateable` (and whose rules may come from a synonyms set). */
export const SYNONYM_TYPES: ReadonlySet<string> = new Set(['synonym', 'synonym_graph'])

/** The definitions of one kind (`analyzer`, `filter`, ...) of an index's `analysis` settings, by name. */
export function definitions(analysis: AnalysisSettings, kind: string): Record<string, AnalysisSettings> {
  const value = analysis[kind]
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, AnalysisSettings>)
    : {}
}

/** Whether a filter definition is in SEARCH_TIME mode. */
export function isSearchTimeFilter(filter: AnalysisSettings): boolean {
  const type = stringSetting(filter, 'type')
  return type !== undefined && SYNONYM_TYPES.has(type) && boolSetting(filter, 'updateable', false)
}

/** The SEARCH_TIME filters of the custom analyzer `name`, in chain order (none: the analyzer runs anywhere). */
export function searchTimeFilters(analysis: AnalysisSettings, name: string): string[] {
  const analyzers = definitions(analysis, 'analyzer')
  const filters = definitions(analysis, 'filter')
  if (!Object.hasOwn(analyzers, name)) return []
  return (listSetting(analyzers[name]!, 'filter') ?? []).filter(
    (filter) => Object.hasOwn(filters, filter) && isSearchTimeFilter(filters[filter]!),
  )
}
/** AnalysisMode.getReadableName of the modes an analyzer is checked against (INDEX_TIME, ALL). */
export type CheckedMode = 'index time' | 'all'

/**
 * NamedAnalyzer.checkAllowedInMode's message for analyzer `name` checked against `mode`, or null when it may run
 * there: a SEARCH_TIME analyzer is refused both as an index-time analyzer and where it must run in ALL modes.
 */
export function notAllowedInMode(analysis: AnalysisSettings, name: string, mode: CheckedMode): string | null {
  const offending = searchTimeFilters(analysis, name)
  if (offending.length === 0) return null
  return `analyzer [${name}] contains filters [${offending.join(', ')}] that are not allowed to run in ${mode} mode.`
}
