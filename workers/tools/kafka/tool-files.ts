/**
 * How the tools read the learner's files from the shell (ToolContext.files): Utils.readFileAsString and
 * Utils.loadProps. A missing file (or no shell at all) throws java.nio.file.NoSuchFileException with the path
 * as its message, as Files.readAllBytes and FileInputStream report it. Properties follow
 * java.util.Properties.load for the common forms: `key=value`, `key: value`, `key value`, `#` and `!`
 * comments, blank lines (continuation lines and escapes are not read).
 */
import type { ToolContext } from '../tool.ts'
import { noSuchFile } from './tool-errors.ts'

/** Utils.readFileAsString. */
export function readFileAsString(context: ToolContext, path: string): string {
  const text = context.files?.read(path) ?? null
  if (text === null) throw noSuchFile(path)
  return text
}

/** Utils.loadProps: the file's properties, in file order. */
export function loadProps(context: ToolContext, path: string): Map<string, string> {
  const properties = new Map<string, string>()
  for (const raw of readFileAsString(context, path).split(/\r?\n/)) {
    const line = raw.trimStart()
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue
    const separator = /\s*[=:]\s*|\s+/.exec(line)
    if (separator === null) properties.set(line, '')
    else properties.set(line.slice(0, separator.index), line.slice(separator.index + separator[0].length))
  }
  return properties
}
