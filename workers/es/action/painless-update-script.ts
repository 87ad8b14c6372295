/**
 * The write scripts on the Painless interpreter (../script/): `_update` (UpdateHelper.executeScript), a scripted
 * upsert, and the scripts of `_update_by_query` and `_reindex` (AbstractAsyncBulkByScrollAction.ScriptApplier).
 * A script is compiled when it first runs: `_update`'s when the document it updates (or its scripted upsert) is
 * read, so a missing document without an upsert is document_missing_exception whatever its script; the by-query
 * APIs' when the first document reaches it (ScriptApplier compiles lazily: nothing matched, nothing compiled); a
 * stored one (`id`) is read from the cluster state then (script/stored-painless-script.ts).
 * `_update` and scripted upserts fail as UpdateHelper.executeScript does: whatever compiling or running the
 * script throws becomes the cause of an illegal_argument_exception "failed to execute script" (400; that plain
 * Java exception is the root cause), in `_update` and in a `_bulk` update item; the by-query APIs' script errors
 * are not wrapped.
 *
 * A script runs with `params` and `ctx` (script/ctx-map.ts): `_source` as the script's Java objects (see
 * script/painless-values.ts), the context's metadata and `op`. It may change `_source` in place or replace it.
 * What `ctx.op` ends as is read by each caller: `_update` as UpdateMetadata.getOp and
 * UpdateOpType.lenientFromString have it ("index" and "delete" act, anything else is a noop), an upsert
 * ("create" indexes, anything else is a noop), the by-query APIs (the op set is checked when it is put).
 */
import type { XContentObject } from '../xcontent/index.ts'
import { EsException, illegalArgumentException } from '../errors/index.ts'
import { PainlessScript } from '../script/painless-script.ts'
import { fromXContent, toXContent, JavaHashMap, Num, type Value } from '../script/painless-values.ts'
import type { StoredScriptLookup } from '../cluster/metadata/script-metadata.ts'
import { storedPainlessSource } from '../script/stored-painless-script.ts'
import { CtxMap } from '../script/ctx-map.ts'

export type ScriptOp = 'index' | 'noop' | 'delete'

/** The script: compiled, an inline source compiled on first use, or a stored id. */
export interface UpdateScript {
  script: PainlessScript | { source: string } | { id: string }
  params: XContentObject
}

const VARIABLES = ['params', 'ctx']

/** An inline script compiled when it first runs. */
export function lazyUpdateScript(source: string, params: XContentObject): UpdateScript {
  return { script: { source }, params }
}

function compiled(update: UpdateScript, scripts: StoredScriptLookup, context: string): PainlessScript {
  const { script } = update
  if (script instanceof PainlessScript) return script
  const source = 'id' in script ? storedPainlessSource(scripts, script.id, context) : script.source
  return PainlessScript.compile(source, VARIABLES)
}

/** The Java objects of a `_source` for a ctx, as XContentHelper.convertToMap(ordered) reads it: LinkedHashMaps. */
function sourceValue(source: XContentObject): Map<string, Value> {
  return fromXContent(source) as Map<string, Value>
}

/** IndexRequest.sourceAsMap: XContentHelper.convertToMap unordered, HashMaps at every level. */
export function sourceAsMap(source: XContentObject): Map<string, Value> {
  return toHashMaps(fromXContent(source)) as Map<string, Value>
}

function toHashMaps(value: Value): Value {
  if (Array.isArray(value)) return value.map(toHashMaps)
  if (!(value instanceof Map)) return value
  const map = new JavaHashMap()
  for (const [key, entry] of value) map.set(key, toHashMaps(entry))
  return map
}

/** Runs the script over `ctx` (changed in place). `context` names the ScriptContext in a stored script's errors. */
export function executeWriteScript(
  update: UpdateScript,
  ctx: CtxMap,
  scripts: StoredScriptLookup,
  context: string,
): void {
  compiled(update, scripts, context).run(
    new Map<string, Value>([
      ['params', fromXContent(update.params)],
      ['ctx', ctx],
    ]),
  )
}

/** UpdateHelper.executeScript: compiling and running the script, any failure "failed to execute script". */
function executeUpdateScript(update: UpdateScript, ctx: CtxMap, scripts: StoredScriptLookup): void {
  try {
    executeWriteScript(update, ctx, scripts, 'update')
  } catch (error) {
    if (!(error instanceof EsException)) throw error
    throw illegalArgumentException('failed to execute script', error)
  }
}

/** The `_source` the script left, as XContent. */
export function scriptedSource(ctx: CtxMap): XContentObject {
  return toXContent(ctx.source()) as XContentObject
}

/** The metadata every write script context starts from. */
export interface ScriptDocMetadata {
  index: string
  id: string
  now: number
}

/** The `_update` script over `source` (replaced in place by the result); the operation `ctx.op` ends with. */
export function runUpdateScript(
  update: UpdateScript,
  source: XContentObject,
  scripts: StoredScriptLookup,
  doc: ScriptDocMetadata & { version: number; routing: string | null },
): ScriptOp {
  const ctx = new CtxMap('update', sourceValue(source), {
    _index: doc.index,
    _id: doc.id,
    _version: Num.long(BigInt(doc.version)),
    _routing: doc.routing,
    _type: '_doc',
    op: 'index',
    _now: Num.long(BigInt(doc.now)),
  })
  executeUpdateScript(update, ctx, scripts)
  replaceSource(source, scriptedSource(ctx))
  const op = ctx.text('op')
  return op === 'index' || op === 'delete' ? op : 'noop'
}

/** A scripted upsert over the `upsert` document (replaced in place); true when `ctx.op` is still "create". */
export function runUpsertScript(
  update: UpdateScript,
  source: XContentObject,
  scripts: StoredScriptLookup,
  doc: ScriptDocMetadata,
): boolean {
  const ctx = new CtxMap('upsert', sourceAsMap(source), {
    _index: doc.index,
    _id: doc.id,
    op: 'create',
    _now: Num.long(BigInt(doc.now)),
  })
  executeUpdateScript(update, ctx, scripts)
  replaceSource(source, scriptedSource(ctx))
  return ctx.text('op') === 'create'
}

function replaceSource(target: XContentObject, result: XContentObject): void {
  target.clear()
  for (const [key, value] of result) target.set(key, value)
}
