/**
 * SynonymsManagementAPIService.deleteSynonymsSet on the master: a preview reload of the set's analyzers first
 * (reload-analyzers.ts); a set some index's analyzers read is refused with illegal_argument_exception "synonyms set
 * [x] cannot be deleted as it is used in the following indices: a, b", else the set goes (404 when missing).
 */
import type { ClusterState } from '../cluster/state/cluster-state.ts'
import { illegalArgumentException } from '../errors/index.ts'
import { indicesUsingSynonymsSet } from './reload-analyzers.ts'
import { deleteSynonymsSet } from './synonyms-metadata.ts'

export function deleteUnusedSynonymsSet(state: ClusterState, id: string): ClusterState {
  const indices = indicesUsingSynonymsSet(state, id)
  if (indices.length > 0) {
    throw illegalArgumentException(
      `synonyms set [${id}] cannot be deleted as it is used in the following indices: ${indices.join(', ')}`,
    )
  }
  return deleteSynonymsSet(state, id)
}
