/**
 * DataStream as ES 8.17 keeps it in the cluster state's DataStreamMetadata: a name, its backing indices
 * (oldest first; the last is the write index), the generation (a cumulative count of rollovers, starting
 * at 1) and the flags its composable template's `data_stream` gave. Plain structured-clonable data.
 *
 * Invariants: `indices` is never empty; every name in it is an index of the state whose metadata names this
 * data stream (IndexMetadata.dataStream); `generation` >= the generation suffix of every backing index.
 * Backing indices are named `.ds-<data stream>-<uuuu.MM.dd of creation, UTC>-<generation, six digits>`
 * (DataStream.getDefaultBackingIndexName).
 */
import type { ClusterState } from '../state/cluster-state.ts'

/** DataStream.TIMESTAMP_FIELD_NAME: the one timestamp field a data stream has. */
export const TIMESTAMP_FIELD = '@timestamp'

/** DataStream.BACKING_INDEX_PREFIX. */
export const BACKING_INDEX_PREFIX = '.ds-'

export interface BackingIndex {
  readonly name: string
  readonly uuid: string
}

export interface DataStream {
  readonly name: string
  readonly indices: readonly BackingIndex[]
  readonly generation: number
  readonly hidden: boolean
  readonly allowCustomRouting: boolean
}

export function backingIndexName(dataStream: string, generation: number, epochMillis: number): string {
  const date = new Date(epochMillis)
  const two = (n: number): string => String(n).padStart(2, '0')
  const day = `${date.getUTCFullYear()}.${two(date.getUTCMonth() + 1)}.${two(date.getUTCDate())}`
  return `${BACKING_INDEX_PREFIX}${dataStream}-${day}-${String(generation).padStart(6, '0')}`
}

/** The state's data streams by name (absent: none yet). */
export function dataStreamsOf(state: ClusterState): Readonly<Record<string, DataStream>> {
  return state.metadata.dataStreams ?? {}
}

export function writeIndexOfDataStream(dataStream: DataStream): BackingIndex {
  return dataStream.indices[dataStream.indices.length - 1]!
}

/** The state with `dataStream` put (or replaced) under its name. */
export function withDataStream(state: ClusterState, dataStream: DataStream): ClusterState {
  const dataStreams = { ...dataStreamsOf(state), [dataStream.name]: dataStream }
  return { ...state, metadata: { ...state.metadata, dataStreams } }
}

export function withoutDataStream(state: ClusterState, name: string): ClusterState {
  const dataStreams = { ...dataStreamsOf(state) }
  delete dataStreams[name]
  return { ...state, metadata: { ...state.metadata, dataStreams } }
}
