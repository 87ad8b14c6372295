/**
 * An `_update` script (UpdateHelper.executeScript) on the Painless interpreter (../script/): an inline script
 * is compiled when the request is parsed, so a script that does not compile fails the request before the
 * document is read; a stored one (`id`) is read from the cluster state and compiled on the primary when it
 * runs (script/stored-painless-script.ts). Either is then
 * run with `params` and `ctx`, a map of `op` ("index") and `_source` (the current source as the script's Java
 * objects: see script/painless-values.ts). The script may change `_source` in place or replace it, and sets
 * `ctx.op`: "noop" or "none" writes nothing, "delete" deletes the document, "index" or "create" indexes the
 * result; any other value is, as UpdateHelper's lenient parse has it, a noop.
 */
import type { XContentObject } from '../xcontent/index.ts'
import { PainlessScript } from '../script/painless-script.ts'
import { fromXContent, toXContent, type Value } from '../script/painless-values.ts'
import { illegalArgumentException } from '../errors/index.ts'
import type { StoredScriptLookup } from '../cluster/metadata/script-metadata.ts'
import { storedPainlessSource } from '../script/stored-painless-script.ts'

export type ScriptOp = 'index' | 'noop' | 'delete'

/** The script: compiled (inline) or the id of a stored one. */
export interface UpdateScript {
  script: PainlessScript | { id: string }
  params: XContentObject
}

const VARIABLES = ['params', 'ctx']

export function parseUpdateScript(source: string, params: XContentObject): UpdateScript {
  return { script: PainlessScript.compile(source, VARIABLES), params }
}

function compiled(update: UpdateScript, scripts: StoredScriptLookup): PainlessScript {
  if (update.script instanceof PainlessScript) return update.script
  return PainlessScript.compile(storedPainlessSource(scripts, update.script.id, 'update'), VARIABLES)
}

const OPS: Readonly<Record<string, ScriptOp>> = {
  index: 'index',
  create: 'index',
  delete: 'delete',
  noop: 'noop',
  none: 'noop',
}

/** Runs the script over `source` (changed in place); the operation `ctx.op` ends with. */
export function runUpdateScript(
  update: UpdateScript,
  source: XContentObject,
  scripts: StoredScriptLookup,
): ScriptOp {
  const ctx = new Map<string, Value>([
    ['op', 'index'],
    ['_source', fromXContent(source)],
  ])
  compiled(update, scripts).run(
    new Map<string, Value>([
      ['params', fromXContent(update.params)],
      ['ctx', ctx],
    ]),
  )
  const result = toXContent(ctx.get('_source') ?? null)
  if (!(result instanceof Map)) throw illegalArgumentException('ctx._source must be a map')
  source.clear()
  for (const [key, value] of result) source.set(key, value)
  const op = ctx.get('op')
  return typeof op === 'string' ? (OPS[op] ?? 'noop') : 'noop'
}
