/**
 * ES's PinnedQueryBuilder (`pinned`, x-pack search-business-rules, 8.17): `{"organic": query, "ids": [...]}` or
 * `{"organic": query, "docs": [{"_index", "_id"}]}` (`_index` optional since 8.10), with `boost` and `_name`.
 *
 * Parsing is its ConstructingObjectParser's, field by field in the body's order: an undeclared key `[pinned] unknown
 * field [k]`, a value of the wrong kind `[pinned] k doesn't support values of type: T`, a failure inside organic, ids
 * or docs wrapped as `[pinned] failed to parse field [k]`; the `docs` items are the `item` parser's (SpecifiedDocument:
 * `_id` required, an `_index` with a wildcard refused). No organic is `Required [organic]`; the constructor's checks
 * (neither or both of ids and docs, more than MAX_NUM_PINNED_HITS, duplicates) fail as `Failed to build [pinned] after
 * last required field arrived` (inside `failed to parse field [k]` when all three arrived by field k). fromXContent
 * rethrows each as a ParsingException with the failure's message where the parser stood.
 *
 * doToQuery: DisjunctionMaxQuery(tie 0) of DisjunctionMaxQuery(the pins) and CappedScoreQuery(organic,
 * MAX_ORGANIC_SCORE); pin i of n is BoostQuery(ConstantScoreQuery(the `_id` TermInSetQuery), sortableIntToFloat(
 * floatToSortableInt(MAX_ORGANIC_SCORE) + 1 + n - i)), so pins score in their order above any organic score. A
 * `docs` pin is left out on an index its `_index` does not match (QueryRewriteContext.indexMatches). With no pins:
 * the CappedScoreQuery alone.
 */
import type { IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import {
  EsException,
  illegalArgumentException,
  parsingException,
  xContentParseException,
} from '../../errors/index.ts'
import { constructingBuildFailure, tokenName } from '../aggregations/aggregation-params.ts'
import {
  elementLocation,
  endLocationOf,
  quoteJson,
  XNumber,
  type XContentObject,
  type XContentValue,
} from '../../xcontent/index.ts'
import { parseInnerQuery } from '../query-builder.ts'
import { idTermsQuery, indexFieldMatches } from './metadata-fields.ts'
import { boostOf, type QueryContext } from './query-parsing.ts'
import {
  fieldParseFailure,
  parseFailureLocation,
  unknownField,
  unsupportedValue,
} from './query-parse-failures.ts'

const NAME = 'pinned'
const ITEM = 'item'
/** PinnedQueryBuilder.MAX_NUM_PINNED_HITS. */
export const MAX_NUM_PINNED_HITS = 100
const FIELDS = ['organic', 'ids', 'docs', 'boost', '_name']
const ITEM_FIELDS = ['_index', '_id']

const floatBits = new DataView(new ArrayBuffer(4))

function intBitsToFloat(bits: number): number {
  floatBits.setInt32(0, bits)
  return floatBits.getFloat32(0)
}

/** MAX_ORGANIC_SCORE: Float.intBitsToFloat(0xfe << 23) - 1 in float, which is 2^127 (the 1 is below its ulp). */
export const MAX_ORGANIC_SCORE = Math.fround(intBitsToFloat(0xfe << 23) - 1)

/** The score of pin `i` of `n` (positive floats' sortable ints are their bits). */
export function pinScore(i: number, n: number): number {
  floatBits.setFloat32(0, MAX_ORGANIC_SCORE)
  return intBitsToFloat(floatBits.getInt32(0) + 1 + n - i)
}

/** SpecifiedDocument: an `_id`, and the index it is pinned in (null: any). */
interface SpecifiedDocument {
  index: string | null
  id: string
}

export function pinnedQuery(body: XContentObject, context: QueryContext): IndexQuery {
  let parsed: { organic: IndexQuery; pins: SpecifiedDocument[] }
  try {
    parsed = parsePinned(body, context)
  } catch (error) {
    throw fromXContentFailure(body, error)
  }
  const { organic, pins } = parsed
  const capped: IndexQuery = { type: 'cappedScore', query: organic, maxScore: MAX_ORGANIC_SCORE, boost: 1 }
  const boost = boostOf(body)
  if (pins.length === 0) return boost === 1 ? capped : { ...capped, boost }
  const pinned = pins.flatMap(({ index, id }, i): IndexQuery[] =>
    index === null || indexFieldMatches(context, [index], false)
      ? [{ type: 'constantScore', filter: idTermsQuery([id], 1), boost: pinScore(i, pins.length) }]
      : [],
  )
  return {
    type: 'disMax',
    queries: [{ type: 'disMax', queries: pinned, tieBreaker: 0, boost: 1 }, capped],
    tieBreaker: 0,
    boost,
  }
}

/** PinnedQueryBuilder.fromXContent: an IllegalArgumentException becomes a ParsingException where the parser stood. */
function fromXContentFailure(body: XContentObject, error: unknown): unknown {
  if (!(error instanceof EsException)) return error
  const at = parseFailureLocation(error) ?? endLocationOf(body) ?? { line: 1, col: 1 }
  return parsingException(at.line, at.col, error.reason, error)
}

/** The ConstructingObjectParser's pass over the body, then its constructor. */
function parsePinned(
  body: XContentObject,
  context: QueryContext,
): { organic: IndexQuery; pins: SpecifiedDocument[] } {
  let organic: IndexQuery | undefined
  let ids: string[] | undefined
  let docs: SpecifiedDocument[] | undefined
  let built: SpecifiedDocument[] | null = null
  for (const [key, value] of body) {
    if (!FIELDS.includes(key)) throw unknownField(NAME, body, key, FIELDS)
    if (key === 'organic') {
      if (!(value instanceof Map)) throw unsupportedValue(NAME, body, key)
      organic = organicQuery(value, context)
    } else if (key === 'ids') {
      if (!Array.isArray(value) && typeof value !== 'string') throw unsupportedValue(NAME, body, key)
      ids = idList(body, value)
    } else if (key === 'docs') {
      if (!Array.isArray(value) && !(value instanceof Map)) throw unsupportedValue(NAME, body, key)
      docs = docList(body, value)
    } else continue
    // every constructor argument arrived: the object is built now, inside this field's parse
    if (organic !== undefined && ids !== undefined && docs !== undefined && built === null) {
      const refusal = constructorRefusal(ids, docs)
      if (refusal !== null) throw constructingBuildFailure(NAME, body, key, refusal)
      built = docs
    }
  }
  if (organic === undefined) throw illegalArgumentException('Required [organic]')
  const refusal = constructorRefusal(ids ?? null, docs ?? null)
  if (refusal !== null) throw constructingBuildFailure(NAME, body, null, refusal)
  return { organic, pins: docs ?? ids!.map((id) => ({ index: null, id })) }
}

/** ObjectParser.parseValue: a failure parsing the organic query is wrapped where it was thrown. */
function organicQuery(value: XContentObject, context: QueryContext): IndexQuery {
  try {
    return parseInnerQuery(value, context)
  } catch (error) {
    throw fieldParseFailure(NAME, 'organic', error)
  }
}

/**
 * declareStringArray's values (a lone string is a list of one); an element with no text is XContentParser.text's
 * refusal, wrapped by ObjectParser where the parser stands (on that element).
 */
function idList(body: XContentObject, value: XContentValue): string[] {
  const values = Array.isArray(value) ? value : [value]
  return values.map((element, i) => {
    if (typeof element === 'string') return element
    if (element instanceof XNumber) return element.text
    if (typeof element === 'boolean') return String(element)
    const [line, col] = elementLocation(body, 'ids', i)
    const cause = illegalArgumentException(`Expected text at ${line}:${col} but found ${tokenName(element)}`)
    throw xContentParseException(line, col, `[${NAME}] failed to parse field [ids]`, cause)
  })
}

/**
 * declareObjectArray's items (a lone object is a list of one), each parsed by SpecifiedDocument.PARSER; a failure is
 * wrapped by ObjectParser where the parser stood: its own location, else the item's end (its parser's finish), or
 * the element itself when it is no object.
 */
function docList(body: XContentObject, value: XContentObject | XContentValue[]): SpecifiedDocument[] {
  const values = Array.isArray(value) ? value : [value]
  return values.map((element, i) => {
    let cause: EsException
    let at: [number, number]
    if (element instanceof Map) {
      try {
        return specifiedDocument(element)
      } catch (error) {
        if (!(error instanceof EsException)) throw error
        cause = error
        at = pair(parseFailureLocation(error) ?? endLocationOf(element))
      }
    } else {
      // ObjectParser.parse steps past a token that is no START_OBJECT and names the next one (or the array's end)
      const next = i + 1 < values.length ? tokenName(values[i + 1]!) : 'END_ARRAY'
      at = elementLocation(body, 'docs', i + 1)
      cause = xContentParseException(...at, `[${ITEM}] Expected START_OBJECT but was: ${next}`)
    }
    throw xContentParseException(...at, `[${NAME}] failed to parse field [docs]`, cause)
  })
}

function pair(location: { line: number; col: number } | null): [number, number] {
  return location === null ? [1, 1] : [location.line, location.col]
}

/** SpecifiedDocument.PARSER (`item`): `_index` optional, `_id` required; built when both arrived, else at the end. */
function specifiedDocument(value: XContentObject): SpecifiedDocument {
  let index: string | undefined
  let id: string | undefined
  let doc: SpecifiedDocument | null = null
  for (const [key, field] of value) {
    if (!ITEM_FIELDS.includes(key)) throw unknownField(ITEM, value, key, ITEM_FIELDS)
    if (typeof field !== 'string') throw unsupportedValue(ITEM, value, key)
    if (key === '_index') index = field
    else id = field
    if (index !== undefined && id !== undefined && doc === null) {
      const refusal = itemRefusal(index)
      if (refusal !== null) throw constructingBuildFailure(ITEM, value, key, refusal)
      doc = { index, id }
    }
  }
  if (doc !== null) return doc
  if (id === undefined) throw illegalArgumentException('Required [_id]')
  const refusal = itemRefusal(index ?? null)
  if (refusal !== null) throw constructingBuildFailure(ITEM, value, null, refusal)
  return { index: index ?? null, id }
}

/** SpecifiedDocument's constructor: Regex.isSimpleMatchPattern refuses a `*` in the index. */
function itemRefusal(index: string | null): string | null {
  return index !== null && index.includes('*') ? 'Item index cannot contain wildcard expressions' : null
}

/** PinnedQueryBuilder's constructor checks, in its order. */
function constructorRefusal(ids: string[] | null, docs: SpecifiedDocument[] | null): string | null {
  if (ids === null && docs === null) return `[${NAME}] ids and docs cannot both be null`
  if (ids !== null && docs !== null) return `[${NAME}] ids and docs cannot both be used`
  if (ids !== null) {
    if (ids.length > MAX_NUM_PINNED_HITS)
      return `[${NAME}] Max of ${MAX_NUM_PINNED_HITS} ids exceeded: ${ids.length} provided.`
    const seen = new Set<string>()
    for (const id of ids) {
      if (seen.has(id)) return `[${NAME}] duplicate id found in list: ${id}`
      seen.add(id)
    }
    return null
  }
  if (docs!.length > MAX_NUM_PINNED_HITS)
    return `[${NAME}] Max of ${MAX_NUM_PINNED_HITS} docs exceeded: ${docs!.length} provided.`
  const seen = new Set<string>()
  for (const doc of docs!) {
    const text = documentText(doc)
    if (seen.has(text)) return `[${NAME}] duplicate doc found in list: ${text}`
    seen.add(text)
  }
  return null
}

/** SpecifiedDocument.toString: Strings.toString(this, pretty, human), the pretty printer's `"key" : value`. */
function documentText({ index, id }: SpecifiedDocument): string {
  const fields = index === null ? [] : [`  "_index" : ${quoteJson(index)}`]
  fields.push(`  "_id" : ${quoteJson(id)}`)
  return `{\n${fields.join(',\n')}\n}`
}
