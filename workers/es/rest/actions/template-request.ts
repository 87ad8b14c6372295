/**
 * What the template PUT actions share: the required body (RestRequest.requiredContent) and the check that a
 * template's mappings parse as a mapping (MetadataIndexTemplateService validates them when the template is put).
 */
import { EsException } from '../../errors/index.ts'
import { parseJson } from '../../xcontent/index.ts'
import { parseMapping } from '../../index/mapper/mapping-parser.ts'
import type { Template } from '../../cluster/metadata/index-templates.ts'
import type { RestHandlerRequest } from '../rest-controller.ts'

/** The request's body, or parse_exception "request body is required". */
export function requireBody(req: RestHandlerRequest): string {
  const body = req.request.body
  if (body === null || body.trim() === '') {
    throw new EsException({ type: 'parse_exception', reason: 'request body is required', status: 400 })
  }
  return body
}

export function validateMappings(template: Template): void {
  if (template.mappings !== undefined) parseMapping(parseJson(template.mappings))
}
