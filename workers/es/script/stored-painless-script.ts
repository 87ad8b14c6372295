/**
 * ScriptService.compile for a Painless context given a stored script's id: the script is read from the
 * cluster state when it is compiled ("unable to find script [x] in cluster state" when it is not there), and
 * compiled by its own lang's engine: a stored search template cannot run where Painless does ("mustache
 * engine does not know how to handle context [update]").
 */
import { illegalArgumentException } from '../errors/index.ts'
import type { StoredScriptLookup } from '../cluster/metadata/script-metadata.ts'
import { MUSTACHE_LANG } from './template-script.ts'

/** The Painless source of the stored script `id`, for the script context named `context`. */
export function storedPainlessSource(lookup: StoredScriptLookup, id: string, context: string): string {
  const stored = lookup(id)
  if (stored.lang === MUSTACHE_LANG) {
    throw illegalArgumentException(`mustache engine does not know how to handle context [${context}]`)
  }
  return stored.source
}
