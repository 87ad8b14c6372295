/**
 * The Elasticsearch cluster as the page runs it: one Web Worker per node, es-node-1 to es-node-N, each an
 * EsNode over its own IndexedDB database (`playground-es-node-N`), wired to every other running node by a
 * MessageChannel (WorkerMesh). Every node has every address as discovery.seed_hosts and every name in
 * cluster.initial_master_nodes, as a docker-compose cluster of N nodes is configured. It is the NodeControl
 * of the node commands and the EsDirectory the console reaches nodes through (localhost:9200 is es-node-1).
 * Each node starts with path.repo and its node.attr.* attributes from config/elasticsearch.yml as it is then,
 * over the shared filesystem of snapshot repositories (`playground-es-repositories`, one IndexedDB database
 * every node's worker opens).
 */
import * as Comlink from 'comlink'
import type { EsNodeWorkerApi } from '../../workers/protocol/workers.ts'
import { esNodeName, type EsDirectory, type EsNodeApi, type EsNodeState } from '../../workers/protocol/es.ts'
import type { Pausable } from '../../workers/net/process-pause.ts'
import type { NodeControl } from '../../workers/tools/shell/node-control.ts'
import { WorkerMesh, type MeshMember } from './worker-mesh.ts'
import { nodeAttributesOf, pathRepoOf } from '../../workers/tools/shell/elasticsearch-yml.ts'

/** The IndexedDB database that holds node `id`'s data path. */
export function esNodeDatabase(prefix: string, id: number): string {
  return `${prefix}${esNodeName(id)}`
}

/** The IndexedDB database that holds the filesystem every node mounts under path.repo (snapshot repositories). */
export function esRepositoriesDatabase(prefix: string): string {
  return `${prefix}es-repositories`
}

export class EsWorkerCluster
  extends WorkerMesh<EsNodeWorkerApi & Pausable>
  implements NodeControl, EsDirectory
{
  constructor(
    private readonly size: number,
    private readonly seed: number,
    /** Prefix of each node's IndexedDB database name. */
    private readonly databasePrefix = 'playground-',
    /** config/elasticsearch.yml as it is now (null: the image's own), read as each node starts. */
    private readonly config: () => string | null = () => null,
  ) {
    super()
  }

  ids(): number[] {
    return Array.from({ length: this.size }, (_, i) => i + 1)
  }

  node(id: number): EsNodeApi | null {
    return this.member(id)
  }

  /** The running node's state (one call for all its shards), or null when it is not running. */
  describeState(id: number): Promise<EsNodeState> | null {
    return this.member(id)?.describeState() ?? null
  }

  protected async launch(id: number): Promise<MeshMember<EsNodeWorkerApi & Pausable>> {
    const worker = new Worker(new URL('../../workers/es-node.worker.ts', import.meta.url), {
      type: 'module',
      name: esNodeName(id),
    })
    const api = Comlink.wrap<EsNodeWorkerApi & Pausable>(worker)
    const ids = this.ids()
    await api.start({
      nodeName: esNodeName(id),
      address: id,
      seedAddresses: ids,
      initialMasterNodes: ids.map(esNodeName),
      storageUrl: `idb://${esNodeDatabase(this.databasePrefix, id)}`,
      pathRepo: pathRepoOf(this.config()),
      nodeAttributes: nodeAttributesOf(this.config()),
      repositoryStorageUrl: `idb://${esRepositoriesDatabase(this.databasePrefix)}`,
      seed: this.seed + 1000 + id,
    })
    return { worker, api }
  }
}
