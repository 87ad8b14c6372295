/**
 * The options of an object-valued mapping parameter (dense_vector's `index_options`, text's `index_prefixes`) as
 * ES's parsers read them: each option removed from the map as it is read (XContentMapValues.nodeIntegerValue), then
 * what is left refused (MappingParser.checkNoRemainingFields).
 */
import { failedToParseMapping, failedToParseMappingFrom, numberFormatException } from '../../errors/index.ts'
import { XNumber, type XContentValue } from '../../xcontent/index.ts'
import { javaToString } from './mapping-parser.ts'

/** XContentMapValues.nodeIntegerValue of an option (removed from `options`), or its default. */
export function integerOption(options: Map<string, XContentValue>, key: string, fallback: number): number {
  const value = options.get(key)
  options.delete(key)
  if (value === undefined || value === null) return fallback
  // Number.intValue of a number; Integer.parseInt of anything else's text
  if (value instanceof XNumber) return Math.trunc(value.value)
  const text = javaToString(value)
  const parsed = /^[+-]?\d+$/.test(text) ? Number(text) : NaN
  if (!(Math.abs(parsed) <= 2 ** 31 - 1)) throw failedToParseMappingFrom(numberFormatException(text))
  return parsed
}

/** MappingParser.checkNoRemainingFields: "Mapping definition for [f] has unsupported parameters:  [k : v]". */
export function checkNoRemainingFields(name: string, options: ReadonlyMap<string, XContentValue>): void {
  if (options.size === 0) return
  const listed = [...options].map(([key, entry]) => ` [${key} : ${javaToString(entry)}]`).join('')
  throw failedToParseMapping(`Mapping definition for [${name}] has unsupported parameters: ${listed}`)
}
