/**
 * The Elasticsearch part of the cluster view: one row per node, refreshed by one describeState call per
 * running node that is not paused (a paused JVM answers nothing; all calls go out together), the elected
 * master's health and indices (from its own answer), and the node count. The node buttons never reach into the workers: they run `stop-node 2` and the like through the
 * console, whose output shows what happened. Changing the count reformats the ES cluster (resizeEs).
 */
import type { EsClusterSummary, EsNodeState } from '../../workers/protocol/es.ts'
import { stateOf } from '../../workers/tools/shell/host-commands.ts'
import type { ClusterHandle } from '../cluster/cluster-host.ts'
import type { ConsoleState } from '../console/console-state.svelte.ts'
import { ClusterResize } from './cluster-resize.svelte.ts'
import { esNodeRows, type EsNodeRow } from './es-node-rows.ts'
import { esIndexRows } from './es-index-rows.ts'
import { settle } from './settle.ts'
import type { ProcessAction } from './process-actions.ts'

export class EsViewState {
  nodes = $state.raw<EsNodeRow[]>([])
  /** The elected master's health and routing table; null while no master answered. */
  cluster = $state.raw<EsClusterSummary | null>(null)
  readonly indices = $derived(esIndexRows(this.cluster))
  readonly resize: ClusterResize
  /** The elected master, as the master itself reports. */
  readonly master = $derived(this.nodes.find((n) => n.master) ?? null)

  constructor(
    private readonly consoleState: ConsoleState,
    private readonly host: ClusterHandle,
  ) {
    this.resize = new ClusterResize(
      consoleState,
      host.env,
      host.es.ids().length,
      (count) => host.resizeEs(count),
      () => {
        this.nodes = []
        this.cluster = null
      },
    )
  }

  async refresh(): Promise<void> {
    const es = this.host.es
    const ids = es.ids()
    // A paused JVM answers nothing: it is not asked.
    const states = await Promise.all(ids.map((id) => settle(es.isPaused(id) ? null : es.describeState(id))))
    if (es !== this.host.es) return
    const answered = states.filter((s): s is EsNodeState => s !== null)
    this.nodes = esNodeRows(ids, (id) => stateOf(es, id), answered)
    this.cluster = answered.find((s) => s.cluster !== null)?.cluster ?? null
  }

  /** Runs `stop-node 2` (or kill-, start-, pause-, resume-) in the console, as if typed there. */
  act(action: ProcessAction, id: number): Promise<void> {
    return this.consoleState.runSource(`${action}-node ${id}`)
  }
}
