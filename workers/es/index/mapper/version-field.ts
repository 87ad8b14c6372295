/**
 * VersionStringFieldMapper's side of a mapping and a document (ES 8.17, x-pack mapper-version), and VersionEncoder's
 * encoding of a version string into a term that sorts by software version precedence.
 *
 * Mapping: one parameter, `meta` (then `fields` and `copy_to`); any other key is "unknown parameter [x] on mapper [f]
 * of type [version]". Document: a value is read as its text (XContentParser.textOrNull: numbers and booleans as their
 * JSON text), null is nothing; every value is accepted, a version that is not legal semver being kept as it is.
 *
 * The encoding (VersionEncoder.encodeVersion) is a string of byte-sized characters (U+0000 to U+00FF standing for
 * the bytes 0x00 to 0xFF), so that comparing code points compares the bytes: a legal version (main part
 * `0|[1-9]\d*` groups joined by dots, an optional `-` pre-release of dot-separated identifiers, an optional `+`
 * build suffix; at most 32 identifiers per part) has each group of digits written as 0x01, its length | 0x80 and
 * its digits, then 0x02 and the pre-release (numeric identifiers encoded the same way) or 0x03, then the build
 * suffix as it is. Anything else is kept as its own text (the empty string as 0x03), which sorts after every legal
 * version since those start with 0x01. decodeVersion drops the marker and length bytes again (DocValueFormat's
 * VERSION_DOCVALUE: how sort values and terms keys print).
 *
 * ES indexes the encoded term alone and matches prefix, wildcard, regexp and fuzzy queries by decoding each term of
 * the dictionary; the playground also indexes each value's decoded form under VERSION_DECODED_FIELD, which those
 * queries run on (search/queries/version-queries.ts).
 */
import type { XNumber } from '../../xcontent/index.ts'
import type { FieldMapping } from './mapping.ts'
import type { LeafValue } from './document-parser.ts'
import { typedParameters, type ParameterSpec } from './field-parameters.ts'

const TYPE = 'version'

const PARAMETERS: ReadonlyMap<string, ParameterSpec> = new Map<string, ParameterSpec>([
  ['meta', { kind: 'value', shown: {} }],
])

const NUMERIC_MARKER = '\u0001'
const PRERELEASE_SEPARATOR = '\u0002'
const NO_PRERELEASE_SEPARATOR = '\u0003'
/** VersionEncoder.MAX_LEGAL_VERSION_IDENTIFIERS. */
const MAX_IDENTIFIERS = 32

const LEGAL_MAIN = /^(?:0|[1-9][0-9]*)(?:\.(?:0|[1-9][0-9]*))*$/
const IDENTIFIER = '(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)'
const LEGAL_PRERELEASE = new RegExp(`^-${IDENTIFIER}(?:\\.${IDENTIFIER})*$`)
const LEGAL_BUILD = /^\+[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*$/

/** A version field's mapping as parsed from `definition` (its own keys). */
export function versionMapping(name: string, definition: Record<string, unknown>): FieldMapping {
  return typedParameters(name, TYPE, definition, PARAMETERS) as unknown as FieldMapping
}

/** The version text of one `_source` value (a JSON number's lexeme), null for an explicit null. */
export function versionFieldValue(leaf: LeafValue | null, token: XNumber | null): string | null {
  if (leaf === null) return null
  return token !== null ? token.text : String(leaf)
}

/** VersionEncoder.encodeVersion's term for a version string. */
export function encodeVersion(version: string): string {
  const build = suffixFrom(version, '+')
  const rest = build === null ? version : version.slice(0, version.length - build.length)
  const preRelease = suffixFrom(rest, '-')
  const main = preRelease === null ? rest : rest.slice(0, rest.length - preRelease.length)
  if (!isLegal(main, preRelease, build)) return version === '' ? NO_PRERELEASE_SEPARATOR : version
  let encoded = encodeDigitGroups(main)
  if (preRelease === null) encoded += NO_PRERELEASE_SEPARATOR
  else {
    const parts = preRelease
      .slice(1)
      .split('.')
      .map((part) => (/^[0-9]+$/.test(part) ? encodeDigitGroups(part) : part))
    encoded += `${PRERELEASE_SEPARATOR}-${parts.join('.')}`
  }
  return build === null ? encoded : encoded + build
}

/** VersionEncoder.decodeVersion: the version text of a term (marker and length bytes dropped). */
export function decodeVersion(term: string): string {
  let out = ''
  for (let i = 0; i < term.length; i++) {
    const c = term[i]!
    if (c === NUMERIC_MARKER) i++
    else if (c !== PRERELEASE_SEPARATOR && c !== NO_PRERELEASE_SEPARATOR) out += c
  }
  return out
}

/** VersionParts.extractSuffix: from the separator's first occurrence, when that is not at the start. */
function suffixFrom(text: string, separator: string): string | null {
  const start = text.indexOf(separator)
  return start > 0 ? text.slice(start) : null
}

function isLegal(main: string, preRelease: string | null, build: string | null): boolean {
  for (const part of [main, preRelease, build])
    if (part !== null && part.split('.').length > MAX_IDENTIFIERS) return false
  return (
    LEGAL_MAIN.test(main) &&
    (preRelease === null || LEGAL_PRERELEASE.test(preRelease)) &&
    (build === null || LEGAL_BUILD.test(build))
  )
}

/** prefixDigitGroupsWithLength: each run of digits as the marker, its length | 0x80 and the digits. */
function encodeDigitGroups(text: string): string {
  return text.replace(
    /[0-9]+/g,
    (digits) => NUMERIC_MARKER + String.fromCharCode(digits.length | 0x80) + digits,
  )
}

/** The index field holding a version field's decoded values, for prefix, wildcard, regexp and fuzzy queries. */
export function versionDecodedField(path: string): string {
  return `${path}\u0000decoded`
}
