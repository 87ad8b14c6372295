/**
 * ParentJoinFieldMapper's side of a mapping and a document (ES 8.17 parent-join module).
 *
 * Mapping: `relations` (each parent name with a child name or an array of them), `eager_global_ordinals` (true by
 * default; GET _mapping always prints it, then `relations`, a single child as a string, several as an array in
 * Java HashSet order, as Relations.parse collects them) and `meta`; any other parameter is "unknown parameter [x]
 * on mapper [f] of type [join]". A join field sits at the root only ("join field [a.f] cannot be added inside an
 * object or in a multi-field"), and an index has one ("Only one [parent-join] field can be defined per index, got
 * [a, b]", checked on the whole mapping). An update keeps every relation (joiner.ts mergeConflicts: "Conflict in
 * parameter [relations]: Cannot remove parent [p]").
 *
 * Document: the value is a relation name, or an object with `name` and, for a child, `parent` (a string or a
 * number, read as its text). The errors are ES's, wrapped as DocumentParser wraps a mapper's failure
 * (document_parsing_exception "failed to parse: <reason>" at the parser's token: the string, or the object's end):
 * "unknown join name [x] for field [f]", "[parent] is missing for join field [f]", "[routing] is missing for join
 * field [f]", "null join name in field [f]", "unknown field name [k] in join field [f]". The document indexes the
 * relation name under the join field (a keyword term and doc value), a child its parent's id under
 * `f#<parent relation>`, a parent its own `_id` under `f#<its relation>`; `_source` is kept as sent.
 */
import {
  documentParsingException,
  EsException,
  failedToParseMappingFrom,
  illegalArgumentException,
  mapperParsingException,
} from '../../errors/index.ts'
import { XNumber, type XContentValue } from '../../xcontent/index.ts'
import { javaHashMapKeyOrder } from '../../../net/java-hash.ts'
import { typedParameters, type ParameterSpec } from './field-parameters.ts'
import { javaToString } from './mapping-parser.ts'
import { documentFailure, type TokenPart } from './document-failure.ts'
import { Joiner, type JoinRelations } from './joiner.ts'
import { PARENT_ID_FIELD, type FieldMapping, type Mapping } from './mapping.ts'

const PARAMETERS: ReadonlyMap<string, ParameterSpec> = new Map<string, ParameterSpec>([
  ['eager_global_ordinals', { kind: 'boolean' }],
  ['relations', { kind: 'value' }],
  ['meta', { kind: 'value', shown: {} }],
])

/** A join field's mapping as parsed from `definition` (its own keys), at full path `path`. */
export function joinMapping(name: string, path: string, definition: Record<string, unknown>): FieldMapping {
  const given = typedParameters(name, 'join', definition, PARAMETERS)
  if (path !== name)
    throw failedToParseMappingFrom(
      illegalArgumentException(`join field [${path}] cannot be added inside an object or in a multi-field`),
    )
  const relations = parseRelations(name, given.relations)
  try {
    new Joiner(name, relations)
  } catch (error) {
    throw error instanceof EsException ? failedToParseMappingFrom(error) : error
  }
  return {
    type: 'join',
    eager_global_ordinals: given.eager_global_ordinals !== false,
    relations,
    ...(given.meta !== undefined ? { meta: given.meta as Record<string, string> } : {}),
  }
}

/** Relations.parse: a map of parent → child or children; a child array is a HashSet (duplicates dropped). */
function parseRelations(name: string, value: unknown): JoinRelations {
  const relations: JoinRelations = {}
  if (value === undefined) return relations
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const cause = new EsException({
      type: 'parse_exception',
      reason: `relations should be a hash but was of type: ${javaClassOf(value)}`,
      status: 400,
    })
    const message = `Error parsing [relations] on field [${name}]: ${cause.reason}`
    throw failedToParseMappingFrom(mapperParsingException(message, cause))
  }
  for (const [parent, children] of Object.entries(value as Record<string, XContentValue>)) {
    if (Array.isArray(children)) {
      const distinct = [...new Set(children.map(javaText))]
      const capacity = Math.max(Math.trunc(distinct.length / 0.75) + 1, 16)
      const ordered = javaHashMapKeyOrder(distinct, capacity)
      relations[parent] = ordered.length === 1 ? ordered[0]! : ordered
    } else relations[parent] = javaText(children)
  }
  return relations
}

/** A relation value's toString (Java's, for a map or a list). */
function javaText(value: XContentValue): string {
  if (value instanceof XNumber) return value.text
  if (value instanceof Map || Array.isArray(value)) return javaToString(value)
  return String(value)
}

function javaClassOf(value: unknown): string {
  if (typeof value === 'string') return 'class java.lang.String'
  if (typeof value === 'boolean') return 'class java.lang.Boolean'
  if (typeof value === 'number') return 'class java.lang.Integer'
  if (Array.isArray(value)) return 'class java.util.ArrayList'
  return 'class java.lang.Object'
}

/** A join field's relations merged with an update's (Parameter's merge validator: Joiner.canMerge). */
export function mergeJoinMapping(current: FieldMapping, incoming: FieldMapping, path: string): FieldMapping {
  const conflicts = new Joiner(path, current.relations ?? {}).mergeConflicts(
    new Joiner(path, incoming.relations ?? {}),
  )
  if (conflicts.length > 0)
    throw illegalArgumentException(
      `Mapper for [${path}] conflicts with existing mapper:\n\t` +
        conflicts.map((conflict) => `Conflict in parameter [relations]: ${conflict}`).join('\n\t'),
    )
  return incoming
}

/** ParentJoinFieldMapper.doValidate: one join field per index (they can only be root fields). */
export function checkOneJoinField(mapping: Pick<Mapping, 'properties'>): void {
  const joins = Object.entries(mapping.properties)
    .filter(([, field]) => field.type === 'join')
    .map(([name]) => name)
  if (joins.length > 1)
    throw illegalArgumentException(
      `Only one [parent-join] field can be defined per index, got [${joins.join(', ')}]`,
    )
}

/** A document's own `_id` and routing, which a join field's value is indexed with. */
export interface JoinDocument {
  id: string
  routing: string | null
}

/** One value the join field indexes: its path, the mapping it is indexed with, the value. */
export interface JoinValue {
  path: string
  mapping: FieldMapping
  value: string
}

/**
 * The values a join field indexes for its `_source` value (ParentJoinFieldMapper.parse). `primary` says whether
 * the document is being written (a missing routing fails it then; read again later, the value is just indexed).
 */
export function joinValues(
  name: string,
  field: FieldMapping,
  value: XContentValue,
  document: JoinDocument | null,
  primary: boolean,
): JoinValue[] {
  let relation: string | null = null
  let parent: string | null = null
  const part: TokenPart = value instanceof Map ? 'end' : 'start'
  if (value instanceof Map) {
    for (const [key, entry] of value) {
      if (typeof entry === 'string' && key === 'name') relation = entry
      else if ((typeof entry === 'string' || entry instanceof XNumber) && key === 'parent')
        parent = javaText(entry)
      else if (typeof entry === 'string' || entry instanceof XNumber)
        throw failed(part, `unknown field name [${key}] in join field [${name}]`)
    }
  } else if (typeof value === 'string') relation = value
  else {
    const token = value === null ? 'VALUE_NULL' : Array.isArray(value) ? 'START_ARRAY' : 'VALUE_NUMBER'
    throw failed(
      part,
      `[${name}] expected START_OBJECT or VALUE_STRING but was: ${token}`,
      'illegal_state_exception',
    )
  }
  if (relation === null) throw failed(part, `null join name in field [${name}]`)
  const joiner = new Joiner(name, field.relations ?? {})
  if (!joiner.knownRelation(relation))
    throw failed(part, `unknown join name [${relation}] for field [${name}]`)
  const out: JoinValue[] = [{ path: name, mapping: field, value: relation }]
  if (joiner.childTypeExists(relation)) {
    if (parent === null) throw failed(part, `[parent] is missing for join field [${name}]`)
    if (primary && document?.routing == null)
      throw failed(part, `[routing] is missing for join field [${name}]`)
    out.push({ path: joiner.parentJoinField(relation), mapping: PARENT_ID_FIELD, value: parent })
  }
  if (joiner.parentTypeExists(relation) && document !== null)
    out.push({ path: joiner.childJoinField(relation), mapping: PARENT_ID_FIELD, value: document.id })
  return out
}

/** DocumentParser's wrapping of the mapper's exception: "failed to parse: <reason>" at the parser's token. */
function failed(part: TokenPart, reason: string, type = 'illegal_argument_exception'): EsException {
  return documentFailure(part, (at) =>
    documentParsingException(
      at.line,
      at.col,
      `failed to parse: ${reason}`,
      type === 'illegal_argument_exception'
        ? illegalArgumentException(reason)
        : new EsException({ type, reason, status: 500 }),
    ),
  )
}
