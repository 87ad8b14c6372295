/**
 * An Explanation as Elasticsearch writes it in a search hit's `_explanation` and in the _explain API's
 * `explanation`: {"value", "description", "details": [...]}, details always present (an empty array for a leaf).
 * The value keeps its Java type: a float with Float.toString (`2.2`, `1.0`), a long as an integer, a double with
 * Double.toString.
 */
import { JavaDouble, JavaFloat, type JsonOut } from '../../xcontent/index.ts'
import type { Explanation } from './explanation.ts'

function valueJson(e: Explanation): JsonOut {
  if (e.type === 'long') return e.value
  return e.type === 'double' ? new JavaDouble(e.value) : new JavaFloat(e.value)
}

export function explanationJson(e: Explanation): JsonOut {
  return { value: valueJson(e), description: e.description, details: e.details.map(explanationJson) }
}
