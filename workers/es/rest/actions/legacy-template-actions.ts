/**
 * Legacy index template APIs (ES 8.17): PUT|POST /_template/{name} (RestPutIndexTemplateAction, a route
 * deprecated with "Legacy index templates are deprecated in favor of composable templates."), GET
 * /_template[/{name}] and HEAD /_template/{name} (RestGetIndexTemplateAction), DELETE /_template/{name}.
 *
 * PUT: `?create=true` refuses to replace, `?order=` is the default order; the body is validated as
 * PutIndexTemplateRequest ("index patterns are missing") and MetadataIndexTemplateService.validate, its
 * mappings must parse, then the master puts it (metadata-legacy-template-service.ts); `{"acknowledged":true}`.
 * GET answers `{"<name>":{order, version, index_patterns, settings, mappings, aliases}, ...}`: every template
 * without a name (HashMap order), else for each comma-separated name the templates it matches (a `*` pattern)
 * or the template of that name; nothing found for given names is 404 with `{}`. `flat_settings` lists the
 * settings as sorted dotted keys. DELETE takes one name or `*` pattern.
 */
import { validateIndexSettingTexts } from '../../index/index-scoped-settings.ts'
import type { RestResponse } from '../../../protocol/es.ts'
import { actionRequestValidationException } from '../../errors/index.ts'
import { javaStringKeyOrder } from '../../../net/java-hash.ts'
import { simpleMatch } from '../../common/simple-match.ts'
import type { JsonOut } from '../../xcontent/index.ts'
import { parseRequestBody } from '../request-body.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { guarded, json, withWarnings } from '../responses.ts'
import { paramAsBoolean, paramAsInt } from './rest-params.ts'
import { requireBody, validateMappings } from './template-request.ts'
import { legacyTemplateToJson, parseLegacyTemplate } from '../../cluster/metadata/legacy-index-templates.ts'
import {
  legacyTemplates,
  legacyTemplateWarning,
  validateTemplate,
} from '../../cluster/metadata/metadata-legacy-template-service.ts'

/** RestPutIndexTemplateAction.DEPRECATION_WARNING */
export const LEGACY_TEMPLATE_DEPRECATION =
  'Legacy index templates are deprecated in favor of composable templates.'

export function registerLegacyTemplateActions(controller: RestController, context: RestContext): void {
  const put = (req: RestHandlerRequest) => guarded(() => putTemplate(context, req))
  const get = (req: RestHandlerRequest) => guarded(() => getTemplates(context, req))
  controller
    .register('PUT', '/_template/{name}', put, 'indices.put_template', LEGACY_TEMPLATE_DEPRECATION)
    .register('POST', '/_template/{name}', put, 'indices.put_template', LEGACY_TEMPLATE_DEPRECATION)
    .register('GET', '/_template', get, 'indices.get_template')
    .register('GET', '/_template/{name}', get, 'indices.get_template')
    .register(
      'DELETE',
      '/_template/{name}',
      (req) => guarded(() => deleteTemplate(context, req)),
      'indices.delete_template',
    )
}

async function putTemplate(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const name = req.path.name!
  const text = requireBody(req)
  const template = parseLegacyTemplate(parseRequestBody(text), paramAsInt(req.params, 'order', 0))
  if (template.indexPatterns.length === 0)
    throw actionRequestValidationException(['index patterns are missing'])
  // TransportPutIndexTemplateAction validates the settings before MetadataIndexTemplateService does.
  validateIndexSettingTexts(template.settings)
  validateTemplate(name, template.indexPatterns, template.settings, template.aliases)
  validateMappings(template)
  const create = paramAsBoolean(req.params.get('create'))
  const warning = legacyTemplateWarning(context.client.cluster.state(), name, template)
  await context.client.cluster.execute({ type: 'put_template', name, template, create })
  return withWarnings(json(200, { acknowledged: true }), warning === null ? [] : [warning])
}

function getTemplates(context: RestContext, req: RestHandlerRequest): RestResponse {
  const templates = legacyTemplates(context.client.cluster.state())
  const all = javaStringKeyOrder(Object.keys(templates))
  const requested = req.path.name?.split(',').filter((name) => name !== '') ?? []
  const names =
    requested.length === 0
      ? all
      : requested.flatMap((name) =>
          name.includes('*')
            ? all.filter((candidate) => simpleMatch(name, candidate))
            : name in templates
              ? [name]
              : [],
        )
  const flat = paramAsBoolean(req.params.get('flat_settings'))
  const body = new Map<string, JsonOut>()
  for (const name of names) {
    const rendered = legacyTemplateToJson(templates[name]!)
    if (flat) {
      const settings = templates[name]!.settings
      rendered.set(
        'settings',
        new Map(
          Object.keys(settings)
            .sort()
            .map((key) => [key, flatValue(settings[key]!)]),
        ),
      )
    }
    body.set(name, rendered)
  }
  return json(names.length > 0 || requested.length === 0 ? 200 : 404, body)
}

function flatValue(value: string | readonly string[] | null): JsonOut {
  return value === null || typeof value === 'string' ? value : [...value]
}

async function deleteTemplate(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  await context.client.cluster.execute({ type: 'delete_template', pattern: req.path.name! })
  return json(200, { acknowledged: true })
}
