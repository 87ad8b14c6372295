/**
 * A test's own view of part of a response: `body` (JSON) filtered as `filter_path` filters, for answers ES sends
 * whole (errors are never filtered: AbstractRestChannel.newErrorBuilder), so a test can still compare only the part
 * it is about.
 */
import { filterPath } from '../../../workers/es/xcontent/filter-path.ts'
import { parseJson, toJson, type XContentObject } from '../../../workers/es/xcontent/index.ts'

export function filterJson(body: string, expression: string): string {
  return toJson(filterPath(parseJson(body) as XContentObject, expression))
}
