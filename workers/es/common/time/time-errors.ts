/**
 * The exceptions Elasticsearch's date/time code raises, as EsException data:
 * - ElasticsearchParseException: `parse_exception`, an ElasticsearchException, status 400 (date math, "now").
 * - java.time exceptions, which are not ElasticsearchExceptions (each its own root cause): DateTimeParseException
 *   (`date_time_parse_exception`), DateTimeException (`date_time_exception`), ZoneRulesException
 *   (`zone_rules_exception`); ExceptionsHelper.status gives them 500, as any non-IllegalArgumentException.
 * - NumberFormatException (an IllegalArgumentException, so 400) from Long.parseLong in TimeValue.
 */

import { EsException, exceptionTypeName } from '../../errors/es-exception.ts'
import { elasticsearchParseException, illegalArgumentException } from '../../errors/exceptions.ts'

export { elasticsearchParseException as parseException, illegalArgumentException }

/** A plain Java exception (not an ElasticsearchException) by its simple class name. */
export function javaException(simpleName: string, message: string, causedBy?: EsException): EsException {
  const badRequest = simpleName === 'IllegalArgumentException' || simpleName === 'NumberFormatException'
  return new EsException({
    type: exceptionTypeName(simpleName),
    reason: message,
    status: badRequest ? 400 : 500,
    causedBy,
    rootCause: false,
  })
}

export function dateTimeParseException(message: string): EsException {
  return javaException('DateTimeParseException', message)
}

export function dateTimeException(message: string, causedBy?: EsException): EsException {
  return javaException('DateTimeException', message, causedBy)
}

/** JavaDateFormatter.parse: `failed to parse date field [x] with format [f]`, caused by the parser's failure. */
export function dateFieldParseFailure(input: string, format: string, cause: EsException): EsException {
  return illegalArgumentException(`failed to parse date field [${input}] with format [${format}]`, cause)
}
