// An index's `settings` body (as PUT /<index> receives it, parsed XContent) reduced to what analysis
// needs: the `analysis` object (found under `analysis`, `index.analysis` or as flat dotted keys such as
// "index.analysis.analyzer.a.tokenizer", all merged as ES's Settings flattening would) as plain JSON
// values, and the index.max_ngram_diff / index.max_shingle_diff limits it was verified with (when it was
// created or last changed; a later dynamic change of a limit does not rebuild the analyzers, as in ES).
import { XNumber, type XContentObject, type XContentValue } from '../../xcontent/index.ts'
import type { AnalysisSettings } from './analysis-settings.ts'
import type { AnalysisLimits } from '../analysis-limits.ts'

export interface IndexAnalysisSettings {
  analysis: AnalysisSettings
  /** The limits the analysis was verified and built with. */
  limits: AnalysisLimits
}

/** XContent (Maps, XNumbers) as plain JSON values (objects, numbers). */
export function plainValue(value: XContentValue): unknown {
  if (value instanceof XNumber) return value.value
  if (value instanceof Map) {
    const out: Record<string, unknown> = {}
    for (const [key, entry] of value) setPath(out, [key], plainValue(entry))
    return out
  }
  if (Array.isArray(value)) return value.map(plainValue)
  return value
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  const [head, ...rest] = path
  if (head === undefined) return
  if (rest.length === 0) {
    const existing = target[head]
    if (isRecord(existing) && isRecord(value))
      for (const [k, v] of Object.entries(value)) setPath(existing, [k], v)
    else Object.defineProperty(target, head, { value, enumerable: true, writable: true, configurable: true })
    return
  }
  let child = target[head]
  if (!isRecord(child)) {
    child = {}
    Object.defineProperty(target, head, {
      value: child,
      enumerable: true,
      writable: true,
      configurable: true,
    })
  }
  setPath(child as Record<string, unknown>, rest, value)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * The analysis part of an index's settings body, checked against the index's limits; absent settings give no
 * components.
 */
export function indexAnalysisSettings(
  settings: XContentObject | undefined,
  limits: AnalysisLimits,
): IndexAnalysisSettings {
  const expanded: Record<string, unknown> = {}
  for (const [key, value] of settings ?? new Map<string, XContentValue>()) {
    const path = key.split('.')
    setPath(expanded, path[0] === 'index' ? path : ['index', ...path], plainValue(value))
  }
  const index = isRecord(expanded['index']) ? expanded['index'] : {}
  const analysis = isRecord(index['analysis']) ? index['analysis'] : {}
  return { analysis, limits }
}

/** The analyzers' part of an index's limits. */
export function analysisLimits({ maxNgramDiff, maxShingleDiff }: AnalysisLimits): AnalysisLimits {
  return { maxNgramDiff, maxShingleDiff }
}
