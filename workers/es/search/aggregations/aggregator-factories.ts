/**
 * AggregatorFactories.parseAggregators: the request's `aggs` / `aggregations` object into builders, with
 * ES 8's parsing errors (ParsingException unless noted):
 * - a name must match [^\[\]>]+: `Invalid aggregation name [a>b]. Aggregation names can contain any
 *   character except '[', ']', and '>'`
 * - its value must be an object: `Aggregation definition for [name starts with a [VALUE_STRING], expected
 *   a [START_OBJECT].` (ES's text has no closing bracket)
 * - each key's value must be an object: `Expected [START_OBJECT] under [field], but got a [VALUE_STRING]
 *   in [name]`
 * - `meta`, and `aggs` / `aggregations` once: `Found two sub aggregation definitions under [name]`
 * - one type: `Found two aggregation type definitions in [name]: [a] and [b]`
 * - a known type: `Unknown aggregation type [x] did you mean [y]?`, caused by named_object_not_found_exception
 * - a type at all: `Missing definition for aggregation [name]`
 * - siblings with one name: illegal_argument_exception `Two sibling aggregations cannot have the same name: [n]`
 *   (a JSON object cannot repeat a key, so this arises only through duplicate detection being off).
 * Each carries the `[line:col]` of the token the parser stood on: a name's key, a definition's value, a type's
 * object, the definition's closing brace for a missing type (the aggs value's own errors say [1:1]).
 * The whole tree is then validated (pipeline/pipeline-validation.ts): 400 action_request_validation_exception.
 */
import { parsingErrorAtEnd } from '../queries/query-parsing.ts'
import { EsException, illegalArgumentException, parsingException } from '../../errors/index.ts'
import { tokenLocation, type XContentObject, type XContentValue } from '../../xcontent/index.ts'
import type { AggregationBuilder } from './aggregation-builder.ts'
import { tokenName } from './aggregation-params.ts'
import { REGISTERED_AGGREGATIONS } from './aggregation-names.ts'
import { suggest } from '../../common/did-you-mean.ts'
import { AGGREGATION_PARSERS } from './aggregation-registry.ts'
import { validateAggregations } from './pipeline/pipeline-validation.ts'

const VALID_NAME = /^[^[\]>]+$/

/** The request's aggregations, validated as AggregatorFactories.Builder.validate does (pipelines). */
export function parseAggregations(value: XContentValue): AggregationBuilder[] {
  const builders = parseLevel(value)
  validateAggregations(builders)
  return builders
}

function parseLevel(value: XContentValue): AggregationBuilder[] {
  if (!(value instanceof Map)) {
    throw parsingException(
      1,
      1,
      `Unexpected token ${tokenName(value)} in [aggs]: aggregations definitions must start with the name of the aggregation.`,
    )
  }
  const builders: AggregationBuilder[] = []
  const names = new Set<string>()
  for (const [name, definition] of value) {
    if (!VALID_NAME.test(name)) {
      throw parsingException(
        ...tokenLocation(value, name, 'key'),
        `Invalid aggregation name [${name}]. Aggregation names can contain any character except '[', ']', and '>'`,
      )
    }
    if (!(definition instanceof Map)) {
      throw parsingException(
        ...tokenLocation(value, name, 'value'),
        `Aggregation definition for [${name} starts with a [${tokenName(definition)}], expected a [START_OBJECT].`,
      )
    }
    if (names.has(name))
      throw illegalArgumentException(`Two sibling aggregations cannot have the same name: [${name}]`)
    names.add(name)
    builders.push(parseOne(name, definition))
  }
  return builders
}

function parseOne(name: string, definition: XContentObject): AggregationBuilder {
  let type: { key: string; body: XContentObject } | null = null
  let meta: XContentObject | null = null
  let subs: AggregationBuilder[] | null = null
  for (const [key, body] of definition) {
    const at = tokenLocation(definition, key, 'value')
    if (!(body instanceof Map)) {
      throw parsingException(
        ...at,
        `Expected [START_OBJECT] under [${key}], but got a [${tokenName(body)}] in [${name}]`,
      )
    }
    if (key === 'meta') meta = body
    else if (key === 'aggs' || key === 'aggregations') {
      if (subs !== null)
        throw parsingException(...at, `Found two sub aggregation definitions under [${name}]`)
      subs = parseLevel(body)
    } else {
      if (type !== null) {
        throw parsingException(
          ...at,
          `Found two aggregation type definitions in [${name}]: [${type.key}] and [${key}]`,
        )
      }
      if (!REGISTERED_AGGREGATIONS.includes(key)) throw unknownType(key, at)
      type = { key, body }
    }
  }
  if (type === null) {
    // at the definition's closing brace, where the parser stands when it finds no type
    throw parsingErrorAtEnd(definition, `Missing definition for aggregation [${name}]`)
  }
  const parser = AGGREGATION_PARSERS.get(type.key)
  if (parser === undefined) {
    throw illegalArgumentException(`the [${type.key}] aggregation is not available in the playground`)
  }
  return parser(name, type.body, meta, subs ?? [])
}

/** At the type's object, where NamedXContentRegistry's lookup fails (its exception carries the same location). */
function unknownType(type: string, [line, col]: [number, number]): EsException {
  return parsingException(
    line,
    col,
    `Unknown aggregation type [${type}]${suggest(type, REGISTERED_AGGREGATIONS)}`,
    new EsException({
      type: 'named_object_not_found_exception',
      reason: `[${line}:${col}] unknown field [${type}]`,
      status: 400,
      rootCause: false,
    }),
  )
}
