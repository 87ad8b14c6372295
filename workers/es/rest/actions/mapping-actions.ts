/**
 * Mapping APIs: GET [/{index}]/_mapping (the request's indices options over strictExpandOpen: a wildcard reaches the
 * open indices, a closed index named answers its mapping), PUT|POST /{index}/_mapping (RestPutMappingAction: the update
 * is parsed as a root mapping and merged by MapperService's rules, then checked against the index's
 * analyzers; the answer is `{"acknowledged":true}`), and GET [/{index}]/_mapping/field/{fields}
 * (RestGetFieldMappingAction: leaf fields and multi-fields by full name or `*` pattern, each under its
 * `full_name` with its mapping, multi-fields included, keyed by its last path segment; with `include_defaults` every
 * parameter of its mapper, include-defaults.ts). A METADATA_READ block
 * (`index.blocks.metadata`) refuses GET _mapping and leaves the index out of a field mapping answer.
 *
 * The typed ES 6 forms (`PUT idx/type/_mapping`, `PUT idx/_mapping/type`, `PUT idx/type/1`) have no
 * handler in ES 8 without the REST compatibility header, so they get RestController's "no handler found"
 * answer; this file deliberately registers nothing for them.
 */
import type { RestResponse } from '../../../protocol/es.ts'
import { EsException } from '../../errors/index.ts'
import type { JsonOut } from '../../xcontent/index.ts'
import { leafFields } from '../../index/mapper/mapping.ts'
import { mappingToJson } from '../../index/mapper/mapping-json.ts'
import { withDefaults, type MapperDefaults } from '../../index/mapper/include-defaults.ts'
import { mapperSettings, type IndexMetadata } from '../../index/index-metadata.ts'
import { paramAsBoolean } from './rest-params.ts'
import { parseMapping } from '../../index/mapper/mapping-parser.ts'
import { simpleMatch } from '../../common/simple-match.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { resolveMetadataReadable } from './metadata-read.ts'
import { guarded, json } from '../responses.ts'
import { parseRequestBody } from '../request-body.ts'
import {
  indicesOptionsFromRequest,
  STRICT_EXPAND_OPEN,
  STRICT_EXPAND_OPEN_CLOSED,
} from '../../cluster/metadata/indices-options.ts'
import { globalBlockedException, indicesBlockedException } from '../../cluster/block/cluster-blocks.ts'

export function registerMappingActions(controller: RestController, context: RestContext): void {
  const get = (req: RestHandlerRequest) => guarded(() => getMapping(context, req))
  const put = (req: RestHandlerRequest) => guarded(() => putMapping(context, req))
  const field = (req: RestHandlerRequest) => guarded(() => getFieldMapping(context, req))
  controller
    .register('GET', '/_mapping', get, 'indices.get_mapping')
    .register('GET', '/{index}/_mapping', get, 'indices.get_mapping')
    .register('PUT', '/{index}/_mapping', put, 'indices.put_mapping')
    .register('POST', '/{index}/_mapping', put, 'indices.put_mapping')
    .register('GET', '/_mapping/field/{fields}', field, 'indices.get_field_mapping')
    .register('GET', '/{index}/_mapping/field/{fields}', field, 'indices.get_field_mapping')
}

function getMapping(context: RestContext, req: RestHandlerRequest): RestResponse {
  const body = new Map<string, JsonOut>()
  const options = indicesOptionsFromRequest(req.params, STRICT_EXPAND_OPEN)
  const indices = resolveMetadataReadable(context, req.path.index, options)
  for (const index of indices) {
    body.set(index.metadata.name, { mappings: mappingToJson(index.metadata.mapping) })
  }
  return json(200, body)
}

async function putMapping(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const indices = context.indices.resolve(req.path.index, STRICT_EXPAND_OPEN_CLOSED)
  if (req.request.body === null || req.request.body.trim() === '') {
    throw new EsException({ type: 'parse_exception', reason: 'request body is required', status: 400 })
  }
  const mapping = parseMapping(parseRequestBody(req.request.body))
  const names = indices.map((index) => index.metadata.name)
  await context.client.cluster.execute({ type: 'put_mapping', names, mapping })
  return json(200, { acknowledged: true })
}

function getFieldMapping(context: RestContext, req: RestHandlerRequest): RestResponse {
  const patterns = req.path.fields!.split(',')
  const includeDefaults = paramAsBoolean(req.params.get('include_defaults'))
  const body = new Map<string, JsonOut>()
  const state = context.client.cluster.state()
  const options = indicesOptionsFromRequest(req.params, STRICT_EXPAND_OPEN)
  for (const index of context.indices.resolve(req.path.index, options)) {
    // TransportGetFieldMappingsIndexAction checks the global READ blocks and the index's METADATA_READ ones; the
    // request merges the indices that answered and drops the failed ones.
    const name = index.metadata.name
    if (globalBlockedException(state, 'READ') ?? indicesBlockedException(state, 'METADATA_READ', [name]))
      continue
    const mappings = new Map<string, JsonOut>()
    const defaults = includeDefaults ? mapperDefaults(index.metadata) : undefined
    for (const [path, field] of leafFields(index.metadata.mapping)) {
      // a search_as_you_type field's subfields are not mapping entries of their own
      if (field.derived !== undefined || !patterns.some((pattern) => simpleMatch(pattern, path))) continue
      const leafName = path.slice(path.lastIndexOf('.') + 1)
      const shown = defaults === undefined ? field : withDefaults(field, defaults)
      const rendered = mappingToJson({ properties: { [leafName]: shown } }).properties as JsonOut
      mappings.set(path, { full_name: path, mapping: rendered })
    }
    body.set(index.metadata.name, { mappings })
  }
  return json(200, body)
}

/** The index.mapping.* settings the field mappers read their defaults from. */
function mapperDefaults(metadata: IndexMetadata): MapperDefaults {
  const { ignoreMalformed, ignoreAbove } = mapperSettings(metadata)
  return {
    ignoreMalformed,
    ignoreAbove,
    coerce: metadata.otherSettings?.['index.mapping.coerce'] !== 'false',
  }
}
