/**
 * The document failures DocumentParser raises while it walks a source against the mapping, with ES's reasons:
 * each is a DocumentParsingException (or StrictDynamicMappingException) located at a part of the failing
 * value's token once the primary finds it in the document's text (document-failure.ts).
 */
import { documentParsingException, EsException, illegalArgumentException } from '../../errors/index.ts'
import type { XContentObject } from '../../xcontent/index.ts'
import { javaToString } from '../../ingest/java-values.ts'
import type { FieldMapping } from './mapping.ts'
import { documentFailure, type TokenPart } from './document-failure.ts'

/**
 * The object a field `name` at `path` is introduced in, as strict_dynamic_mapping_exception names it (`_doc` at the
 * root): the path before the name, which may hold dots itself under `subobjects: false`.
 */
function parentName(name: string, path: string): string {
  return path.length === name.length ? '_doc' : path.slice(0, path.length - name.length - 1)
}

/** DocumentParser.ensureNotStrict: a new field under `dynamic: strict`, at its value's token (`part`). */
export function strictDynamicMapping(name: string, path: string, part: TokenPart = 'start'): EsException {
  const reason = `mapping set to strict, dynamic introduction of [${name}] within [${parentName(name, path)}] is not allowed`
  return documentFailure(
    part,
    (at) =>
      new EsException({
        type: 'strict_dynamic_mapping_exception',
        reason: `[${at.line}:${at.col}] ${reason}`,
        status: 400,
      }),
  )
}

/**
 * DocumentParser.throwOnCopyToOnFieldAlias: a value for a field alias, or an alias as a copy_to target, at the
 * value's token (field-alias.ts).
 */
export function writeToAlias(path: string, copying: boolean): EsException {
  const reason = `Cannot ${copying ? 'copy' : 'write'} to a field alias [${path}].`
  return documentFailure('start', (at) => documentParsingException(at.line, at.col, reason))
}

/** The field types whose parseCreateField reads its value with XContentParser.textOrNull. */
const TEXT_READ_TYPES: ReadonlySet<string> = new Set(['text', 'keyword'])

/**
 * An object given to a leaf field: FieldMapper.parse's failure (rethrowAsDocumentParsingException), located once its
 * value preview has read the object (a HashMap's toString) to its closing `}`. A text or keyword field's cause is
 * JsonXContentParser.text's refusal at the object's `{`; another type's cause is not modelled (none is given).
 */
export function objectIntoLeaf(
  path: string,
  field: FieldMapping,
  value: XContentObject,
  id: string | null,
): EsException {
  const document = id === null ? 'document' : `document with id '${id}'`
  const reason = `failed to parse field [${path}] of type [${field.type}] in ${document}. Preview of field's value: '${javaToString(value)}'`
  return documentFailure('end', (at, token) => {
    const { line, col } = token.start
    const cause = TEXT_READ_TYPES.has(field.type)
      ? illegalArgumentException(`Expected text at ${line}:${col} but found START_OBJECT`)
      : undefined
    return documentParsingException(at.line, at.col, reason, cause)
  })
}

/** DocumentParser.throwOnConcreteValue: a value for an object field (its path) named by the field's own name. */
export function concreteValueForObject(path: string, name: string): EsException {
  const reason = `object mapping for [${path}] tried to parse field [${name}] as object, but found a concrete value`
  return documentFailure('start', (at) => documentParsingException(at.line, at.col, reason))
}

/**
 * DocumentParser.wrapInDocumentParsingException: an IllegalArgumentException the parse raised (a mapping limit),
 * wrapped as "failed to parse: <its reason>" at the token (`part`) the parser was on.
 */
export function failedToParse(part: TokenPart, cause: EsException): EsException {
  return documentFailure(part, (at) =>
    documentParsingException(at.line, at.col, `failed to parse: ${cause.reason}`, cause),
  )
}

/** RootDocumentParserContext.addDoc's IllegalArgumentException past index.mapping.nested_objects.limit. */
export function nestedObjectsLimitExceeded(part: TokenPart, limit: number): EsException {
  const reason = `The number of nested documents has exceeded the allowed limit of [${limit}]. This limit can be set by changing the [index.mapping.nested_objects.limit] index level setting.`
  return failedToParse(part, illegalArgumentException(reason))
}
