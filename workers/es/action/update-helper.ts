/**
 * UpdateHelper: what a partial update (`_update`, a bulk `update` item) turns into, as ES 8.17's
 * UpdateHelper.prepare decides it:
 *
 * - the document is missing: the `upsert` document (or the `doc` itself with `doc_as_upsert`) is
 *   indexed as sent, re-serialized compactly; with neither, document_missing_exception (404);
 * - the document exists: `doc` is merged into the current source (XContentHelper.update): objects
 *   merge key by key, any other value replaces; new keys are appended in the HashMap order of the
 *   partial doc (see source-map.ts); with `detect_noop` (the default) an update that changes no
 *   value is a noop: nothing is written, no seq_no is spent;
 * - the document is missing, `scripted_upsert` is true and a `script` is given: the script runs over the
 *   `upsert` document with `ctx.op` "create" (UpsertMetadata); left "create" the result is indexed, anything
 *   else is a noop (nothing written; `_version` -1 and no seq_no);
 * - the document exists and a `script` is given: the Painless script runs over the current source
 *   (painless-update-script.ts); `ctx.op` 'index' indexes the result ("updated" even when nothing changed),
 *   'delete' deletes the document, anything else ('noop', 'none', 'create', ...) writes nothing.
 *
 * The request body is UpdateRequest's ObjectParser: `doc`, `upsert`, `doc_as_upsert`, `detect_noop`,
 * `_source`, `script`, `scripted_upsert`.
 */
import { bodyLocation } from '../xcontent/body-location.ts'
import { illegalArgumentException, xContentParseException, type EsException } from '../errors/index.ts'
import { toJson, type XContentObject, type XContentValue } from '../xcontent/index.ts'
import type { StoredDocument } from '../index/shard/index-shard.ts'
import { fetchSourceFromValue, type FetchSourceContext } from './fetch-source.ts'
import { suggest } from '../common/did-you-mean.ts'
import { scalarText } from '../search/queries/query-parsing.ts'
import { casValidationErrors, type CasParams } from './write-validation.ts'
import { valueToken } from './value-token.ts'
import {
  lazyUpdateScript,
  runUpdateScript,
  runUpsertScript,
  type ScriptDocMetadata,
  type UpdateScript,
} from './painless-update-script.ts'
import type { StoredScriptLookup } from '../cluster/metadata/script-metadata.ts'
import { hashMapOrdered, javaEquals, sourceToJson } from './source-map.ts'

export interface UpdateRequest {
  doc: XContentObject | null
  upsert: XContentObject | null
  docAsUpsert: boolean
  detectNoop: boolean
  fetchSource: FetchSourceContext | null
  script: UpdateScript | null
  scriptedUpsert: boolean
}

export type UpdatePlan =
  | { kind: 'index'; created: boolean; source: XContentObject; text: string }
  | { kind: 'noop'; source: XContentObject }
  | { kind: 'delete' }

const UPDATE_FIELDS = [
  'script',
  'scripted_upsert',
  'upsert',
  'doc',
  'doc_as_upsert',
  'detect_noop',
  '_source',
]

export function parseUpdateRequest(body: XContentObject, text: string): UpdateRequest {
  const request: UpdateRequest = {
    doc: null,
    upsert: null,
    docAsUpsert: false,
    detectNoop: true,
    fetchSource: null,
    script: null,
    scriptedUpsert: false,
  }
  const fail = (key: string, message: string): never => {
    const { line, col } = bodyLocation(text, key, 'key')
    throw xContentParseException(line, col, `[UpdateRequest] ${message}`)
  }
  const object = (key: string, value: XContentValue): XContentObject =>
    value instanceof Map ? value : fail(key, `${key} doesn't support values of type: ${valueToken(value)}`)
  const bool = (key: string, value: XContentValue): boolean =>
    typeof value === 'boolean'
      ? value
      : fail(key, `${key} doesn't support values of type: ${valueToken(value)}`)
  for (const [key, value] of body) {
    switch (key) {
      case 'doc':
        request.doc = object(key, value)
        break
      case 'upsert':
        request.upsert = object(key, value)
        break
      case 'doc_as_upsert':
        request.docAsUpsert = bool(key, value)
        break
      case 'detect_noop':
        request.detectNoop = bool(key, value)
        break
      case '_source':
        request.fetchSource = fetchSourceFromValue(value)
        break
      case 'script':
        request.script = parseScript(value, (message) => fail(key, message), lazyUpdateScript)
        break
      case 'scripted_upsert':
        request.scriptedUpsert = bool(key, value)
        break
      default:
        fail(key, `unknown field [${key}]${suggest(key, UPDATE_FIELDS)}`)
    }
  }
  return request
}

/**
 * Script.parse: an inline source string, `{"source", "lang", "params"}`, or a stored `{"id", "params"}`;
 * `inline` makes the script of an inline source.
 */
export function parseScript(
  value: XContentValue,
  fail: (message: string) => never,
  inline: (source: string, params: XContentObject) => UpdateScript,
): UpdateScript {
  if (typeof value === 'string') return inline(value, new Map())
  if (!(value instanceof Map)) return fail(`script doesn't support values of type: ${valueToken(value)}`)
  const source = value.get('source')
  const id = value.get('id')
  const params = value.get('params') ?? new Map<string, XContentValue>()
  if (!(params instanceof Map)) return fail(`params doesn't support values of type: ${valueToken(params)}`)
  if (typeof id === 'string' && source === undefined) {
    if (value.has('lang')) throw illegalArgumentException('lang cannot be specified for stored scripts')
    return { script: { id }, params }
  }
  const lang = value.get('lang') ?? 'painless'
  if (lang !== 'painless')
    throw illegalArgumentException(`script_lang not supported [${scalarText(lang) ?? ''}]`)
  if (typeof source !== 'string') {
    throw illegalArgumentException('only inline scripts with a [source] are supported by this playground')
  }
  return inline(source, params)
}

/**
 * UpdateRequest.validate, after the index and id checks, in its order: the compare-and-set pair, what it refuses
 * beside it (retries, an upsert), then the script and the doc.
 */
export function updateValidationErrors(
  request: UpdateRequest,
  cas: CasParams,
  retryOnConflict: number,
): string[] {
  const errors = casValidationErrors(cas)
  if (cas.ifSeqNo !== null) {
    if (retryOnConflict > 0) errors.push('compare and write operations can not be retried')
    if (request.docAsUpsert) errors.push('compare and write operations can not be used with upsert')
    if (request.upsert !== null)
      errors.push("upsert requests don't support `if_seq_no` and `if_primary_term`")
  }
  if (request.script === null && request.doc === null) errors.push('script or doc is missing')
  if (request.script !== null && request.doc !== null) errors.push("can't provide both script and doc")
  if (request.doc === null && request.docAsUpsert)
    errors.push('doc must be specified if doc_as_upsert is enabled')
  return errors
}

/**
 * The write an update becomes; `missing` builds the document_missing_exception for this shard; `doc` names the
 * document and the time for a script's ctx.
 */
export function prepareUpdate(
  request: UpdateRequest,
  current: StoredDocument | null,
  parse: (source: string) => XContentObject,
  missing: () => EsException,
  scripts: StoredScriptLookup,
  doc: ScriptDocMetadata,
): UpdatePlan {
  if (current === null) {
    const upsert = request.docAsUpsert ? request.doc : request.upsert
    if (upsert === null) throw missing()
    if (request.scriptedUpsert && request.script !== null && request.upsert !== null) {
      const source = new Map(request.upsert)
      if (!runUpsertScript(request.script, source, scripts, doc)) return { kind: 'noop', source }
      return { kind: 'index', created: true, source, text: toJson(sourceToJson(source)) }
    }
    return { kind: 'index', created: true, source: upsert, text: toJson(sourceToJson(upsert)) }
  }
  const source = parse(current.source)
  if (request.script !== null) {
    const op = runUpdateScript(request.script, source, scripts, {
      ...doc,
      version: current.version,
      routing: current.routing,
    })
    if (op === 'noop') return { kind: 'noop', source }
    if (op === 'delete') return { kind: 'delete' }
    return { kind: 'index', created: false, source, text: toJson(sourceToJson(source)) }
  }
  const modified = mergeSource(source, hashMapOrdered(request.doc!), request.detectNoop)
  if (!modified) return { kind: 'noop', source }
  return { kind: 'index', created: false, source, text: toJson(sourceToJson(source)) }
}

/** XContentHelper.update: merges `changes` into `source` in place; true when something changed. */
export function mergeSource(source: XContentObject, changes: XContentObject, checkUnequal: boolean): boolean {
  let modified = false
  for (const [key, value] of changes) {
    if (!source.has(key)) {
      source.set(key, value)
      modified = true
      continue
    }
    const old = source.get(key)!
    if (old instanceof Map && value instanceof Map) {
      modified = mergeSource(old, value, checkUnequal && !modified) || modified
      continue
    }
    source.set(key, value)
    if (modified) continue
    modified = !checkUnequal || !javaEquals(old, value)
  }
  return modified
}
