/**
 * SearchTemplateRequest as ES 8 reads and renders it (SearchTemplateRequest.PARSER, validate, and
 * TransportSearchTemplateAction.convert):
 * - the body's fields: `source` (deprecated names `inline`, `template`; a string, or an object kept as its
 *   compact JSON) or `id` (a stored template), `params` (an object), `explain` and `profile` (booleans); any
 *   other is "[search_template] unknown field [x]";
 * - validate: "template is missing", "template's script type is missing" (Validation Failed);
 * - the template is compiled as `mustache` (a stored one with its own lang and options; a missing id is
 *   "unable to find script [x] in cluster state") and rendered over `params`.
 */
import { sourceToJson } from '../../action/source-map.ts'
import {
  actionRequestValidationException,
  illegalArgumentException,
  xContentParseException,
} from '../../errors/index.ts'
import { toJson, type XContentObject, type XContentValue } from '../../xcontent/index.ts'
import { bodyLocation } from '../../xcontent/body-location.ts'
import { valueToken } from '../../action/value-token.ts'
import { parseBoolean } from '../../common/booleans.ts'
import type { ClusterState } from '../../cluster/state/cluster-state.ts'
import { storedScript } from '../../cluster/metadata/script-metadata.ts'
import { MUSTACHE_LANG, TemplateScript } from '../../script/template-script.ts'
import { parseRequestBody } from '../request-body.ts'

export interface SearchTemplateRequest {
  /** The template's source (inline) or stored id; null when the body gave neither. */
  script: { type: 'inline' | 'stored'; value: string } | null
  params: XContentObject
  explain: boolean
  profile: boolean
  /** DeprecationLogger's warnings for the deprecated field names used. */
  deprecations: string[]
}

const SOURCE_NAMES = new Set(['source', 'inline', 'template'])

export function parseSearchTemplateRequest(text: string): SearchTemplateRequest {
  const body = parseRequestBody(text)
  const request: SearchTemplateRequest = {
    script: null,
    params: new Map(),
    explain: false,
    profile: false,
    deprecations: [],
  }
  const fail = (key: string, message: string): never => {
    const { line, col } = bodyLocation(text, key, 'value')
    throw xContentParseException(line, col, `[search_template] ${message}`)
  }
  const unsupported = (key: string, value: XContentValue): never =>
    fail(key, `${key} doesn't support values of type: ${valueToken(value)}`)
  for (const [key, value] of body) {
    if (key === 'params') request.params = value instanceof Map ? value : unsupported(key, value)
    else if (key === 'id') {
      request.script = { type: 'stored', value: typeof value === 'string' ? value : unsupported(key, value) }
    } else if (key === 'explain' || key === 'profile') {
      if (typeof value === 'boolean') request[key] = value
      else request[key] = typeof value === 'string' ? parseBoolean(value) : unsupported(key, value)
    } else if (SOURCE_NAMES.has(key)) {
      if (key !== 'source')
        request.deprecations.push(`Deprecated field [${key}] used, expected [source] instead`)
      if (value instanceof Map) request.script = { type: 'inline', value: toJson(sourceToJson(value)) }
      else if (typeof value === 'string') request.script = { type: 'inline', value }
      else unsupported(key, value)
    } else {
      const { line, col } = bodyLocation(text, key, 'key')
      throw xContentParseException(line, col, `[search_template] unknown field [${key}]`)
    }
  }
  return request
}

/** SearchTemplateRequest.validate (the search request's own checks pass here). */
export function validateSearchTemplateRequest(request: SearchTemplateRequest): void {
  if (request.script === null || request.script.value === '') {
    const errors = ['template is missing']
    if (request.script === null) errors.push("template's script type is missing")
    throw actionRequestValidationException(errors)
  }
}

/** ScriptService.compile for the template context, then TemplateScript.execute: the rendered text. */
export function renderSearchTemplate(state: ClusterState, request: SearchTemplateRequest): string {
  validateSearchTemplateRequest(request)
  const script = request.script!
  if (script.type === 'inline') return TemplateScript.compile(script.value).execute(request.params)
  const stored = storedScript(state, script.value)
  if (stored.lang !== MUSTACHE_LANG) {
    throw illegalArgumentException(
      `a [${stored.lang}] stored script cannot be rendered as a search template in this playground`,
    )
  }
  return TemplateScript.compile(stored.source, stored.options).execute(request.params)
}
