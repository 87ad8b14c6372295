/**
 * Elasticsearch's strict booleans: Booleans.parseBoolean (only `true` and `false`; anything else is an
 * illegal_argument_exception "Failed to parse value [x] as only [true] or [false] are allowed.") and
 * RestRequest.paramAsBoolean's URL flag, where a parameter present without a value (`?explain`) means true.
 */
import { illegalArgumentException } from '../errors/index.ts'

export function parseBoolean(value: string): boolean {
  if (value === 'true' || value === 'false') return value === 'true'
  throw illegalArgumentException(`Failed to parse value [${value}] as only [true] or [false] are allowed.`)
}

/** A URL flag: undefined when absent, true when given without a value, else parseBoolean. */
export function urlFlag(params: ReadonlyMap<string, string>, name: string): boolean | undefined {
  const value = params.get(name)
  return value === undefined ? undefined : value === '' || parseBoolean(value)
}
