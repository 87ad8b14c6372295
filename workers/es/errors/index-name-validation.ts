/**
 * validateIndexName: MetadataCreateIndexService.validateIndexOrAliasName followed by validateIndexName's
 * lowercase rule (Elasticsearch 8.17), checked in the same order so the first failing rule names the reason:
 *   1. none of \ / * ? " < > | space , (Strings.INVALID_FILENAME_CHARS)
 *   2. no '#'   3. no ':'   4. not starting with '_', '-' or '+'
 *   5. at most 255 UTF-8 bytes   6. not '.' or '..'   7. lowercase (Locale.ROOT)
 * The invalid characters are listed as `['\\','/','*','?','"','<','>','|',' ',',']`. Elasticsearch 8.x joins a
 * `Set.of` of them, whose iteration order varies from one JVM start to the next; this is declaration order.
 * Existence checks (resource_already_exists_exception, "already exists as alias") need the cluster state and
 * belong to the caller.
 */

import type { EsException } from './es-exception.ts'
import { invalidIndexNameException } from './exceptions.ts'

const INVALID_CHARS = ['\\', '/', '*', '?', '"', '<', '>', '|', ' ', ',']
const INVALID_FILENAME_CHARS = '[' + INVALID_CHARS.map((c) => `'${c}'`).join(',') + ']'
const MAX_INDEX_NAME_BYTES = 255

export function validateIndexName(name: string): EsException | null {
  const reason = invalidReason(name)
  return reason === null ? null : invalidIndexNameException(name, reason)
}

function invalidReason(name: string): string | null {
  if (INVALID_CHARS.some((c) => name.includes(c))) {
    return `must not contain the following characters ${INVALID_FILENAME_CHARS}`
  }
  if (name.includes('#')) return "must not contain '#'"
  if (name.includes(':')) return "must not contain ':'"
  const first = name.charAt(0)
  if (first === '_' || first === '-' || first === '+') return "must not start with '_', '-', or '+'"
  const bytes = new TextEncoder().encode(name).length
  if (bytes > MAX_INDEX_NAME_BYTES) return `index name is too long, (${bytes} > ${MAX_INDEX_NAME_BYTES})`
  if (name === '.' || name === '..') return "must not be '.' or '..'"
  if (name.toLowerCase() !== name) return 'must be lowercase'
  return null
}
