/**
 * DissectException (libs/dissect, ES 8): a RuntimeException with three kinds, rendered by their nested class
 * names (`pattern_parse`, `key_parse`, `find_match`), status 500, each its own root cause:
 * - PatternParse `Unable to parse pattern: <pattern> Reason: <reason>`;
 * - KeyParse `Unable to parse key: <key> Reason: <reason>`;
 * - FindMatch `Unable to find match for dissect pattern: <pattern> against source: <input>`.
 * An append order too large for a Java short is Short.valueOf's NumberFormatException instead.
 * When a pipeline is made, ConfigurationUtils wraps these plain exceptions (convertToElastic), which needs
 * the Java class name a thrown exception stands for.
 */
import { EsException, exceptionTypeName } from '../../errors/index.ts'

type DissectKind = 'PatternParse' | 'KeyParse' | 'FindMatch'

const JAVA_CLASS_NAMES = new Map<string, string>([
  ['number_format_exception', 'java.lang.NumberFormatException'],
  ...(['PatternParse', 'KeyParse', 'FindMatch'] as const).map(
    (kind) =>
      [exceptionTypeName(kind), `org.elasticsearch.dissect.DissectException$${kind}`] as [string, string],
  ),
])

export function dissectException(kind: DissectKind, reason: string): EsException {
  return new EsException({ type: exceptionTypeName(kind), reason, status: 500, rootCause: false })
}

/** NumberFormatException, an IllegalArgumentException: status 400. */
export function numberFormatException(reason: string): EsException {
  return new EsException({ type: 'number_format_exception', reason, status: 400, rootCause: false })
}

/** The Java class a dissect pattern's exception stands for. */
export function dissectJavaClassName(error: EsException): string {
  return JAVA_CLASS_NAMES.get(error.type) ?? error.type
}
