/**
 * FieldNameCache: the field names a JSON tokenizer read lately, so that a name read again is the same string
 * rather than a new copy. Every document of an index repeats its field names: a cached name costs no allocation,
 * and V8 hashes and internalizes it once for the Maps and mapping look-ups it goes through, not once per document.
 * Like Jackson's symbol table (ByteQuadsCanonicalizer), it changes which string object a name is, never its text.
 *
 * Layout: direct-mapped, SLOTS slots, a name's slot from its length and its first and last code units; a slot
 * holds the last name that mapped to it. Names longer than MAX_LENGTH code units are not kept.
 * Invariant: `slice(text, start, end)` equals `text.slice(start, end)`.
 */

const SLOTS = 256
const MAX_LENGTH = 64

export class FieldNameCache {
  private readonly names: string[] = new Array<string>(SLOTS).fill('')

  /** `text.slice(start, end)`: the cached string when its slot holds that text. */
  slice(text: string, start: number, end: number): string {
    const length = end - start
    if (length === 0 || length > MAX_LENGTH) return text.slice(start, end)
    const slot = (length * 31 + text.charCodeAt(start) * 7 + text.charCodeAt(end - 1)) & (SLOTS - 1)
    const cached = this.names[slot]!
    if (cached.length === length && text.startsWith(cached, start)) return cached
    const name = text.slice(start, end)
    this.names[slot] = name
    return name
  }
}
