/**
 * The values a parsed request body is made of, as Elasticsearch's XContentParser hands them out.
 *
 * Invariants:
 * - An object is a `Map` in document order; any key is allowed (including "__proto__"), and a key occurs once
 *   (the parser rejects duplicates as Jackson's STRICT_DUPLICATE_DETECTION does).
 * - A number keeps its lexeme exactly as sent (`1.50`, `-0`, `1e3`), because Elasticsearch decides how to read
 *   it (int, long, float, double, BigInteger) only when a mapper or a query asks, and `_source` keeps it verbatim.
 */

export type XContentValue = string | boolean | null | XNumber | XContentObject | XContentValue[]
export type XContentObject = Map<string, XContentValue>

export class XNumber {
  constructor(readonly text: string) {}

  /** The lexeme read as a JavaScript double (Java's `Double.parseDouble` gives the same value). */
  get value(): number {
    return Number(this.text)
  }

  /** True for Jackson's VALUE_NUMBER_INT: no fraction and no exponent in the lexeme. */
  get isInteger(): boolean {
    return !/[.eE]/.test(this.text)
  }

  toString(): string {
    return this.text
  }
}
