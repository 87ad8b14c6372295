/**
 * MetadataIndexAliasesService and AliasValidator on the master: alias actions applied to the indices'
 * metadata in one step, so that a request's actions take effect together or not at all.
 * - `add` puts (or replaces) an alias on an index: the alias name must be a valid name, name no index,
 *   and its index routing must be a single value;
 * - `remove` takes an alias off an index; with must_exist a missing alias fails the whole request;
 * - `remove_index` deletes an index; the caller applies those first, so that an alias may take the name
 *   of an index removed in the same request.
 * Afterwards every alias has at most one explicit write index (Metadata.Builder's check).
 */
import { illegalArgumentException, indexNotFoundException, type EsException } from '../../errors/index.ts'
import type { IndexMetadata } from '../../index/index-metadata.ts'
import { aliasesOf, withAliases, type AliasMetadata } from './alias-metadata.ts'
import { aliasesLookup } from './index-abstraction.ts'
import {
  aliasesNotFoundException,
  illegalStateException,
  invalidAliasNameException,
  validateAliasName,
} from './metadata-errors.ts'

/** One alias action on one concrete index, as the master receives it. */
export type AliasAction =
  | { type: 'add'; index: string; alias: string; metadata: AliasMetadata }
  | { type: 'remove'; index: string; alias: string; mustExist: boolean }
  | { type: 'remove_index'; index: string }

/**
 * The add and remove actions applied to `indices` (the remove_index ones already done): the indices whose
 * aliases changed, with their new metadata.
 */
export function applyAliasActions(
  indices: readonly IndexMetadata[],
  actions: readonly AliasAction[],
): IndexMetadata[] {
  const byName = new Map(indices.map((metadata) => [metadata.name, metadata]))
  const changed = new Set<string>()
  for (const action of actions) {
    if (action.type === 'remove_index') continue
    const metadata = byName.get(action.index)
    if (!metadata) throw indexNotFoundException(action.index)
    const aliases = { ...aliasesOf(metadata) }
    if (action.type === 'add') {
      validateAlias(action.alias, action.metadata.indexRouting, (name) => byName.has(name))
      aliases[action.alias] = action.metadata
    } else {
      if (!(action.alias in aliases)) {
        if (action.mustExist) throw aliasesNotFoundException([action.alias])
        continue
      }
      delete aliases[action.alias]
    }
    byName.set(action.index, withAliases(metadata, aliases))
    changed.add(action.index)
  }
  validateWriteIndices([...byName.values()])
  return [...changed].map((name) => byName.get(name)!)
}

/** AliasValidator.validateAlias: a valid name that no index has, with at most one index routing value. */
export function validateAlias(
  alias: string,
  indexRouting: string | undefined,
  isIndex: (name: string) => boolean,
): void {
  if (alias === '') throw illegalArgumentException('alias name is required')
  const invalid: EsException | null = validateAliasName(alias)
  if (invalid) throw invalid
  if (indexRouting !== undefined && indexRouting.includes(',')) {
    throw illegalArgumentException(`alias [${alias}] has several index routing values associated with it`)
  }
  if (isIndex(alias)) {
    throw invalidAliasNameException(alias, 'an index or data stream exists with the same name as the alias')
  }
}

/** At most one index of an alias may say is_write_index: true. */
export function validateWriteIndices(indices: readonly IndexMetadata[]): void {
  for (const alias of aliasesLookup(indices).values()) {
    const writers = alias.members.filter((member) => member.alias.isWriteIndex === true)
    if (writers.length > 1) {
      throw illegalStateException(
        `alias [${alias.name}] has more than one write index [${writers.map((m) => m.index).join(',')}]`,
      )
    }
  }
}
