/**
 * Explanation: Lucene's score explanation tree (org.apache.lucene.search.Explanation): whether it matches, a value,
 * a description and the details it was computed from. Lucene's value is a java.lang.Number whose class decides
 * how Elasticsearch writes it (a Float as `2.2`, a Long as `1`, a Double from Double.toString), so `type` keeps it.
 * Invariant: a non-matching explanation has the value 0 (Explanation.noMatch's 0f).
 */
export type ExplanationValueType = 'float' | 'double' | 'long'

export interface Explanation {
  match: boolean
  value: number
  type: ExplanationValueType
  description: string
  details: Explanation[]
}

/** Explanation.match with a float value (Math.fround applied). */
export function match(value: number, description: string, details: Explanation[] = []): Explanation {
  return { match: true, value: Math.fround(value), type: 'float', description, details }
}

/** Explanation.match with a long value. */
export function matchLong(value: number, description: string): Explanation {
  return { match: true, value, type: 'long', description, details: [] }
}

/** Explanation.match with a double value. */
export function matchDouble(value: number, description: string, details: Explanation[]): Explanation {
  return { match: true, value, type: 'double', description, details }
}

export function noMatch(description: string, details: Explanation[] = []): Explanation {
  return { match: false, value: 0, type: 'float', description, details }
}
