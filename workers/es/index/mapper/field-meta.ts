/**
 * A field's `meta` parameter as ES 8.17's TypeParsers.parseMeta reads it, for field mappers (Parameter.metaParam) and
 * runtime fields alike: an object of at most 5 entries, keys of at most 20 characters, String values of at most 50
 * (lengths in code points), never null; kept sorted by key (its TreeMap). An empty object is the parameter's default,
 * so a mapping leaves it out.
 */
import { EsException, failedToParseMappingFrom, mapperParsingException } from '../../errors/index.ts'
import type { XContentValue } from '../../xcontent/index.ts'
import { javaClassName, javaToString } from '../../ingest/java-values.ts'

export function parseMeta(name: string, value: XContentValue): Record<string, string> {
  if (!(value instanceof Map)) {
    throw mapperParsingException(
      `[meta] must be an object, got ${simpleName(value)}[${javaToString(value)}] for field [${name}]`,
    )
  }
  if (value.size > 5) {
    throw mapperParsingException(
      `[meta] can't have more than 5 entries, but got ${value.size} on field [${name}]`,
    )
  }
  for (const key of value.keys()) {
    if ([...key].length > 20) {
      throw mapperParsingException(
        `[meta] keys can't be longer than 20 chars, but got [${key}] for field [${name}]`,
      )
    }
  }
  const out: Record<string, string> = {}
  for (const entry of value.values()) {
    if (typeof entry === 'string') {
      if ([...entry].length > 50) {
        throw mapperParsingException(
          `[meta] values can't be longer than 50 chars, but got [${entry}] for field [${name}]`,
        )
      }
    } else if (entry === null) {
      throw mapperParsingException(`[meta] values can't be null (field [${name}])`)
    } else {
      throw mapperParsingException(
        `[meta] values can only be strings, but got ${simpleName(entry)}[${javaToString(entry)}] for field [${name}]`,
      )
    }
  }
  for (const key of [...value.keys()].sort()) {
    Object.defineProperty(out, key, {
      value: value.get(key),
      enumerable: true,
      writable: true,
      configurable: true,
    })
  }
  return out
}

/** A mapped field's `meta` (Parameter.metaParam): parseMeta's failure wrapped as MapperService wraps a mapping's. */
export function fieldMetaParameter(name: string, value: XContentValue): Record<string, string> {
  try {
    return parseMeta(name, value)
  } catch (error) {
    if (!(error instanceof EsException)) throw error
    throw failedToParseMappingFrom(error)
  }
}

function simpleName(value: XContentValue): string {
  const className = javaClassName(value)
  return className.slice(className.lastIndexOf('.') + 1)
}
