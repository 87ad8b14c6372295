/**
 * The ingest pipelines as the cluster state holds them (IngestMetadata): read from this node's applied
 * state, changed by tasks on the elected master, so every node runs the same pipelines.
 */
import type { PipelineConfiguration, PipelineStore } from '../ingest/pipeline-store.ts'
import type { ClusterService } from './cluster-service.ts'

export class ClusterPipelineStore implements PipelineStore {
  constructor(private readonly cluster: ClusterService) {}

  get(id: string): PipelineConfiguration | undefined {
    const source = this.cluster.state().metadata.pipelines[id]
    return source === undefined ? undefined : { id, source }
  }

  ids(): string[] {
    return Object.keys(this.cluster.state().metadata.pipelines)
  }

  async put(id: string, config: PipelineConfiguration, ifVersion: number | null): Promise<void> {
    await this.cluster.execute({ type: 'put_pipeline', id, source: config.source, ifVersion })
  }

  async delete(id: string): Promise<boolean> {
    if (this.get(id) === undefined) return false
    await this.cluster.execute({ type: 'delete_pipeline', id })
    return true
  }
}
