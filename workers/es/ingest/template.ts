/**
 * The Mustache templates ingest processors take for field names and values (ConfigurationUtils.
 * compileTemplate): a text holding `{{` is compiled by the `mustache` script engine (../script/template-script.ts,
 * the one Mustache of the codebase) with the property's media type as its `content_type` (JSON by default:
 * `"` → `\"`; set/append take `media_type`); any other text is used as it is. A template that does not compile
 * is the engine's script_exception, which the caller names the processor and property on.
 *
 * The model a template renders over is IngestDocument.createTemplateModel's: the ctx fields (source and
 * metadata), with `_source` (the source) and `_ingest` (the ingest metadata) put over them. `_ingest.timestamp`
 * is a ZonedDateTime there and prints as its toString (`2026-01-01T00:00Z` drops zero seconds).
 */
import type { XContentObject, XContentValue } from '../xcontent/index.ts'
import { CONTENT_TYPE_OPTION, TemplateScript } from '../script/template-script.ts'
import type { IngestDocument } from './ingest-document.ts'

/** The media types a template may escape for (ConfigurationUtils.readMediaTypeProperty). */
export type MediaType = 'application/json' | 'text/plain' | 'application/x-www-form-urlencoded'

export class Template {
  private constructor(
    readonly text: string,
    private readonly script: TemplateScript | null,
  ) {}

  static compile(text: string, mediaType: MediaType = 'application/json'): Template {
    if (!text.includes('{{')) return new Template(text, null)
    return new Template(text, TemplateScript.compile(text, { [CONTENT_TYPE_OPTION]: mediaType }))
  }

  render(doc: IngestDocument): string {
    return this.script === null ? this.text : this.script.execute(templateModel(doc))
  }
}

/** IngestDocument.createTemplateModel. */
function templateModel(doc: IngestDocument): XContentObject {
  const ingest = new Map(doc.ingest)
  const timestamp = ingest.get('timestamp')
  if (typeof timestamp === 'string') ingest.set('timestamp', zonedDateTimeToString(timestamp))
  return new Map<string, XContentValue>([
    ...doc.source,
    ...doc.metadata,
    ['_source', doc.source],
    ['_ingest', ingest],
  ])
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
