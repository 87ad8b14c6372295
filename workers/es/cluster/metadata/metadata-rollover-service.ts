/**
 * MetadataRolloverService (ES 8.17): rolling a write alias or a data stream over to a new index.
 * - The target must be an alias or a data stream (else `rollover target is a [concrete index] but one of
 *   [alias,data_stream] was expected`), exist (resource_not_found_exception, 404) and have a write index.
 * - An alias's new index is the request's `new_index`, else the write index's provided name with its
 *   trailing number plus one, six digits (`logs-1` → `logs-000002`; a date math name keeps its
 *   expression: `<logs-{now/d}-1>` → `<logs-{now/d}-000002>`), resolved as date math. The alias moves: with
 *   is_write_index true on the old index it stays there as false and the new one becomes the write index;
 *   otherwise it is taken off the old index. Either way the alias's filter and routing are not carried.
 * - A data stream's new index is its next generation's backing index; no `new_index`, settings, mappings or
 *   aliases may be given.
 * The coordinating node resolves the names and builds the new index's metadata; the master applies it with
 * the alias swap or the data stream's new generation in one cluster state update.
 */
import type { ClusterState } from '../state/cluster-state.ts'
import type { IndexMetadata } from '../../index/index-metadata.ts'
import { illegalArgumentException, resourceAlreadyExistsException } from '../../errors/index.ts'
import { javaStringKeyOrder } from '../../../net/java-hash.ts'
import { aliasesLookup, writeIndexOf } from './index-abstraction.ts'
import { resolveDateMathExpression } from './date-math-index-name.ts'
import { resourceNotFoundException } from './metadata-errors.ts'
import { backingIndexName, dataStreamsOf, writeIndexOfDataStream, type DataStream } from './data-stream.ts'
import { nextGeneration, rolledOverDataStream } from './metadata-data-stream-service.ts'
import { composedTemplates, findV2Template } from './metadata-index-template-service.ts'
import { findV1Templates } from './metadata-legacy-template-service.ts'
import type { AliasAction } from './metadata-index-alias-service.ts'
import { indicesMetadata } from './es-index-metadata.ts'

/** What a rollover would do: the write index it leaves and the index it creates. */
export type RolloverPlan =
  | {
      readonly kind: 'alias'
      readonly source: string
      readonly unresolved: string
      readonly rollover: string
    }
  | {
      readonly kind: 'data_stream'
      readonly source: string
      readonly rollover: string
      readonly generation: number
      readonly dataStream: DataStream
    }

const INDEX_NAME_PATTERN = /^.*-\d+$/

/** MetadataRolloverService.validate then resolveRolloverNames. */
export function planRollover(
  state: ClusterState,
  target: string,
  newIndexName: string | null,
  hasCreateIndexBody: boolean,
  now: number,
): RolloverPlan {
  const dataStream = dataStreamsOf(state)[target]
  if (dataStream) {
    if (newIndexName !== null && newIndexName !== '') {
      throw illegalArgumentException('new index name may not be specified when rolling over a data stream')
    }
    if (hasCreateIndexBody) {
      throw illegalArgumentException(
        'aliases, mappings, and index settings may not be specified when rolling over a data stream',
      )
    }
    const generation = nextGeneration(state, dataStream, now)
    const rollover = backingIndexName(dataStream.name, generation, now)
    return {
      kind: 'data_stream',
      source: writeIndexOfDataStream(dataStream).name,
      rollover,
      generation,
      dataStream,
    }
  }
  const indices = indicesMetadata(state)
  const alias = aliasesLookup(indices).get(target)
  if (!alias) {
    if (state.metadata.indices[target]) {
      throw illegalArgumentException(
        'rollover target is a [concrete index] but one of [alias,data_stream] was expected',
      )
    }
    throw resourceNotFoundException(`rollover target [${target}] does not exist`)
  }
  const write = writeIndexOf(alias)
  if (!write) throw illegalArgumentException(`rollover target [${target}] does not point to a write index`)
  const source = indices.find((metadata) => metadata.name === write.index)!
  const unresolved = newIndexName ?? generateRolloverIndexName(source.providedName ?? source.name, now)
  const rollover = resolveDateMathExpression(unresolved, now)
  return { kind: 'alias', source: source.name, unresolved, rollover }
}

/** MetadataRolloverService.generateRolloverIndexName. */
export function generateRolloverIndexName(source: string, now: number): string {
  const resolved = resolveDateMathExpression(source, now)
  const isDateMath = resolved !== source
  if (!INDEX_NAME_PATTERN.test(resolved)) {
    throw illegalArgumentException(`index name [${source}] does not match pattern '^.*-\\d+$'`)
  }
  const numberIndex = source.lastIndexOf('-')
  const counter = Number.parseInt(source.slice(numberIndex + 1, isDateMath ? -1 : undefined), 10)
  return `${source.slice(0, numberIndex)}-${String(counter + 1).padStart(6, '0')}${isDateMath ? '>' : ''}`
}

/**
 * checkNoDuplicatedAliasInIndexTemplate: the template the new index matches may not give it the rollover
 * alias, which would then point at two write candidates.
 */
export function checkNoDuplicatedAliasInIndexTemplate(
  state: ClusterState,
  rollover: string,
  alias: string,
): void {
  const match = findV2Template(state, rollover)
  const candidates = match
    ? composedTemplates(state, match.template).map((template) => ({
        name: match.name,
        aliases: template.aliases,
      }))
    : findV1Templates(state, rollover).map(({ name, template }) => ({ name, aliases: template.aliases }))
  for (const { name, aliases } of candidates) {
    if (aliases && alias in aliases) {
      throw illegalArgumentException(
        `Rollover alias [${alias}] can point to multiple indices, found duplicated alias ` +
          `[[${javaStringKeyOrder(Object.keys(aliases)).join(', ')}]] in index template [${name}]`,
      )
    }
  }
}

/** rolloverAliasToNewIndex: the alias actions that move `alias` from the old write index to the new one. */
export function rolloverAliasActions(
  state: ClusterState,
  plan: RolloverPlan & { kind: 'alias' },
  alias: string,
): AliasAction[] {
  const old = indicesMetadata(state).find((metadata) => metadata.name === plan.source)!
  const current = old.aliases?.[alias]
  const isHidden = current?.isHidden
  const hidden = isHidden === undefined ? {} : { isHidden }
  if (current?.isWriteIndex === true) {
    return [
      { type: 'add', index: plan.rollover, alias, metadata: { isWriteIndex: true, ...hidden } },
      { type: 'add', index: plan.source, alias, metadata: { isWriteIndex: false, ...hidden } },
    ]
  }
  return [
    { type: 'add', index: plan.rollover, alias, metadata: hidden },
    { type: 'remove', index: plan.source, alias, mustExist: false },
  ]
}

/**
 * The master's rollover: the plan is made again on its state (a concurrent rollover is seen there), and
 * the new index must be the one the coordinating node built. `createIndex` and `updateAliases` are the
 * metadata tasks that add an index and apply alias actions.
 */
export function applyRollover(
  state: ClusterState,
  target: string,
  metadata: IndexMetadata,
  newIndexName: string | null,
  now: number,
  createIndex: (state: ClusterState, metadata: IndexMetadata) => ClusterState,
  updateAliases: (state: ClusterState, actions: AliasAction[]) => ClusterState,
): ClusterState {
  const plan = planRollover(state, target, newIndexName, false, now)
  if (state.metadata.indices[metadata.name]) {
    throw resourceAlreadyExistsException(metadata.name, state.metadata.indices[metadata.name]!.uuid)
  }
  if (plan.rollover !== metadata.name) {
    throw illegalArgumentException(`rollover target [${target}] was rolled over concurrently, retry`)
  }
  const created = createIndex(state, metadata)
  if (plan.kind === 'data_stream')
    return rolledOverDataStream(created, plan.dataStream, metadata, plan.generation)
  return updateAliases(created, rolloverAliasActions(state, plan, target))
}
