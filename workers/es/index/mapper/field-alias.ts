/**
 * Field aliases (ES 8.17's FieldAliasMapper): `{ "type": "alias", "path": "<full path of a field>" }` names another
 * field, which searches, aggregations, sorts and fetched `fields` may then call by the alias's name. An alias holds
 * no values of its own.
 *
 * Mapping: `path` is required ("The [path] property must be specified for field [x].") and read as text
 * (XContentMapValues.nodeStringValue); any other parameter is "Mapping definition for [x] has unsupported
 * parameters:  [k : v]" (MappingParser.checkNoRemainingFields); both are wrapped as MapperService wraps a mapping's
 * failures ("Failed to parse mapping: …"). Once the whole mapping is known (index creation, PUT _mapping) each
 * alias is validated as FieldAliasMapper.validate does, in mapping order: not itself, its target a field of the
 * mapping (a leaf, a multi-field or a runtime field; not an object), not another alias, and in the same nested
 * scope. An alias merges only with an alias (the update's path wins); mapping-merge.ts says so for the rest.
 *
 * Documents: a value for an alias is refused ("Cannot write to a field alias [x].", "Cannot copy to a field alias
 * [x]." for a copy_to target), in document-parser.ts.
 */
import {
  failedToParseMappingFrom,
  illegalArgumentException,
  mapperParsingException,
} from '../../errors/index.ts'
import type { XContentObject } from '../../xcontent/index.ts'
import { leafFields, runtimeFields, type FieldMapping, type Mapping } from './mapping.ts'
import { javaToString } from './mapping-parser.ts'
import { nestedParent } from './nested-mapping.ts'

/** FieldAliasMapper.TypeParser over a field definition as given (its `type` is `alias`). */
export function aliasMapping(name: string, definition: XContentObject): FieldMapping {
  const path = definition.get('path')
  if (path === undefined || path === null) {
    throw failedToParseMappingFrom(
      mapperParsingException(`The [path] property must be specified for field [${name}].`),
    )
  }
  const remaining = [...definition].filter(([key]) => key !== 'type' && key !== 'path')
  if (remaining.length > 0) {
    const listed = remaining.map(([key, value]) => ` [${key} : ${javaToString(value)}]`).join('')
    throw failedToParseMappingFrom(
      mapperParsingException(`Mapping definition for [${name}] has unsupported parameters: ${listed}`),
    )
  }
  return { type: 'alias', path: javaToString(path) }
}

/** FieldAliasMapper.validate for every alias of a complete mapping, in mapping order. */
export function validateFieldAliases(mapping: Mapping): void {
  const leaves = leafFields(mapping)
  const runtime = runtimeFields(mapping)
  for (const [name, field] of leaves) {
    if (field.type !== 'alias') continue
    const path = field.path!
    const invalid = (why: string): string =>
      `Invalid [path] value [${path}] for field alias [${name}]: ${why}`
    if (path === name) throw mapperParsingException(invalid('an alias cannot refer to itself.'))
    const target = Object.hasOwn(runtime, path) ? null : leaves.get(path)
    if (target === undefined)
      throw mapperParsingException(invalid('an alias must refer to an existing field in the mappings.'))
    if (target?.type === 'alias')
      throw mapperParsingException(invalid('an alias cannot refer to another alias.'))
    const aliasScope = nestedParent(mapping, name)
    const pathScope = nestedParent(mapping, path)
    if (aliasScope !== pathScope) {
      throw illegalArgumentException(
        invalid('an alias must have the same nested scope as its target. ') +
          (aliasScope === null ? 'The alias is not nested' : `The alias's nested scope is [${aliasScope}]`) +
          ', but ' +
          (pathScope === null ? 'the target is not nested.' : `the target's nested scope is [${pathScope}].`),
      )
    }
  }
}
