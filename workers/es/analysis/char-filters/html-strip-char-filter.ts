// Lucene's HTMLStripCharFilter as Elasticsearch's `html_strip` char filter configures it: markup is
// removed, a block-level tag (p, div, br, li, h1..h6, ...) becomes one newline, character entities
// (&amp;, &apos;, &#39;, &#x27;) are decoded, comments, <!...> and <?...?> declarations vanish, and the
// contents of <script> and <style> elements go with them. Tags named in `escaped_tags` are kept as written.
// Offsets map back to the original text as CharFilterOutput does (a removed tag maps the next offset
// past it; a decoded entity's one char maps to the entity's start).
import type { CharFilter } from '../custom/char-filter.ts'
import { CharFilterOutput, type FilteredText } from '../custom/offset-corrections.ts'
import { HTML_ENTITIES } from './html-entities.ts'

const BLOCK_TAGS = new Set(
  (
    'address article aside blockquote body br caption center dd dir div dl dt fieldset figcaption figure ' +
    'footer form frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html isindex li main menu nav noframes ' +
    'noscript ol p pre section table tbody td tfoot th thead title tr ul'
  ).split(' '),
)
const TAG = /^<(\/?)([A-Za-z][A-Za-z0-9:_-]*)(?:\s[^>]*)?\/?>/
const ENTITY = /^&(?:#[xX]([0-9a-fA-F]{1,6})|#([0-9]{1,7})|([A-Za-z][A-Za-z0-9]*));/

export class HtmlStripCharFilter implements CharFilter {
  private readonly escapedTags: ReadonlySet<string>

  constructor(
    readonly name: string,
    escapedTags: readonly string[] = [],
  ) {
    this.escapedTags = new Set(escapedTags.map((tag) => tag.toLowerCase()))
  }

  filter(text: string): FilteredText {
    const out = new CharFilterOutput()
    let copiedFrom = 0
    let i = 0
    const replace = (length: number, replacement: string): void => {
      out.append(text.slice(copiedFrom, i))
      out.replace(length, replacement)
      i += length
      copiedFrom = i
    }
    while (i < text.length) {
      const ch = text[i]
      if (ch === '&') {
        const entity = ENTITY.exec(text.slice(i, i + 12))
        const decoded = entity ? decodeEntity(entity) : null
        if (entity && decoded !== null) replace(entity[0].length, decoded)
        else i++
      } else if (ch === '<') {
        const markup = this.markup(text, i)
        if (markup) replace(markup.length, markup.replacement)
        else i++
      } else i++
    }
    out.append(text.slice(copiedFrom))
    return out.finish()
  }

  /** The markup starting at `<`, its length and what replaces it, or null when `<` is plain text. */
  private markup(text: string, at: number): { length: number; replacement: string } | null {
    const rest = text.slice(at)
    if (rest.startsWith('<!--')) {
      const end = text.indexOf('-->', at + 4)
      return { length: (end < 0 ? text.length : end + 3) - at, replacement: '' }
    }
    if (/^<[!?]/.test(rest)) {
      const end = text.indexOf('>', at)
      return end < 0 ? null : { length: end + 1 - at, replacement: '' }
    }
    const tag = TAG.exec(rest)
    if (!tag) return null
    const name = (tag[2] ?? '').toLowerCase()
    if (this.escapedTags.has(name)) return null
    if (tag[1] === '' && (name === 'script' || name === 'style')) {
      const close = text.toLowerCase().indexOf(`</${name}`, at + tag[0].length)
      const end = close < 0 ? -1 : text.indexOf('>', close)
      return { length: (end < 0 ? text.length : end + 1) - at, replacement: '' }
    }
    return { length: tag[0].length, replacement: BLOCK_TAGS.has(name) ? '\n' : '' }
  }
}

function decodeEntity(entity: RegExpExecArray): string | null {
  const [, hex, decimal, name] = entity
  if (name !== undefined) return HTML_ENTITIES.get(name) ?? null
  const codePoint = hex !== undefined ? parseInt(hex, 16) : Number(decimal)
  return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : null
}
