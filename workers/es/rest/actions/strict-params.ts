/**
 * RestRequest.paramAsBoolean(name, false) with Booleans.parseBoolean's strictness: absent is false, a bare
 * flag (`?explain`) and `true` are true, `false` is false, and anything else is ES's illegal_argument_exception
 * "Failed to parse value [x] as only [true] or [false] are allowed.".
 */
import { illegalArgumentException } from '../../errors/index.ts'

export function strictBooleanParam(params: ReadonlyMap<string, string>, name: string): boolean {
  const value = params.get(name)
  if (value === undefined || value === 'false') return false
  if (value === '' || value === 'true') return true
  throw illegalArgumentException(`Failed to parse value [${value}] as only [true] or [false] are allowed.`)
}
