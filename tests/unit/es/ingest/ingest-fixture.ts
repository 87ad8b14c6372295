// Test fixtures for the ingest node: an in-memory PipelineStore (the lead's implementation lives over the
// cluster state) and a RestController with only the ingest actions, on a virtual clock at 2026-01-01.
import { RestController } from '../../../../workers/es/rest/rest-controller.ts'
import type { RestContext } from '../../../../workers/es/rest/rest-context.ts'
import { registerIngestActions } from '../../../../workers/es/rest/actions/ingest-actions.ts'
import type { PipelineConfiguration, PipelineStore } from '../../../../workers/es/ingest/pipeline-store.ts'
import { pipelineSourceToStore } from '../../../../workers/es/cluster/metadata/ingest-metadata.ts'
import { IngestService } from '../../../../workers/es/ingest/ingest-service.ts'
import { VirtualClock } from '../../../../workers/net/clock.ts'
import type { HttpMethod } from '../../../../workers/protocol/es.ts'
import { emptyClusterState } from '../../../../workers/es/cluster/state/cluster-state.ts'
import { NO_PIPELINES_DEFINED, type Pipelines } from '../../../../workers/es/ingest/resolve-pipelines.ts'

/** The pipelines of a write: `[default]` or `[default, final]`. */
export function pipelinesOf(ids: readonly string[]): Pipelines {
  return { defaultPipeline: ids[0] ?? '_none', finalPipeline: ids[1] ?? '_none' }
}

/** An index change's pipelines when no index has any. */
export const NO_INDEX_PIPELINES = (): Pipelines => NO_PIPELINES_DEFINED

export class MemoryPipelineStore implements PipelineStore {
  readonly pipelines = new Map<string, PipelineConfiguration>()

  get(id: string): PipelineConfiguration | undefined {
    return this.pipelines.get(id)
  }

  ids(): string[] {
    return [...this.pipelines.keys()]
  }

  put(id: string, config: PipelineConfiguration, ifVersion: number | null): Promise<void> {
    return Promise.resolve().then(() => {
      const source = pipelineSourceToStore(this.pipelines.get(id)?.source, id, config.source, ifVersion)
      this.pipelines.set(id, { id, source })
    })
  }

  delete(id: string): Promise<boolean> {
    return Promise.resolve(this.pipelines.delete(id))
  }
}

export const NOW = Date.UTC(2026, 0, 1, 10, 30, 15, 250)
export const TIMESTAMP = '2026-01-01T10:30:15.250Z'

export function startIngest() {
  const store = new MemoryPipelineStore()
  const controller = new RestController()
  const context = {
    clock: new VirtualClock(NOW),
    indices: { all: () => [] },
    // No enrich policies: the enrich processor's lookups find no enrich index.
    client: { cluster: { state: () => emptyClusterState('test') } },
  } as unknown as RestContext
  const service = new IngestService(store)
  registerIngestActions(controller, context, service, store)
  const send = async (method: HttpMethod, pathAndQuery: string, body?: unknown) => {
    const [path = '', query = ''] = pathAndQuery.split('?')
    const params =
      query === ''
        ? []
        : query.split('&').map((kv) => {
            const [k = '', v = ''] = kv.split('=')
            return [k, v] as [string, string]
          })
    const text = body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body)
    const response = await controller.dispatch({ method, path, params, body: text })
    return { status: response.status, body: response.body }
  }
  return { store, send, service }
}
