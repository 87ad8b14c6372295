/**
 * The `collapse` section of a search body, as CollapseBuilder's ObjectParser reads it: `field` (a string, required),
 * `inner_hits` (one InnerHitBuilder object or an array of them) and `max_concurrent_group_searches` (a positive
 * integer; the expansion here runs its group searches one after another, so it bounds nothing). An inner hit keeps
 * its `name` (absent: the collapse field's name, where ES leaves it null) and its other options as the body
 * they are: InnerHitBuilder's keys are a search body's keys (from, size, sort, _source, version, ...), which the
 * expansion hands to each group's search (expand-search-phase.ts). Errors are ObjectParser's
 * x_content_parse_exception `[line:col] [collapse] unknown field [x]` (or `[inner_hits]`).
 */
import { illegalArgumentException, parsingException } from '../../errors/index.ts'
import { bodyLocation } from '../../xcontent/body-location.ts'
import { XNumber, type XContentObject, type XContentValue } from '../../xcontent/index.ts'
import { SectionParser } from '../section-parser.ts'
import { readInnerHit, type InnerHitBuilder } from '../fetch/inner-hit-builder.ts'

export interface CollapseBuilder {
  field: string
  innerHits: InnerHitBuilder[]
}

export function parseCollapse(value: XContentValue, body: string): CollapseBuilder {
  const parser = new SectionParser(body, 'collapse')
  const section = parser.object('collapse', value)
  let field: string | null = null
  let innerHits: XContentObject[] = []
  for (const [key, item] of section) {
    if (key === 'field') {
      field = parser.string(key, item)
      // CollapseBuilder.setField
      if (field === '')
        parser.fail(
          key,
          `failed to parse field [${key}]`,
          illegalArgumentException('field name is null or empty'),
        )
    } else if (key === 'inner_hits') {
      innerHits = Array.isArray(item)
        ? item.map((one) => innerHitObject(one, body))
        : [parser.object(key, item)]
    } else if (key === 'max_concurrent_group_searches') {
      const n = item instanceof XNumber ? item.value : Number.NaN
      if (!Number.isInteger(n)) parser.fail(key, `failed to parse field [${key}]`)
      // CollapseBuilder.setMaxConcurrentGroupRequests
      if (n < 1)
        parser.fail(
          key,
          `failed to parse field [${key}]`,
          illegalArgumentException('maxConcurrentGroupRequests` must be positive'),
        )
    } else parser.fail(key, `unknown field [${key}]`)
  }
  // ES fails each shard with a NullPointerException; refused here as ObjectParser would a required field.
  if (field === null) return parser.fail('collapse', 'Required [field]')
  const collapseField = field
  return { field, innerHits: innerHits.map((options) => parseInnerHit(options, body, collapseField)) }
}

/** An element of an `inner_hits` array: an object, else the parsing_exception CollapseBuilder throws. */
function innerHitObject(value: XContentValue, body: string): XContentObject {
  if (value instanceof Map) return value
  const { line, col } = bodyLocation(body, 'inner_hits', 'value')
  throw parsingException(line, col, 'Invalid token in inner_hits array')
}

function parseInnerHit(section: XContentObject, body: string, collapseField: string): InnerHitBuilder {
  const parser = new SectionParser(body, 'inner_hits')
  return readInnerHit(section, collapseField, {
    name: (key, item) => parser.string(key, item),
    unknownField: (key) => parser.fail(key, `unknown field [${key}]`),
  })
}
