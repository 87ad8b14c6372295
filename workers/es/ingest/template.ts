/**
 * The Mustache templates ingest processors take for field names and values (ConfigurationUtils.
 * compileTemplate over the `mustache` script engine): `{{name}}` is replaced by the value's
 * Object.toString escaped for the media type (JSON by default: `"` → `\"`; set/append take `media_type`), `{{{name}}}` (or `{{& name}}`) by the
 * raw text, `{{! comment }}` by nothing. A dotted name walks maps and list indexes from the template
 * model: the ctx fields (source and metadata), `_source.` and `_ingest.`; a missing value renders as ''.
 * `_ingest.timestamp` renders as ZonedDateTime.toString does (`2026-01-01T00:00Z` drops zero seconds).
 * Sections (`{{#x}}`) are not supported and are refused when the template is compiled.
 */
import type { XContentValue } from '../xcontent/index.ts'
import { jsonEscape } from '../script/template-script.ts'
import { urlEncode } from '../script/mustache/mustache-renderer.ts'
import type { IngestDocument } from './ingest-document.ts'
import { illegalArgumentException } from './ingest-exceptions.ts'
import { javaToString } from './java-values.ts'

/** The media types a template may escape for (ConfigurationUtils.readMediaTypeProperty). */
export type MediaType = 'application/json' | 'text/plain' | 'application/x-www-form-urlencoded'

type Encoder = (text: string) => string

const ENCODERS: Record<MediaType, Encoder | null> = {
  'application/json': jsonEscape,
  'text/plain': null,
  'application/x-www-form-urlencoded': urlEncode,
}

type Part = string | { path: string[]; escape: Encoder | null }

export class Template {
  private constructor(
    readonly text: string,
    private readonly parts: readonly Part[],
  ) {}

  static compile(text: string, mediaType: MediaType = 'application/json'): Template {
    const parts: Part[] = []
    const tag = /\{\{\{\s*([^}]*?)\s*\}\}\}|\{\{\s*([&!#^/]?)\s*([^}]*?)\s*\}\}/g
    let from = 0
    for (let match = tag.exec(text); match; match = tag.exec(text)) {
      if (match.index > from) parts.push(text.slice(from, match.index))
      from = match.index + match[0].length
      const sigil = match[2] ?? ''
      if (sigil === '!') continue
      if (sigil !== '' && sigil !== '&') {
        throw illegalArgumentException(
          `mustache sections ({{${sigil}...}}) are not supported in this playground`,
        )
      }
      const name = match[1] ?? match[3] ?? ''
      const escape = match[1] === undefined && sigil === '' ? ENCODERS[mediaType] : null
      parts.push({ path: name === '.' ? [] : name.split('.'), escape })
    }
    if (from < text.length) parts.push(text.slice(from))
    return new Template(text, parts)
  }

  render(doc: IngestDocument): string {
    let out = ''
    for (const part of this.parts) {
      if (typeof part === 'string') {
        out += part
        continue
      }
      const text = renderValue(part.path, lookup(doc, part.path))
      out += part.escape === null ? text : part.escape(text)
    }
    return out
  }
}

function lookup(doc: IngestDocument, path: readonly string[]): XContentValue | undefined {
  const [first, ...rest] = path
  if (first === undefined) return undefined
  let node: XContentValue | undefined =
    first === '_ingest' ? doc.ingest : first === '_source' ? doc.source : doc.ctx.get(first)
  for (const key of rest) {
    if (node instanceof Map) node = node.get(key)
    else if (Array.isArray(node) && /^\d+$/.test(key)) node = node[Number(key)]
    else return undefined
  }
  return node
}

function renderValue(path: readonly string[], value: XContentValue | undefined): string {
  if (value === undefined || value === null) return ''
  if (path.length === 2 && path[0] === '_ingest' && path[1] === 'timestamp' && typeof value === 'string') {
    return zonedDateTimeToString(value)
  }
  return javaToString(value)
}

/** `2026-01-01T00:00:00.000Z` → ZonedDateTime.toString: seconds and fraction only when not zero. */
export function zonedDateTimeToString(iso: string): string {
  return iso.replace(/\.000Z$/, 'Z').replace(/:00Z$/, 'Z')
}

/**
 * ValueSource.wrap: a value whose strings are templates (in maps and lists too), rendered on use; other
 * scalars are used as they are. Rendering copies the maps and lists, so each use gets its own.
 */
export type ValueSource = (doc: IngestDocument) => XContentValue

export function valueSource(value: XContentValue, mediaType: MediaType = 'application/json'): ValueSource {
  if (typeof value === 'string') {
    const template = Template.compile(value, mediaType)
    return (doc) => template.render(doc)
  }
  if (Array.isArray(value)) {
    const items = value.map((item) => valueSource(item, mediaType))
    return (doc) => items.map((item) => item(doc))
  }
  if (value instanceof Map) {
    const entries = [...value].map(
      ([key, v]) => [Template.compile(key, mediaType), valueSource(v, mediaType)] as const,
    )
    return (doc) => new Map(entries.map(([key, v]) => [key.render(doc), v(doc)]))
  }
  return () => value
}
