/**
 * MetadataIndexStateService on the master: an index's state moves between OPEN and CLOSE.
 * - close (closeRoutingTable): the index's metadata takes `state: close` (its settings then show
 *   index.verified_before_close: true); an index already closed is left as it is;
 * - open (OpenIndicesExecutor.openIndices): `state` and index.verified_before_close go; an open index is left
 *   as it is. The index's settings are read again by every node applying the state (IndexService rebuilds its
 *   analyzers when they changed), so documents indexed and text analysed after the open use them.
 * The playground keeps the routing table as it is in both moves: the copies stay where they are, started,
 * as ES's own reroute places them again after addAsFromOpenToClose / addAsFromCloseToOpen when every copy is
 * in sync (closing flushed them all first). A node keeps its copies of a closed index loaded; every request
 * that would read or write them is refused where its index expression is resolved (index-abstraction.ts).
 */
import { isClosed, type IndexMetadata } from '../../index/index-metadata.ts'

/** The index as closed, or null when it already is. */
export function closedIndex(metadata: IndexMetadata): IndexMetadata | null {
  return isClosed(metadata) ? null : { ...metadata, state: 'close' }
}

/** The index as opened, or null when it is open. */
export function openedIndex(metadata: IndexMetadata): IndexMetadata | null {
  if (!isClosed(metadata)) return null
  const opened = { ...metadata }
  delete opened.state
  return opened
}
