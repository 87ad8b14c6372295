/**
 * Index template APIs (ES 8.17): composable index templates (PUT|POST|GET|HEAD|DELETE
 * /_index_template/{name}) and component templates (PUT|POST|GET|DELETE /_component_template/{name});
 * the legacy `_template` APIs and the simulate APIs are registered with them (legacy-template-actions.ts,
 * simulate-template-actions.ts).
 * PUT answers `{"acknowledged":true}` (`?create=true` refuses to replace); GET answers
 * `{"index_templates":[{"name":..,"index_template":{..}}]}` (or `component_templates` /
 * `component_template`), every template without a name, those matching a `*` name (404 with the empty list when
 * none does), and resource_not_found_exception "index template matching [x] not found" for a missing plain name, in
 * the Java HashMap order of the response's map. The rules of what may be put or removed are the
 * master's (metadata-index-template-service.ts); a composable template overlapping legacy ones is put with
 * a deprecation warning.
 */
import { validateIndexSettingTexts } from '../../index/index-scoped-settings.ts'
import type { RestResponse } from '../../../protocol/es.ts'
import { parseRequestBody } from '../request-body.ts'
import type { JsonOut } from '../../xcontent/index.ts'
import { javaStringKeyOrder } from '../../../net/java-hash.ts'
import { simpleMatch } from '../../common/simple-match.ts'
import {
  componentTemplateToJson,
  indexTemplateToJson,
  parseComponentTemplate,
} from '../../cluster/metadata/index-templates.ts'
import { componentTemplates, indexTemplates } from '../../cluster/metadata/metadata-index-template-service.ts'
import { resourceNotFoundException } from '../../cluster/metadata/metadata-errors.ts'
import { illegalArgumentException } from '../../errors/index.ts'
import { composableOverLegacyWarning } from '../../cluster/metadata/metadata-legacy-template-service.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { guarded, json, withWarnings } from '../responses.ts'
import { paramAsBoolean } from './rest-params.ts'
import { readIndexTemplate, requireBody, validateMappings } from './template-request.ts'
import { registerLegacyTemplateActions } from './legacy-template-actions.ts'
import { registerSimulateTemplateActions } from './simulate-template-actions.ts'

export function registerTemplateActions(controller: RestController, context: RestContext): void {
  const putIndex = (req: RestHandlerRequest) => guarded(() => putIndexTemplate(context, req))
  const putComponent = (req: RestHandlerRequest) => guarded(() => putComponentTemplate(context, req))
  const getIndex = (req: RestHandlerRequest) => guarded(() => getIndexTemplates(context, req))
  const getComponent = (req: RestHandlerRequest) => guarded(() => getComponentTemplates(context, req))
  controller
    .register('PUT', '/_index_template/{name}', putIndex, 'indices.put_index_template')
    .register('POST', '/_index_template/{name}', putIndex, 'indices.put_index_template')
    .register('GET', '/_index_template', getIndex, 'indices.get_index_template')
    .register('GET', '/_index_template/{name}', getIndex, 'indices.get_index_template')
    .register(
      'DELETE',
      '/_index_template/{name}',
      (req) =>
        guarded(() => remove(context, { type: 'delete_index_template', names: req.path.name!.split(',') })),
      'indices.delete_index_template',
    )
    .register('PUT', '/_component_template/{name}', putComponent, 'cluster.put_component_template')
    .register('POST', '/_component_template/{name}', putComponent, 'cluster.put_component_template')
    .register('GET', '/_component_template', getComponent, 'cluster.get_component_template')
    .register('GET', '/_component_template/{name}', getComponent, 'cluster.get_component_template')
    .register(
      'DELETE',
      '/_component_template/{name}',
      (req) =>
        guarded(() =>
          remove(context, { type: 'delete_component_template', names: req.path.name!.split(',') }),
        ),
      'cluster.delete_component_template',
    )
  registerLegacyTemplateActions(controller, context)
  registerSimulateTemplateActions(controller, context)
}

async function putIndexTemplate(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const name = req.path.name!
  const template = readIndexTemplate(requireBody(req), name)
  const create = paramAsBoolean(req.params.get('create'))
  const warning = composableOverLegacyWarning(context.client.cluster.state(), name, template.indexPatterns)
  await context.client.cluster.execute({ type: 'put_index_template', name, template, create })
  return withWarnings(json(200, { acknowledged: true }), warning === null ? [] : [warning])
}

async function putComponentTemplate(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const text = requireBody(req)
  const template = parseComponentTemplate(text, parseRequestBody(text))
  // TransportPutComponentTemplateAction validates the settings first.
  validateIndexSettingTexts(template.template.settings ?? {})
  validateMappings(template.template)
  const create = paramAsBoolean(req.params.get('create'))
  await context.client.cluster.execute({
    type: 'put_component_template',
    name: req.path.name!,
    template,
    create,
  })
  return json(200, { acknowledged: true })
}

async function remove(
  context: RestContext,
  task: { type: 'delete_index_template' | 'delete_component_template'; names: string[] },
): Promise<RestResponse> {
  await context.client.cluster.execute(task)
  return json(200, { acknowledged: true })
}

function getIndexTemplates(context: RestContext, req: RestHandlerRequest): RestResponse {
  // GetComposableIndexTemplateAction.Request's constructor
  if (req.path.name?.includes(',')) throw illegalArgumentException("template name may not contain ','")
  const templates = indexTemplates(context.client.cluster.state())
  const names = selectNames(Object.keys(templates), req.path.name, 'index template')
  return json(foundStatus(names, req.path.name), {
    index_templates: names.map((name) => ({ name, index_template: indexTemplateToJson(templates[name]!) })),
  })
}

function getComponentTemplates(context: RestContext, req: RestHandlerRequest): RestResponse {
  const templates = componentTemplates(context.client.cluster.state())
  const names = selectNames(Object.keys(templates), req.path.name, 'component template')
  const entries: JsonOut[] = names.map((name) => ({
    name,
    component_template: componentTemplateToJson(templates[name]!),
  }))
  return json(foundStatus(names, req.path.name), { component_templates: entries })
}

/** The REST actions' getStatus: 404 when a name (a pattern too) was asked for and nothing matched. */
function foundStatus(names: readonly string[], name: string | undefined): number {
  return names.length > 0 || name === undefined ? 200 : 404
}

/** Every name, those a `*` pattern matches, or the one asked for (which must exist). */
function selectNames(existing: readonly string[], name: string | undefined, kind: string): string[] {
  const selected =
    name === undefined ? existing : existing.filter((candidate) => simpleMatch(name, candidate))
  if (name !== undefined && !name.includes('*') && selected.length === 0) {
    throw resourceNotFoundException(`${kind} matching [${name}] not found`)
  }
  return javaStringKeyOrder(selected)
}
