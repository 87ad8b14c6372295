/**
 * The cluster view's state. While watched it refreshes every REFRESH_MS: for Kafka one Metadata request to
 * any running broker (through a ClusterConnection, as a client reaches the cluster) and one describeState
 * call per running broker that is not paused, never one call per partition; for Elasticsearch its EsViewState, at the same
 * time. A call that fails, or that a killed worker never answers in time (settle.ts), counts as no answer.
 * The broker buttons never reach into the workers: they run `stop-broker 2` and the like through the
 * console, whose output shows what happened. Changing the broker count (ClusterResize, after confirmation)
 * replaces the cluster by a fresh one (ClusterHandle.resizeKafka) and keeps the choice for the next visit.
 */
import type { MetadataResponse } from '../../workers/protocol/kafka.ts'
import type { NodeState } from '../../workers/protocol/workers.ts'
import { ClusterConnection } from '../../workers/clients/kafka/cluster-connection.ts'
import { hostScheduler } from '../../workers/worker-host.ts'
import type { ClusterHandle } from '../cluster/cluster-host.ts'
import { saveBrokerCount } from '../cluster/broker-count-store.ts'
import type { ConsoleState } from '../console/console-state.svelte.ts'
import { brokerAddress, brokerRows, topicRows, type BrokerRow } from './cluster-rows.ts'
import { ClusterResize } from './cluster-resize.svelte.ts'
import { EsViewState } from './es-view-state.svelte.ts'
import { settle } from './settle.ts'
import type { ProcessAction } from './process-actions.ts'
import { stateOf } from '../../workers/tools/shell/host-commands.ts'

const REFRESH_MS = 500

export class ClusterViewState {
  brokers = $state.raw<BrokerRow[]>([])
  showInternal = $state(false)
  /** True once the first refresh answered. */
  loaded = $state(false)
  readonly resize: ClusterResize
  readonly es: EsViewState
  private metadata = $state.raw<MetadataResponse | null>(null)
  private states = $state.raw<NodeState[]>([])

  readonly topics = $derived(this.metadata ? topicRows(this.metadata, this.states, this.showInternal) : [])
  /** No running broker answered the Metadata request. */
  readonly metadataUnavailable = $derived(this.loaded && this.metadata === null)
  /** The active controller and its quorum epoch, as the controller itself reports them. */
  readonly controller = $derived(this.brokers.find((b) => b.activeController) ?? null)

  constructor(
    private readonly consoleState: ConsoleState,
    private readonly host: ClusterHandle,
  ) {
    this.resize = new ClusterResize(
      consoleState,
      host.env,
      host.kafka.ids().length,
      async (count) => {
        await host.resizeKafka(count)
        await saveBrokerCount(count)
      },
      () => {
        this.loaded = false
        this.metadata = null
      },
    )
    this.es = new EsViewState(consoleState, host)
  }

  /**
   * The view's buttons run their commands beside the console's running ones (stop a broker while a consumer
   * runs), but not while a cluster is starting or being replaced.
   */
  get busy(): boolean {
    return this.resize.resizing || !this.consoleState.ready
  }

  /** Refreshes until the returned function is called; skips refreshes while the page is hidden. */
  watch(): () => void {
    let watching = true
    const loop = async (): Promise<void> => {
      while (watching) {
        if (!document.hidden) await this.refresh()
        await hostScheduler.sleep(REFRESH_MS)
      }
    }
    void loop()
    return () => (watching = false)
  }

  async refresh(): Promise<void> {
    await Promise.all([this.refreshKafka(), this.es.refresh()])
  }

  private async refreshKafka(): Promise<void> {
    const kafka = this.host.kafka
    const ids = kafka.ids()
    const connection = new ClusterConnection(kafka, ids.map(brokerAddress).join(','))
    const [metadata, states] = await Promise.all([
      settle(connection.refreshMetadata(null)),
      // A paused JVM answers nothing: it is not asked.
      Promise.all(ids.map((id) => settle(kafka.isPaused(id) ? null : kafka.describeState(id)))),
    ])
    if (kafka !== this.host.kafka) return
    this.metadata = metadata
    this.states = states.filter((s): s is NodeState => s !== null)
    this.brokers = brokerRows(ids, (id) => stateOf(kafka, id), this.states, metadata)
    this.loaded = true
  }

  /** Runs `stop-broker <id>` (or kill-, start-, pause-, resume-) in the console, as if typed there. */
  act(action: ProcessAction, id: number): Promise<void> {
    return this.consoleState.runSource(`${action}-broker ${id}`)
  }
}
