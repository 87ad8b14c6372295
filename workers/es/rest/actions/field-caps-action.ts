/**
 * GET|POST [/{index}]/_field_caps (RestFieldCapabilitiesAction, ES 8.17): the capabilities of the requested fields
 * across the indices the expression names (strictExpandOpenAndForbidClosed, IndicesOptions.fromRequest).
 * - `fields`: the `fields` parameter (a comma list) or the body's `fields` (a string or an array), not both
 *   ("can't specify a request body and [fields] request parameter, ..."); none at all fails the request's
 *   validation ("specified fields can't be null or empty").
 * - `include_unmapped`, `filters` (an unknown one is "Unknown field caps filter [x]"), `types`, and the body's
 *   `runtime_mappings` (laid over each index's mapping as a search's are). `include_empty_fields` is read but every
 *   field is reported (the playground keeps no per-segment field infos), and `index_filter` is refused as not
 *   available (docs/DEVIATIONS.md).
 * The mappings are in every node's cluster state, so the node that takes the request answers for every index
 * (field-capabilities-fetcher.ts) and merges the answers (field-capabilities-merge.ts). The first index with a READ
 * block (`index.blocks.read`) fails the request, as TransportFieldCapabilitiesAction's checkIndexBlocks does.
 */
import type { RestResponse } from '../../../protocol/es.ts'
import { actionRequestValidationException, illegalArgumentException } from '../../errors/index.ts'
import type { XContentObject, XContentValue } from '../../xcontent/index.ts'
import { urlFlag } from '../../common/booleans.ts'
import {
  indicesOptionsFromRequest,
  STRICT_EXPAND_OPEN_FORBID_CLOSED,
} from '../../cluster/metadata/indices-options.ts'
import { fieldParseError } from '../../cluster/metadata/field-parse-error.ts'
import { searchMapping } from '../../search/runtime-mappings.ts'
import {
  checkFilters,
  retrieveFieldCaps,
  type IndexFieldCapabilities,
} from '../../action/field-caps/field-capabilities-fetcher.ts'
import { mergeFieldCaps } from '../../action/field-caps/field-capabilities-merge.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { guarded, json } from '../responses.ts'
import { isBlank, parseRequestBody } from '../request-body.ts'
import {
  eachIndexBlockedRaiseException,
  globalBlockedRaiseException,
} from '../../cluster/block/cluster-blocks.ts'

export function registerFieldCapsActions(controller: RestController, context: RestContext): void {
  const handler = (req: RestHandlerRequest) => guarded(() => fieldCaps(context, req))
  for (const method of ['GET', 'POST'] as const) {
    controller
      .register(method, '/_field_caps', handler, 'field_caps')
      .register(method, '/{index}/_field_caps', handler, 'field_caps')
  }
}

interface FieldCapsBody {
  fields: string[]
  runtimeMappings: XContentObject | null
}

/** The body's keys (RestFieldCapabilitiesAction's ObjectParser `field_caps_request`). */
function parseBody(text: string | null): FieldCapsBody {
  const body: FieldCapsBody = { fields: [], runtimeMappings: null }
  if (text === null || isBlank(text)) return body
  for (const [key, value] of parseRequestBody(text)) {
    if (key === 'fields') body.fields = stringArray(text, key, value)
    else if (key === 'runtime_mappings' && value instanceof Map) body.runtimeMappings = value
    else if (key === 'index_filter' && value instanceof Map) {
      throw illegalArgumentException('[index_filter] is not available in the playground')
    } else throw fieldParseError(text, key, `[field_caps_request] unknown field [${key}]`)
  }
  return body
}

/** ObjectParser's string array: one string or an array of strings. */
function stringArray(text: string, key: string, value: XContentValue): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value
  throw fieldParseError(text, key, `[field_caps_request] failed to parse field [${key}]`)
}

function listParam(params: ReadonlyMap<string, string>, name: string): string[] {
  const value = params.get(name)
  return value === undefined || value === '' ? [] : value.split(',').map((item) => item.trim())
}

function fieldCaps(context: RestContext, req: RestHandlerRequest): RestResponse {
  const { params } = req
  const options = indicesOptionsFromRequest(params, STRICT_EXPAND_OPEN_FORBID_CLOSED)
  const includeUnmapped = urlFlag(params, 'include_unmapped') ?? false
  urlFlag(params, 'include_empty_fields')
  const filters = listParam(params, 'filters')
  const types = listParam(params, 'types')
  const body = parseBody(req.request.body)
  let fields = body.fields
  const fieldsParam = params.get('fields')
  if (fieldsParam !== undefined) {
    if (fields.length > 0) {
      throw illegalArgumentException(
        "can't specify a request body and [fields] request parameter, either specify a request body or the " +
          '[fields] request parameter',
      )
    }
    fields = listParam(params, 'fields')
  }
  if (fields.length === 0) throw actionRequestValidationException(["specified fields can't be null or empty"])
  const indices = context.indices.resolve(req.path.index, options)
  if (indices.length > 0) {
    // TransportFieldCapabilitiesAction.checkIndexBlocks: the global READ blocks, then each index's in turn.
    const state = context.client.cluster.state()
    globalBlockedRaiseException(state, 'READ')
    eachIndexBlockedRaiseException(
      state,
      'READ',
      indices.map((index) => index.metadata.name),
    )
  }
  checkFilters(filters)
  const responses = new Map<string, ReadonlyMap<string, IndexFieldCapabilities>>()
  for (const index of indices) {
    const mapping = searchMapping(index.metadata.mapping, body.runtimeMappings)
    responses.set(index.metadata.name, retrieveFieldCaps(mapping, { fields, filters, types }))
  }
  return json(200, mergeFieldCaps(responses, includeUnmapped))
}
