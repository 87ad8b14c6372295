/**
 * `indices_boost`: an array of `{ "<index, alias or pattern>": boost }` objects (ES 8 takes only the array form;
 * the object form of 5.x is an unknown key). SearchSourceBuilder.IndexBoost reads each (ParsingException `Expected
 * [..] in [indices_boost] but found [..]` otherwise), the coordinating node resolves each expression to its
 * concrete indices (TransportSearchAction.resolveIndexBoosts: a missing index is `no such index`), the first entry
 * naming an index giving its boost, and each shard of a boosted index scores its query boosted (a BoostQuery: the
 * boost multiplies the query's own, so every score of the index is multiplied by it as Lucene's weights do).
 */
import type { IndexQuery } from '../../../engine-wasm/src/index/index.ts'
import { parsingException } from '../errors/index.ts'
import { bodyLocation } from '../xcontent/body-location.ts'
import { XNumber, type XContentValue } from '../xcontent/index.ts'
import { valueToken } from '../action/value-token.ts'
import type { IndexMetadata } from '../index/index-metadata.ts'
import { concreteIndexNames } from '../cluster/metadata/index-abstraction.ts'

export interface IndexBoost {
  index: string
  boost: number
}

export function parseIndicesBoost(value: readonly XContentValue[], body: string): IndexBoost[] {
  const fail = (message: string): never => {
    const { line, col } = bodyLocation(body, 'indices_boost', 'value')
    throw parsingException(line, col, message)
  }
  return value.map((item) => {
    if (!(item instanceof Map))
      return fail(`Expected [START_OBJECT] in [indices_boost] but found [${valueToken(item)}]`)
    const entries = [...item]
    if (entries.length === 0) return fail('Expected [FIELD_NAME] in [indices_boost] but found [END_OBJECT]')
    const [index, boost] = entries[0]!
    if (!(boost instanceof XNumber))
      return fail(`Expected [VALUE_NUMBER] in [indices_boost] but found [${valueToken(boost)}]`)
    if (entries.length > 1) fail('Expected [END_OBJECT] in [indices_boost] but found [FIELD_NAME]')
    return { index, boost: Math.fround(boost.value) }
  })
}

/** Each boosted concrete index's boost: the first entry that names it. */
export function resolveIndexBoosts(
  boosts: readonly IndexBoost[],
  indices: readonly IndexMetadata[],
): Map<string, number> {
  const out = new Map<string, number>()
  for (const { index, boost } of boosts) {
    for (const name of concreteIndexNames(indices, index)) if (!out.has(name)) out.set(name, boost)
  }
  return out
}

/** The query scored `boost` times (BoostQuery(query, boost) folded into the query's own boost). */
export function boostedQuery(query: IndexQuery, boost: number): IndexQuery {
  if (boost === 1 || query.type === 'matchNone') return query
  return { ...query, boost: Math.fround(query.boost * boost) }
}
