/**
 * The index the shard-level property tests write through: `idx`, one shard, refreshed only when a test asks,
 * created at `creationDate`, with the mapping given as JSON text.
 */
import { IndexService } from '../../../../workers/es/index/index-service.ts'
import { parseMapping } from '../../../../workers/es/index/mapper/mapping-parser.ts'
import { parseJson } from '../../../../workers/es/xcontent/index.ts'

export function singleShardIndexService(
  mappingJson: string,
  creationDate: number,
  numberOfReplicas = 0,
): IndexService {
  return new IndexService({
    name: 'idx',
    uuid: 'idx-uuid',
    creationDate,
    numberOfShards: 1,
    numberOfReplicas,
    routingNumShards: 1,
    refreshIntervalMs: -1,
    mapping: parseMapping(parseJson(mappingJson)),
  })
}
