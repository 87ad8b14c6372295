/**
 * DotExpandingXContentParser: DocumentParser reads a document's field name with dots as objects, `"a.b.c": v` as
 * `"a": {"b": {"c": v}}`, so `"author.email": "x"` maps an object `author` with a field `email`, as
 * `"author": {"email": "x"}` would (`_source` keeps the name as sent). Names are checked as that parser checks
 * them: an empty name, a name of dots only, an empty or blank part (`a..b`, `.a`, `a. .b`) are refused; trailing
 * dots are dropped (`a.` is `a`).
 *
 * The objects made here are DotExpansion maps, so that the walk can tell them from the document's own: a failure
 * inside one is located at the original value (the expansion adds no step to its path), and a failure at one
 * itself (a strict refusal of the new object) at the dotted name, where DotExpandingXContentParser reports the
 * tokens it makes.
 */
import type { XContentValue } from '../../xcontent/index.ts'
import { documentParsingException, illegalArgumentException, type EsException } from '../../errors/index.ts'
import { isJavaBlank } from '../../common/java-whitespace.ts'
import { documentFailure } from './document-failure.ts'

/** An object a dotted field name stands for. */
export class DotExpansion extends Map<string, XContentValue> {}

/**
 * The name of the field the walk visits for a document's `key`: the key itself when it has no dot, else its first
 * part (expandedValue gives the value that goes with it). Refuses a name DotExpandingXContentParser refuses.
 */
export function expandedName(key: string): string {
  if (key.length === 0) throw refusedName('field name cannot be an empty string')
  return key.includes('.') ? dottedParts(key)[0]! : key
}

/**
 * The name of the field the walk visits for a document's `key` in a `subobjects: false` object, where dots are part
 * of a leaf's name and nothing is expanded: the key itself, refused only when empty.
 */
export function flatName(key: string): string {
  if (key.length === 0) throw refusedName('field name cannot be an empty string')
  return key
}

/**
 * The value the walk visits under expandedName(key): `value` itself when the key has no dot, else the objects the
 * key's other parts stand for, `value` inside the innermost. Only for a key expandedName accepted.
 */
export function expandedValue(key: string, value: XContentValue): XContentValue {
  if (!key.includes('.')) return value
  const parts = dottedParts(key)
  let expanded = value
  for (let i = parts.length - 1; i > 0; i--) expanded = new DotExpansion([[parts[i]!, expanded]])
  return expanded
}

/** A dotted key's parts, trailing empty ones dropped; refused when a part is empty or blank, or all are. */
function dottedParts(key: string): string[] {
  const parts = key.split('.')
  let size = parts.length
  while (size > 0 && parts[size - 1]!.length === 0) size--
  if (size === 0) throw refusedName('field name cannot contain only dots')
  for (let i = 0; i < size; i++) {
    const part = parts[i]!
    // DotExpandingXContentParser.throwOnBlankOrEmptyPart, its two messages as it words them
    if (part.length === 0) throw refusedName(`field name cannot contain only whitespace: ['${key}']`)
    if (isJavaBlank(part))
      throw refusedName(
        `field name starting or ending with a [.] makes object resolution ambiguous: [${key}]`,
      )
  }
  parts.length = size
  return parts
}

/** The name's refusal: DocumentParser wraps the parser's IllegalArgumentException, at the field name. */
function refusedName(reason: string): EsException {
  return documentFailure('name', (at) =>
    documentParsingException(at.line, at.col, `failed to parse: ${reason}`, illegalArgumentException(reason)),
  )
}
