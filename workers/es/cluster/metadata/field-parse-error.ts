/**
 * The x_content_parse_exception an ObjectParser raises about one field of a request body, located at the
 * field's name as `[line:col]` (the body is parsed to values without positions, so the name is looked up
 * in the body's text: the first occurrence of the quoted name).
 */
import { xContentParseException, type EsException } from '../../errors/index.ts'
import { locate } from '../../xcontent/json-parse-error.ts'

export function fieldParseError(text: string, key: string, message: string): EsException {
  const at = Math.max(0, text.indexOf(JSON.stringify(key)))
  const { line, column } = locate(text, at)
  return xContentParseException(line, column, message)
}
