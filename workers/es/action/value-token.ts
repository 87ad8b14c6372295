/**
 * The XContentParser token a parsed value starts with, as ES names it in its parse errors
 * (`expected START_OBJECT but found [START_ARRAY]`, `doesn't support values of type: VALUE_STRING`).
 */
import { XNumber, type XContentValue } from '../xcontent/index.ts'

export function valueToken(value: XContentValue): string {
  if (value instanceof Map) return 'START_OBJECT'
  if (Array.isArray(value)) return 'START_ARRAY'
  if (value === null) return 'VALUE_NULL'
  if (value instanceof XNumber) return 'VALUE_NUMBER'
  return typeof value === 'boolean' ? 'VALUE_BOOLEAN' : 'VALUE_STRING'
}
