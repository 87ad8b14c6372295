/**
 * ScriptMetadata: the stored scripts and search templates of the cluster state, by id, each a
 * StoredScriptSource (`lang`, `source`, and `options` only when the source was given as an object, then
 * `{"content_type": "application/json;charset=utf-8"}`). A put replaces a script of the same id; a delete of a
 * missing id is "stored script [x] does not exist and cannot be deleted" (404); a script compiled by id that is
 * not there is "unable to find script [x] in cluster state" (ScriptService.getScriptFromClusterState, 404).
 */
import type { ClusterState } from '../state/cluster-state.ts'
import { resourceNotFoundException } from './metadata-errors.ts'

export interface StoredScriptSource {
  readonly lang: string
  readonly source: string
  readonly options?: Readonly<Record<string, string>>
}

/** Finds a stored script by id (ScriptService.getScriptFromClusterState over some node's state). */
export type StoredScriptLookup = (id: string) => StoredScriptSource

export function storedScripts(state: ClusterState): Readonly<Record<string, StoredScriptSource>> {
  return state.metadata.storedScripts ?? {}
}

export function putStoredScript(state: ClusterState, id: string, source: StoredScriptSource): ClusterState {
  const scripts = { ...storedScripts(state), [id]: source }
  return { ...state, metadata: { ...state.metadata, storedScripts: scripts } }
}

export function deleteStoredScript(state: ClusterState, id: string): ClusterState {
  const scripts = { ...storedScripts(state) }
  if (!Object.hasOwn(scripts, id)) {
    throw resourceNotFoundException(`stored script [${id}] does not exist and cannot be deleted`)
  }
  delete scripts[id]
  return { ...state, metadata: { ...state.metadata, storedScripts: scripts } }
}

/** ScriptService.getScriptFromClusterState. */
export function storedScript(state: ClusterState, id: string): StoredScriptSource {
  return findStoredScript(storedScripts(state), id)
}

function findStoredScript(
  scripts: Readonly<Record<string, StoredScriptSource>>,
  id: string,
): StoredScriptSource {
  if (!Object.hasOwn(scripts, id))
    throw resourceNotFoundException(`unable to find script [${id}] in cluster state`)
  return scripts[id]!
}

/** The lookup of a cluster state without stored scripts. */
export const NO_STORED_SCRIPTS: StoredScriptLookup = (id) => findStoredScript({}, id)

/** The lookup of the scripts stored in `state`. */
export function storedScriptLookup(state: ClusterState): StoredScriptLookup {
  return (id) => storedScript(state, id)
}
