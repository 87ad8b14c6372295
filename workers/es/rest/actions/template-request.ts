/**
 * What the template PUT actions share: the required body (RestRequest.requiredContent), the check that a
 * template's mappings parse as a mapping (MetadataIndexTemplateService validates them when the template is put),
 * and a composable template read and validated as a PUT (or a simulation of one) takes it.
 */
import { EsException } from '../../errors/index.ts'
import { parseJson } from '../../xcontent/index.ts'
import { parseMapping } from '../../index/mapper/mapping-parser.ts'
import {
  parseIndexTemplate,
  type ComposableIndexTemplate,
  type Template,
} from '../../cluster/metadata/index-templates.ts'
import { validateTemplate } from '../../cluster/metadata/metadata-legacy-template-service.ts'
import type { RestHandlerRequest } from '../rest-controller.ts'
import { parseRequestBody } from '../request-body.ts'

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

/** ComposableIndexTemplate.parse of the body, then MetadataIndexTemplateService's validation under `name`. */
export function readIndexTemplate(text: string, name: string): ComposableIndexTemplate {
  const template = parseIndexTemplate(text, parseRequestBody(text))
  const { settings = {}, aliases = {} } = template.template ?? {}
  validateTemplate(name, template.indexPatterns, settings, aliases)
  if (template.template) validateMappings(template.template)
  return template
}
