/**
 * MetadataCreateDataStreamService and MetadataDataStreamsService: a data stream is created (explicitly or by
 * a write to a name a `data_stream` template matches) with its first backing index, gets a new backing index
 * at each rollover, and is deleted with all its backing indices. The coordinating node builds a backing
 * index's metadata (it draws the uuid); the master checks it against its current state and applies it.
 *
 * A backing index is hidden (`index.hidden: true`), takes the settings and mappings of the template that
 * matches the data stream's name (its aliases are not carried: docs/DEVIATIONS.md), and maps `@timestamp`
 * as a `date` unless the template maps it as a `date` or `date_nanos` itself; any other type is refused.
 */
import type { ClusterState } from '../state/cluster-state.ts'
import type { IndexMetadata } from '../../index/index-metadata.ts'
import { EsException, illegalArgumentException, validateIndexName } from '../../errors/index.ts'
import { buildIndexMetadata } from './metadata-create-index-service.ts'
import { isDateType, type Mapping } from '../../index/mapper/mapping.ts'
import { findV2Template } from './metadata-index-template-service.ts'
import {
  BACKING_INDEX_PREFIX,
  TIMESTAMP_FIELD,
  backingIndexName,
  dataStreamsOf,
  withDataStream,
  writeIndexOfDataStream,
  type DataStream,
} from './data-stream.ts'

/** What the master is asked to add: the data stream and its first backing index. */
export interface NewDataStream {
  readonly dataStream: DataStream
  readonly metadata: IndexMetadata
}

/** createDataStream's checks on the name and the template, then the data stream with generation 1. */
export function newDataStream(state: ClusterState, name: string, uuid: string, now: number): NewDataStream {
  if (dataStreamsOf(state)[name]) throw dataStreamExists(name)
  const invalid = validateIndexName(name)
  const prefix = `Invalid index name [${name}], `
  if (invalid && invalid.reason.startsWith(prefix)) {
    throw illegalArgumentException(`data_stream [${name}] ${invalid.reason.slice(prefix.length)}`)
  }
  if (name.startsWith(BACKING_INDEX_PREFIX)) {
    throw illegalArgumentException(`data_stream [${name}] must not start with '${BACKING_INDEX_PREFIX}'`)
  }
  const match = findV2Template(state, name)
  if (!match) throw illegalArgumentException(`no matching index template found for data stream [${name}]`)
  const template = match.template.dataStream
  if (!template) {
    throw illegalArgumentException(
      `matching index template [${match.name}] for data stream [${name}] has no data stream template`,
    )
  }
  const metadata = backingIndexMetadata(state, name, 1, uuid, now)
  return {
    dataStream: {
      name,
      indices: [{ name: metadata.name, uuid }],
      generation: 1,
      hidden: template.hidden,
      allowCustomRouting: template.allowCustomRouting,
    },
    metadata,
  }
}

/** Whether a write to `name` creates a data stream: a composable template with `data_stream` matches it. */
export function matchesDataStreamTemplate(state: ClusterState, name: string): boolean {
  return findV2Template(state, name)?.template.dataStream !== undefined
}

/** The data stream's backing index of `generation`, from the template its name matches. */
export function backingIndexMetadata(
  state: ClusterState,
  dataStream: string,
  generation: number,
  uuid: string,
  now: number,
): IndexMetadata {
  const name = backingIndexName(dataStream, generation, now)
  const built: IndexMetadata = { ...buildIndexMetadata(state, name, {}, uuid, now, dataStream) }
  delete built.aliases
  return { ...built, hidden: true, dataStream, mapping: dataStreamMapping(built.mapping) }
}

/** A backing index's mapping: `@timestamp` mapped as a `date` unless the templates map it as a date type. */
export function dataStreamMapping(mapping: Mapping): Mapping {
  const timestamp = mapping.properties[TIMESTAMP_FIELD]
  if (timestamp && !isDateType(timestamp.type)) {
    throw illegalArgumentException(
      `data stream timestamp field [${TIMESTAMP_FIELD}] is of type [${timestamp.type}], but [date,date_nanos] is expected`,
    )
  }
  if (timestamp) return mapping
  return { ...mapping, properties: { ...mapping.properties, [TIMESTAMP_FIELD]: { type: 'date' as const } } }
}

/**
 * DataStream.nextWriteIndexAndGeneration: the generation after the current one, skipping any whose
 * backing index name is already an index.
 */
export function nextGeneration(state: ClusterState, dataStream: DataStream, now: number): number {
  let generation = dataStream.generation + 1
  while (state.metadata.indices[backingIndexName(dataStream.name, generation, now)]) generation++
  return generation
}

/** The master's side of creation: the first backing index is created by the caller, then the stream. */
export function checkNewDataStream(state: ClusterState, created: NewDataStream): void {
  const { name } = created.dataStream
  if (dataStreamsOf(state)[name]) throw dataStreamExists(name)
  if (state.metadata.indices[name]) {
    throw illegalArgumentException(`data stream [${name}] conflicts with index`)
  }
}

/** The stream with `metadata` (created by the caller) as its new write index of `generation`. */
export function rolledOverDataStream(
  state: ClusterState,
  dataStream: DataStream,
  metadata: IndexMetadata,
  generation: number,
): ClusterState {
  const indices = [...dataStream.indices, { name: metadata.name, uuid: metadata.uuid }]
  return withDataStream(state, { ...dataStream, indices, generation })
}

/**
 * MetadataDeleteIndexService for a backing index: the write index cannot go; another one leaves its
 * data stream's list.
 */
export function withoutBackingIndex(state: ClusterState, metadata: IndexMetadata): ClusterState {
  const dataStream = metadata.dataStream ? dataStreamsOf(state)[metadata.dataStream] : undefined
  if (!dataStream) return state
  if (writeIndexOfDataStream(dataStream).name === metadata.name) {
    throw illegalArgumentException(
      `index [${metadata.name}] is the write index for data stream [${dataStream.name}] and cannot be deleted`,
    )
  }
  const indices = dataStream.indices.filter((index) => index.name !== metadata.name)
  return withDataStream(state, { ...dataStream, indices })
}

function dataStreamExists(name: string): EsException {
  return new EsException({
    type: 'resource_already_exists_exception',
    reason: `data_stream [${name}] already exists`,
    status: 400,
  })
}
