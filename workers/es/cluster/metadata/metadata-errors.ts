/**
 * The exceptions of aliases and index templates, with ES 8.17's types, reasons, metadata and statuses:
 * - AliasesNotFoundException: `aliases [a, b] missing` (Arrays.toString), resources ("aliases", names); 404.
 * - InvalidAliasNameException(name, why): `Invalid alias name [x]: why`, no metadata; 400.
 * - IndexTemplateMissingException: `index_template [x] missing`, no metadata; 404.
 * - InvalidIndexTemplateException: `index_template [x] invalid, cause [why]`; 400.
 * - ResourceNotFoundException: the message as given; 404.
 * - IllegalStateException (a plain Java exception, hence 500 and its own root cause).
 */
import { EsException, validateIndexName } from '../../errors/index.ts'

export function aliasesNotFoundException(names: readonly string[]): EsException {
  return new EsException({
    type: 'aliases_not_found_exception',
    reason: `aliases [${names.join(', ')}] missing`,
    status: 404,
    metadata: [
      ['resource.type', 'aliases'],
      ['resource.id', names.length === 1 ? names[0]! : [...names]],
    ],
  })
}

export function invalidAliasNameException(name: string, description: string): EsException {
  return new EsException({
    type: 'invalid_alias_name_exception',
    reason: `Invalid alias name [${name}]: ${description}`,
    status: 400,
  })
}

/**
 * MetadataCreateIndexService.validateIndexOrAliasName for an alias: the index name rules except the
 * lowercase one (an alias may have capitals).
 */
export function validateAliasName(name: string): EsException | null {
  const invalid = validateIndexName(name)
  const prefix = `Invalid index name [${name}], `
  if (invalid === null || !invalid.reason.startsWith(prefix)) return null
  const description = invalid.reason.slice(prefix.length)
  return description === 'must be lowercase' ? null : invalidAliasNameException(name, description)
}

export function indexTemplateMissingException(name: string): EsException {
  return new EsException({
    type: 'index_template_missing_exception',
    reason: `index_template [${name}] missing`,
    status: 404,
  })
}

export function invalidIndexTemplateException(name: string, cause: string): EsException {
  return new EsException({
    type: 'invalid_index_template_exception',
    reason: `index_template [${name}] invalid, cause [${cause}]`,
    status: 400,
  })
}

export function resourceNotFoundException(reason: string): EsException {
  return new EsException({ type: 'resource_not_found_exception', reason, status: 404 })
}

export function illegalStateException(reason: string): EsException {
  return new EsException({ type: 'illegal_state_exception', reason, status: 500, rootCause: false })
}
