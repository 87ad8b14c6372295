/**
 * The x_content_parse_exception an ObjectParser raises about one field of a request body, located at the
 * field's name as `[line:col]` (the body is parsed to values without positions, so the name is looked up
 * in the body's text: the first occurrence of the quoted name).
 */
import { xContentParseException, type EsException } from '../../errors/index.ts'
import { bodyLocation } from '../../xcontent/body-location.ts'

export function fieldParseError(text: string, key: string, message: string): EsException {
  const { line, col } = bodyLocation(text, key, 'key')
  return xContentParseException(line, col, message)
}
