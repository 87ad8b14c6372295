/**
 * MetadataUpdateSettingsService for `index.analysis.*` on a closed index: the index's flat settings take the
 * request's keys (a list replaces the whole list, a null removes the key), as Settings.Builder.put does; then
 * the index is verified as IndicesService.verifyIndexMetadata builds it, with the index's current
 * index.max_ngram_diff and index.max_shingle_diff: the analysis must build and every
 * analyzer the mapping names must exist. A verification that fails refuses the whole request.
 *
 * `changes` are keys below `index.analysis.` (`analyzer.my_analyzer.tokenizer`) to plain JSON values.
 */
import { analysisLimits, type IndexAnalysisSettings } from '../../analysis/custom/index-analysis-settings.ts'
import { indexLimits } from '../../index/index-limit-settings.ts'
import { IndexAnalysis } from '../../index/index-analysis.ts'
import type { IndexMetadata } from '../../index/index-metadata.ts'

export type AnalysisChanges = Readonly<Record<string, unknown>>

/** The index with its analysis settings changed and verified (throws ES's error when they do not build). */
export function withAnalysisChanges(metadata: IndexMetadata, changes: AnalysisChanges): IndexMetadata {
  const flat = new Map<string, unknown>()
  flatten(metadata.analysis?.analysis ?? {}, '', flat)
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) flat.delete(key)
    else flat.set(key, value)
  }
  const analysis: IndexAnalysisSettings = {
    analysis: nest(flat),
    limits: analysisLimits(indexLimits(metadata)),
  }
  new IndexAnalysis(analysis).checkMapping(metadata.mapping)
  const updated = { ...metadata }
  delete updated.analysis
  return flat.size === 0 && metadata.analysis === undefined ? updated : { ...updated, analysis }
}

function flatten(value: unknown, prefix: string, out: Map<string, unknown>): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    out.set(prefix, value)
    return
  }
  for (const [key, entry] of Object.entries(value))
    flatten(entry, prefix === '' ? key : `${prefix}.${key}`, out)
}

function nest(flat: ReadonlyMap<string, unknown>): Record<string, unknown> {
  const root: Record<string, unknown> = {}
  for (const [key, value] of flat) {
    const path = key.split('.')
    let node = root
    for (const part of path.slice(0, -1)) {
      const child = Object.hasOwn(node, part) ? node[part] : undefined
      const next = typeof child === 'object' && child !== null && !Array.isArray(child) ? child : {}
      define(node, part, next)
      node = next as Record<string, unknown>
    }
    define(node, path[path.length - 1]!, value)
  }
  return root
}

/** Sets an own property, whatever its name (`__proto__` included). */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}
