/**
 * StoredScriptSource.parse: the body of `PUT _scripts/<id>`, `{"script": {"lang", "source", "options"}}`.
 * - the body must open with `script` (ParsingException "unexpected field [x], expected [script]", or, for
 *   `{}`, "unexpected token [END_OBJECT, expected [script]" as ES words it), whose value must be an object
 *   ("unexpected token [VALUE_STRING], expected [{, <source>]");
 * - inside, unknown fields are ignored; `source` (or `code`) is a string, or an object kept as its compact JSON
 *   with the option `content_type` `application/json;charset=utf-8`; `options` maps strings to strings;
 * - Builder.build: "must specify lang for stored script", "lang cannot be empty", "must specify source for
 *   stored script", "source cannot be empty", "illegal compiler options [{k=v}] specified" (any option other
 *   than content_type), each an illegal_argument_exception.
 * toXContent writes `lang`, `source`, then `options` when there are any.
 */
import { illegalArgumentException, parsingException } from '../errors/index.ts'
import { toJson, type JsonOut, type XContentObject } from '../xcontent/index.ts'
import { sourceToJson } from '../action/source-map.ts'
import { bodyLocation } from '../xcontent/body-location.ts'
import { valueToken } from '../action/value-token.ts'
import { javaToString } from '../ingest/java-values.ts'
import { parseRequestBody } from '../rest/request-body.ts'
import type { StoredScriptSource } from '../cluster/metadata/script-metadata.ts'
import { CONTENT_TYPE_OPTION, JSON_MEDIA_TYPE_WITH_CHARSET } from './template-script.ts'

/** The location of the token after the body's `{` (where `{}` ends). */
function afterOpenBrace(text: string): { line: number; col: number } {
  const open = text.indexOf('{')
  let at = open + 1
  while (at < text.length && /\s/.test(text[at]!)) at++
  const before = text.slice(0, at)
  return { line: before.split('\n').length, col: at - before.lastIndexOf('\n') }
}

export function parseStoredScriptSource(text: string): StoredScriptSource {
  const body = parseRequestBody(text)
  const first = body.entries().next()
  if (first.done === true) {
    const { line, col } = afterOpenBrace(text)
    throw parsingException(line, col, 'unexpected token [END_OBJECT, expected [script]')
  }
  const [name, script] = first.value
  if (name !== 'script') {
    const { line, col } = bodyLocation(text, name, 'key')
    throw parsingException(line, col, `unexpected field [${name}], expected [script]`)
  }
  if (!(script instanceof Map)) {
    const { line, col } = bodyLocation(text, name, 'value')
    throw parsingException(line, col, `unexpected token [${valueToken(script)}], expected [{, <source>]`)
  }
  return buildSource(script)
}

function buildSource(script: XContentObject): StoredScriptSource {
  let lang: string | null = null
  let source: string | null = null
  const options = new Map<string, string>()
  for (const [key, value] of script) {
    if (key === 'lang' && value !== null) lang = javaToString(value)
    else if ((key === 'source' || key === 'code') && value instanceof Map) {
      source = toJson(sourceToJson(value))
      options.set(CONTENT_TYPE_OPTION, JSON_MEDIA_TYPE_WITH_CHARSET)
    } else if ((key === 'source' || key === 'code') && value !== null) source = javaToString(value)
    else if (key === 'options' && value instanceof Map) {
      for (const [option, text] of value) options.set(option, text === null ? 'null' : javaToString(text))
    }
  }
  if (lang === null) throw illegalArgumentException('must specify lang for stored script')
  if (lang === '') throw illegalArgumentException('lang cannot be empty')
  if (source === null) throw illegalArgumentException('must specify source for stored script')
  if (source === '') throw illegalArgumentException('source cannot be empty')
  if (options.size > 1 || (options.size === 1 && !options.has(CONTENT_TYPE_OPTION))) {
    const text = [...options].map(([key, value]) => `${key}=${value}`).join(', ')
    throw illegalArgumentException(`illegal compiler options [{${text}}] specified`)
  }
  return options.size === 0 ? { lang, source } : { lang, source, options: Object.fromEntries(options) }
}

/** StoredScriptSource.toXContent. */
export function storedScriptJson(source: StoredScriptSource): Map<string, JsonOut> {
  const json = new Map<string, JsonOut>([
    ['lang', source.lang],
    ['source', source.source],
  ])
  if (source.options !== undefined) json.set('options', new Map(Object.entries(source.options)))
  return json
}
