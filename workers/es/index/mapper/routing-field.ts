/**
 * The `_routing` metadata field's mapping (RoutingFieldMapper, 8.17): `required` (false by default). With
 * `required: true` every index, create, update and delete, and every GET and multi-get item, must name a routing
 * (or write through an alias with one), else it fails with routing_missing_exception (status 400, the index in
 * its metadata): `routing is required for [index]/[id]`. GET _mapping shows `_routing` only when required. A PUT
 * _mapping that names `_routing` cannot change `required` (`Mapper for [_routing] conflicts with existing
 * mapper:\n\tCannot update parameter [required] from [true] to [false]`); index templates composed into one
 * mapping replace it instead.
 */
import { EsException, failedToParseMapping, illegalArgumentException } from '../../errors/index.ts'
import type { XContentValue } from '../../xcontent/index.ts'
import type { Mapping } from './mapping.ts'
import { booleanParam } from './mapping-parser.ts'

export function parseRoutingField(value: XContentValue): { required: boolean } {
  let required = false
  if (!(value instanceof Map)) return { required }
  for (const [key, entry] of value) {
    if (key === 'required') required = booleanParam(entry)
    else throw failedToParseMapping(`unknown parameter [${key}] on mapper [_routing] of type [_routing]`)
  }
  return { required }
}

/** FieldMapper.merge of `_routing` when the update names it (an index without one is not required). */
export function mergeRoutingField(
  existing: { required: boolean } | undefined,
  update: { required: boolean } | undefined,
  indexTemplate: boolean,
): { required: boolean } | undefined {
  if (update === undefined) return existing
  const before = existing?.required ?? false
  if (!indexTemplate && before !== update.required) {
    throw illegalArgumentException(
      `Mapper for [_routing] conflicts with existing mapper:\n\tCannot update parameter [required] from [${before}] to [${update.required}]`,
    )
  }
  return update
}

/** RoutingMissingException when the mapping requires a routing and none was given. */
export function checkRoutingRequired(
  mapping: Mapping,
  index: string,
  id: string,
  routing: string | null,
): void {
  if (routing !== null || mapping._routing?.required !== true) return
  throw new EsException({
    type: 'routing_missing_exception',
    reason: `routing is required for [${index}]/[${id}]`,
    status: 400,
    metadata: [
      // RoutingMissingException names the index by name only (ElasticsearchException.setIndex(String)).
      ['index_uuid', '_na_'],
      ['index', index],
    ],
  })
}
