/**
 * AbstractAsyncBulkByScrollAction.ScriptApplier for `_update_by_query` (UpdateByQueryScriptApplier) and
 * `_reindex` (ReindexScriptApplier): the request's script runs over each hit before its write joins the batch.
 *
 * The script sees `ctx` (script/ctx-map.ts) with `_source` as IndexRequest.sourceAsMap reads it (HashMaps at
 * every level, so a rewritten source is written back in HashMap key order), `_index` (the hit's index), `_id`,
 * `_version` (-1: the search did not fetch versions, unless `_update_by_query?version=true` or a `_reindex` with
 * external versioning), `_routing`, `op` ("index") and `_now` (the coordinating node's time in milliseconds).
 * `_update_by_query` may change only `_source` and `op`; `_reindex` may also change `_index` (the document goes to
 * that index instead), `_id` (null generates one), `_routing` and `_version` (ReindexScriptApplier.updateRequest:
 * null makes the write internal and unconditional, another number becomes the request's version under its
 * version type). `op` "noop" drops the write (counted in `noops`), "delete" deletes the document (requestFromOp:
 * internal versioning with the request's version), "index" writes it.
 *
 * A script that fails, fails the whole request (finishHim): the batches already written stay written.
 */
import { parseJson, toJson } from '../xcontent/index.ts'
import type { StoredScriptLookup } from '../cluster/metadata/script-metadata.ts'
import { CtxMap, type WriteScriptContext } from '../script/ctx-map.ts'
import { Num } from '../script/painless-values.ts'
import type { XContentObject } from '../xcontent/index.ts'
import {
  executeWriteScript,
  scriptedSource,
  sourceAsMap,
  type UpdateScript,
} from './painless-update-script.ts'
import { sourceToJson } from './source-map.ts'
import { INTERNAL_MATCH_ANY, type Versioning } from '../index/version-type.ts'

/** The write a hit becomes before the script runs: where it goes and what it holds. */
export interface HitRequest {
  index: string
  id: string
  routing: string | null
  /** The source as JSON text. */
  text: string
  versioning: Versioning
}

/** What the script turned the request into: null for a noop. */
export type ScriptedRequest =
  | null
  | { op: 'delete'; index: string; id: string; routing: string | null; versioning: Versioning }
  | {
      op: 'index'
      index: string
      /** null: generate one (a reindex script set `ctx._id` to null). */
      id: string | null
      routing: string | null
      text: string
      versioning: Versioning
    }

/** The hit's metadata as the search returned it. */
export interface HitMetadata {
  index: string
  id: string
  version: number
  routing: string | null
}

export class ScriptApplier {
  constructor(
    private readonly context: Extract<WriteScriptContext, 'update_by_query' | 'reindex'>,
    private readonly script: UpdateScript,
    private readonly scripts: StoredScriptLookup,
    private readonly now: number,
  ) {}

  apply(request: HitRequest, hit: HitMetadata): ScriptedRequest {
    const source = sourceAsMap(parseJson(request.text) as XContentObject)
    const ctx = new CtxMap(this.context, source, {
      _index: hit.index,
      _id: hit.id,
      _version: Num.long(BigInt(hit.version)),
      _routing: hit.routing,
      op: 'index',
      _now: Num.long(BigInt(this.now)),
    })
    executeWriteScript(this.script, ctx, this.scripts, this.context)
    // ReindexScriptApplier.updateRequest: what the script changed replaces what the request had.
    const index = ctx.text('_index') !== hit.index ? ctx.text('_index')! : request.index
    const id = ctx.text('_id') !== hit.id ? ctx.text('_id') : request.id
    const routing = ctx.text('_routing') !== hit.routing ? ctx.text('_routing') : request.routing
    const versioning = scriptedVersioning(ctx, hit.version, request.versioning)
    const op = ctx.text('op')
    if (op === 'noop') return null
    if (op === 'delete') {
      const { version } = versioning
      return { op, index, id: id ?? request.id, routing, versioning: { version, versionType: 'internal' } }
    }
    return { op: 'index', index, id, routing, text: toJson(sourceToJson(scriptedSource(ctx))), versioning }
  }
}

/** ReindexMetadata.versionChanged and ReindexScriptApplier.updateRequest: the request's versioning after the script. */
function scriptedVersioning(ctx: CtxMap, original: number, versioning: Versioning): Versioning {
  const value = ctx.get('_version') ?? null
  if (value === null) return INTERNAL_MATCH_ANY
  const version = (value as Num).value
  return version === original ? versioning : { ...versioning, version }
}
