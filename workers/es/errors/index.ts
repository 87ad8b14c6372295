/**
 * Elasticsearch error bodies: the EsException model and its rendering, the named factories for common
 * exceptions, index-name validation, and RestController's own error bodies.
 */

export {
  EsException,
  errorJson,
  itemFailureJson,
  errorResponseBody,
  exceptionFields,
  exceptionTypeName,
  guessRootCauses,
  type EsExceptionInit,
} from './es-exception.ts'
export {
  actionRequestValidationException,
  documentParsingException,
  elasticsearchParseException,
  illegalArgumentException,
  illegalStateException,
  indexClosedException,
  indexNotFoundException,
  invalidIndexNameException,
  jacksonException,
  mapperException,
  mapperParsingException,
  failedToParseMapping,
  failedToParseMappingFrom,
  numberFormatException,
  parsingException,
  resourceAlreadyExistsException,
  versionConflictEngineException,
  versionConflictSeqNo,
  xContentParseException,
  xContentParseExceptionFromJackson,
  type ShardRef,
} from './exceptions.ts'
export { validateIndexName } from './index-name-validation.ts'
export {
  contentTypeErrorResponse,
  incorrectHttpMethodResponse,
  noHandlerFoundResponse,
  type SimpleErrorResponse,
} from './rest-errors.ts'
