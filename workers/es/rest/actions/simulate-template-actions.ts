/**
 * The simulate APIs of composable index templates (ES 8.17 RestSimulateIndexTemplateAction and
 * RestSimulateTemplateAction):
 * - POST /_index_template/_simulate_index/{name}: the template an index named {name} would take, with a body
 *   (a composable template) put first under `simulate_index_template_<uuid>`; `{}` when none matches;
 * - POST /_index_template/_simulate[/{name}]: the named template, or the body's (under {name} when given, to
 *   simulate replacing it, else under `simulate_template_<uuid>`), resolved for `simulate_template_index_<uuid>`;
 *   neither a name nor a body is action_request_validation_exception, a name of no template (after the body's
 *   put) illegal_argument_exception "unable to simulate template [x] that does not exist".
 * Both answer SimulateIndexTemplateResponse: `{"template":{"settings":..,"mappings":..,"aliases":..},
 * "overlapping":[{"name":..,"index_patterns":[..]}]}` (mappings only when a template maps anything); a body whose
 * patterns overlap legacy templates gets addIndexTemplateV2's deprecation warning. `create` and `cause` go with the
 * body; `include_defaults` only adds a data stream lifecycle's defaults, and templates carry no lifecycle here.
 * The work is cluster/metadata/simulate-index-template.ts's, on the state of the node that takes the request.
 */
import type { RestResponse } from '../../../protocol/es.ts'
import { actionRequestValidationException } from '../../errors/index.ts'
import { mappingToJson } from '../../index/mapper/mapping-json.ts'
import { templateToJson } from '../../cluster/metadata/index-templates.ts'
import { composableOverLegacyWarning } from '../../cluster/metadata/metadata-legacy-template-service.ts'
import {
  simulateIndexTemplate,
  simulateTemplate,
  type SimulatedTemplate,
  type TemplateToAdd,
} from '../../cluster/metadata/simulate-index-template.ts'
import { toJson, type JsonOut } from '../../xcontent/index.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { guarded, json, withWarnings } from '../responses.ts'
import { paramAsBoolean } from './rest-params.ts'
import { readIndexTemplate } from './template-request.ts'

export function registerSimulateTemplateActions(controller: RestController, context: RestContext): void {
  const simulateIndex = (req: RestHandlerRequest) => guarded(() => simulateIndexAction(context, req))
  const simulate = (req: RestHandlerRequest) => guarded(() => simulateTemplateAction(context, req))
  controller
    .register(
      'POST',
      '/_index_template/_simulate_index/{name}',
      simulateIndex,
      'indices.simulate_index_template',
    )
    .register('POST', '/_index_template/_simulate', simulate, 'indices.simulate_template')
    .register('POST', '/_index_template/_simulate/{name}', simulate, 'indices.simulate_template')
}

function simulateIndexAction(context: RestContext, req: RestHandlerRequest): RestResponse {
  const state = context.client.cluster.state()
  const addedName = `simulate_index_template_${context.newUuid().toLowerCase()}`
  const added = templateInBody(req, addedName)
  const result = simulateIndexTemplate(state, req.path.name!, added, addedName)
  return answer(result, added && composableOverLegacyWarning(state, addedName, added.template.indexPatterns))
}

function simulateTemplateAction(context: RestContext, req: RestHandlerRequest): RestResponse {
  const state = context.client.cluster.state()
  const name = req.path.name ?? null
  const uuid = context.newUuid().toLowerCase()
  const addedName = name ?? `simulate_template_${uuid}`
  const added = templateInBody(req, addedName)
  if (name === null && added === null) {
    throw actionRequestValidationException([
      'either index name or index template body must be specified for simulation',
    ])
  }
  const result = simulateTemplate(state, name, added, addedName, `simulate_template_index_${uuid}`)
  return answer(result, added && composableOverLegacyWarning(state, addedName, added.template.indexPatterns))
}

/** The body's template (TransportPutComposableIndexTemplateAction.Request with `create`), or null without one. */
function templateInBody(req: RestHandlerRequest, name: string): TemplateToAdd | null {
  const text = req.request.body
  if (text === null || text.trim() === '') return null
  return { template: readIndexTemplate(text, name), create: paramAsBoolean(req.params.get('create')) }
}

function answer(result: SimulatedTemplate | null, warning: string | null): RestResponse {
  return withWarnings(json(200, simulatedJson(result)), warning === null ? [] : [warning])
}

/** SimulateIndexTemplateResponse.toXContent. */
function simulatedJson(result: SimulatedTemplate | null): JsonOut {
  if (result === null) return {}
  const { settings, mapping, aliases } = result.template
  return {
    template: templateToJson({
      settings,
      ...(mapping === null ? {} : { mappings: toJson(mappingToJson(mapping)) }),
      aliases,
    }),
    overlapping: result.overlapping.map(([name, patterns]) => ({ name, index_patterns: [...patterns] })),
  }
}
