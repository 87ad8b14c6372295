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

/** The field the walk visits for a document's `key` and `value`: `[key, value]` itself when the key has no dot. */
export function expandDots(key: string, value: XContentValue): [string, XContentValue] {
  if (key.length === 0) throw refusedName('field name cannot be an empty string')
  if (!key.includes('.')) return [key, value]
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
  let expanded = value
  for (let i = size - 1; i > 0; i--) expanded = new DotExpansion([[parts[i]!, expanded]])
  return [parts[0]!, expanded]
}

/** The name's refusal: DocumentParser wraps the parser's IllegalArgumentException, at the field name. */
function refusedName(reason: string): EsException {
  return documentFailure('name', (at) =>
    documentParsingException(at.line, at.col, `failed to parse: ${reason}`, illegalArgumentException(reason)),
  )
}
