/**
 * HighlightBuilder: the `highlight` section of a search body as ES 8's ObjectParser reads it, kept as plain
 * data. Common options (top level and per field): pre_tags, post_tags, order, fragment_size,
 * number_of_fragments, require_field_match, no_match_size, type, boundary_scanner, highlight_query, and the
 * options this playground accepts and ignores (highlight_filter, fragment_offset, boundary_max_scan,
 * boundary_chars, boundary_scanner_locale, fragmenter, force_source, phrase_limit, options,
 * matched_fields), and max_analyzed_offset; top level only: encoder, tags_schema, fields (an object, or an array
 * of one-key objects). A field's unset options fall back to the top level's, then to ES's defaults
 * (<em>, </em>, 100, 5, require_field_match true, no_match_size 0, order none, unified, sentence).
 * Errors are ObjectParser's: `[highlight] unknown field [x]`, `[highlight] failed to parse field [x]`.
 */
import { illegalArgumentException } from '../../../errors/index.ts'
import { XNumber, type XContentValue } from '../../../xcontent/index.ts'
import { valueToken } from '../../../action/value-token.ts'
import { SectionParser } from '../../section-parser.ts'

export interface HighlightOptions {
  preTags?: string[]
  postTags?: string[]
  scoreOrdered?: boolean
  fragmentSize?: number
  numberOfFragments?: number
  requireFieldMatch?: boolean
  noMatchSize?: number
  /** `max_analyzed_offset`: analyze only this far (-1: the index setting's limit applies). */
  maxAnalyzedOffset?: number
  type?: string
  boundaryScanner?: string
  /** The highlight_query body, built against each index's mapping on the data node. */
  highlightQuery?: XContentValue
}

export interface HighlightBuilder {
  /** `html` escapes the text around the tags (Lucene's SimpleHTMLEncoder); anything else leaves it. */
  encoder: string
  global: HighlightOptions
  fields: Array<{ name: string; options: HighlightOptions }>
}

/** SearchHighlightContext.FieldOptions: every option resolved. */
export interface FieldOptions {
  preTag: string
  postTag: string
  scoreOrdered: boolean
  fragmentSize: number
  numberOfFragments: number
  requireFieldMatch: boolean
  noMatchSize: number
  /** The query's max_analyzed_offset, or null when not given (or -1). */
  maxAnalyzedOffset: number | null
  type: string
  boundaryScanner: string
  html: boolean
  highlightQuery: XContentValue | null
}

const STYLED_PRE_TAGS = Array.from({ length: 10 }, (_, i) => `<em class="hlt${i + 1}">`)
const IGNORED_OPTIONS = new Set([
  'highlight_filter',
  'boundary_max_scan',
  'boundary_chars',
  'boundary_scanner_locale',
  'fragmenter',
  'force_source',
  'phrase_limit',
  'options',
])

/** A scalar as its text in an error message; an object or array as its token name. */
function scalarText(value: XContentValue): string {
  if (value instanceof XNumber) return value.text
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return String(value)
  return valueToken(value)
}

class HighlightParser extends SectionParser {
  failedToParse(key: string, reason?: string): never {
    return this.fail(
      key,
      `failed to parse field [${key}]`,
      reason ? illegalArgumentException(reason) : undefined,
    )
  }

  strings(key: string, value: XContentValue): string[] {
    return Array.isArray(value) ? value.map((item) => this.string(key, item)) : [this.string(key, value)]
  }

  int(key: string, value: XContentValue): number {
    const n = value instanceof XNumber ? value.value : typeof value === 'string' ? Number(value) : NaN
    if (!Number.isInteger(n)) this.failedToParse(key, `For input string: "${scalarText(value)}"`)
    return n
  }

  boolean(key: string, value: XContentValue): boolean {
    if (typeof value === 'boolean') return value
    if (value === 'true' || value === 'false') return value === 'true'
    return this.failedToParse(
      key,
      `Failed to parse value [${scalarText(value)}] as only [true] or [false] are allowed.`,
    )
  }

  /** One common option into `options`; false when the key is not a common option. */
  option(options: HighlightOptions, key: string, value: XContentValue): boolean {
    switch (key) {
      case 'pre_tags':
        options.preTags = this.strings(key, value)
        return true
      case 'post_tags':
        options.postTags = this.strings(key, value)
        return true
      case 'order':
        // Order.fromString: `score` in any case, anything else is `none`.
        options.scoreOrdered = this.string(key, value).toUpperCase() === 'SCORE'
        return true
      case 'fragment_size':
        options.fragmentSize = this.int(key, value)
        return true
      case 'number_of_fragments':
        options.numberOfFragments = this.int(key, value)
        return true
      case 'max_analyzed_offset':
        options.maxAnalyzedOffset = this.int(key, value)
        return true
      case 'no_match_size':
        options.noMatchSize = this.int(key, value)
        return true
      case 'require_field_match':
        options.requireFieldMatch = this.boolean(key, value)
        return true
      case 'type':
        options.type = this.string(key, value)
        return true
      case 'boundary_scanner': {
        const type = this.string(key, value).toUpperCase()
        if (!['CHARS', 'WORD', 'SENTENCE'].includes(type)) {
          this.failedToParse(
            key,
            `No enum constant org.elasticsearch.search.fetch.subphase.highlight.HighlightBuilder.BoundaryScannerType.${type}`,
          )
        }
        options.boundaryScanner = type.toLowerCase()
        return true
      }
      case 'highlight_query':
        if (!(value instanceof Map))
          this.fail(key, `${key} doesn't support values of type: ${valueToken(value)}`)
        options.highlightQuery = value
        return true
      default:
        return IGNORED_OPTIONS.has(key)
    }
  }
}

function parseField(
  body: string,
  name: string,
  value: XContentValue,
): { name: string; options: HighlightOptions } {
  const parser = new HighlightParser(body, 'highlight_field')
  if (!(value instanceof Map))
    return parser.fail(name, `${name} doesn't support values of type: ${valueToken(value)}`)
  const options: HighlightOptions = {}
  for (const [key, option] of value) {
    if (key === 'fragment_offset') parser.int(key, option)
    else if (key === 'matched_fields') parser.strings(key, option)
    else if (!parser.option(options, key, option)) parser.fail(key, `unknown field [${key}]`)
  }
  return { name, options }
}

function parseFields(
  parser: HighlightParser,
  body: string,
  value: XContentValue,
): HighlightBuilder['fields'] {
  if (value instanceof Map) return [...value].map(([name, options]) => parseField(body, name, options))
  if (!Array.isArray(value)) return parser.failedToParse('fields')
  return value.map((entry) => {
    const only = entry instanceof Map && entry.size === 1 ? [...entry][0] : undefined
    if (only === undefined) return parser.failedToParse('fields')
    return parseField(body, only[0], only[1])
  })
}

export function parseHighlight(value: XContentValue, body: string): HighlightBuilder {
  const parser = new HighlightParser(body, 'highlight')
  if (!(value instanceof Map))
    return parser.fail('highlight', `highlight doesn't support values of type: ${valueToken(value)}`)
  const builder: HighlightBuilder = { encoder: 'default', global: {}, fields: [] }
  for (const [key, option] of value) {
    if (key === 'encoder') builder.encoder = parser.string(key, option)
    else if (key === 'fields') builder.fields.push(...parseFields(parser, body, option))
    else if (key === 'tags_schema') {
      const schema = parser.string(key, option)
      if (schema !== 'default' && schema !== 'styled')
        parser.failedToParse(key, `Unknown tag schema [${schema}]`)
      builder.global.preTags = schema === 'styled' ? STYLED_PRE_TAGS : ['<em>']
      builder.global.postTags = ['</em>']
    } else if (!parser.option(builder.global, key, option)) parser.fail(key, `unknown field [${key}]`)
  }
  return builder
}

/** HighlightBuilder.build: the field's options, then the top level's, then the defaults. */
export function fieldOptions(builder: HighlightBuilder, field: HighlightOptions): FieldOptions {
  const pick = <K extends keyof HighlightOptions>(key: K): HighlightOptions[K] =>
    field[key] ?? builder.global[key]
  const maxAnalyzedOffset = pick('maxAnalyzedOffset')
  return {
    preTag: pick('preTags')?.[0] ?? '<em>',
    postTag: pick('postTags')?.[0] ?? '</em>',
    scoreOrdered: pick('scoreOrdered') ?? false,
    fragmentSize: pick('fragmentSize') ?? 100,
    numberOfFragments: pick('numberOfFragments') ?? 5,
    requireFieldMatch: pick('requireFieldMatch') ?? true,
    noMatchSize: pick('noMatchSize') ?? 0,
    maxAnalyzedOffset: maxAnalyzedOffset === undefined || maxAnalyzedOffset === -1 ? null : maxAnalyzedOffset,
    type: pick('type') ?? 'unified',
    boundaryScanner: pick('boundaryScanner') ?? 'sentence',
    html: builder.encoder === 'html',
    highlightQuery: pick('highlightQuery') ?? null,
  }
}
