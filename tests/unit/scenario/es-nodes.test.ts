/**
 * The headless cluster's Elasticsearch nodes with the real EsNode: three nodes elect a master before the
 * first command, curl reaches the node at its port (9200 is es-node-1), Dev Tools the first running node,
 * and the node commands stop, start, pause, resume and kill the right node: a stopped node's port refuses
 * curl, a restarted node comes back over its own data path, a paused node's calls wait, and with every
 * node down Dev Tools shows Kibana's 502.
 */
import { describe, expect, it } from 'vitest'
import type { HeadlessCluster } from '../../../workers/tools/scenario/headless-cluster.ts'
import { runScenario } from '../../../workers/tools/scenario/scenario-runner.ts'
import { formatOutcome } from '../../../workers/tools/scenario/transcript.ts'
import { runCommand } from '../../../workers/tools/shell/shell.ts'
import { parseScript } from '../../../workers/tools/script/parse-script.ts'
import { headlessTestCluster } from './wasm.ts'

async function cluster(nodes: number): Promise<HeadlessCluster> {
  return headlessTestCluster(1, nodes, 11)
}

async function run(c: HeadlessCluster, script: string): Promise<string[]> {
  return (await runScenario(script, c)).map((step) => formatOutcome(step.outcome))
}

/** The `name` and `cluster_uuid` of a `GET /` answer. */
function root(body: string | undefined): { name: unknown; cluster_uuid: unknown } {
  const { name, cluster_uuid } = JSON.parse(body ?? '{}') as Record<string, unknown>
  return { name, cluster_uuid }
}

describe('the headless Elasticsearch nodes', () => {
  it('elect a master before the first command, and curl reaches the node at its port', async () => {
    const c = await cluster(3)
    const out = await run(
      c,
      'nodes\ncurl -s localhost:9200/\ncurl -s localhost:9201/\ncurl -s 127.0.0.1:9202/\ncurl -s localhost:9203/\n' +
        'GET _cat/nodes?h=name,master',
    )
    expect(out[0]).toBe(
      'Node es-node-1 (localhost:9200): running\n' +
        'Node es-node-2 (localhost:9201): running\n' +
        'Node es-node-3 (localhost:9202): running\n',
    )
    expect([1, 2, 3].map((i) => root(out[i]).name)).toEqual(['es-node-1', 'es-node-2', 'es-node-3'])
    const uuids = new Set([1, 2, 3].map((i) => root(out[i]).cluster_uuid))
    expect(uuids.size).toBe(1)
    expect(out[4]).toBe(
      "curl: (7) Failed to connect to localhost port 9203 after 0 ms: Couldn't connect to server\n",
    )
    const rows = out[5]!.trim().split('\n').slice(1)
    expect(rows.map((r) => r.split(/\s+/)[0]).sort()).toEqual(['es-node-1', 'es-node-2', 'es-node-3'])
    expect(rows.filter((r) => r.trim().endsWith('*'))).toHaveLength(1)
  })

  it('stop, start and kill the named node; Dev Tools goes to the first running one', async () => {
    const c = await cluster(3)
    const [before] = await run(c, 'curl -s localhost:9200/')
    const out = await run(
      c,
      'stop-node es-node-1\ncurl localhost:9200/\nGET /\nstart-node 1\ncurl -s localhost:9200/\n' +
        'kill-node 1\nkill-node 2\nkill-node 3\nGET /\nnodes',
    )
    expect(out[0]).toBe('Node es-node-1 stopped (graceful shutdown: it left the cluster).\n')
    expect(out[1]).toBe(
      "curl: (7) Failed to connect to localhost port 9200 after 0 ms: Couldn't connect to server\n",
    )
    expect(root(out[2]!.slice(out[2]!.indexOf('{'))).name).toBe('es-node-2')
    expect(out[3]).toBe('Node es-node-1 started.\n')
    // Back over its own data path: the same node of the same cluster.
    expect(root(out[4])).toEqual(root(before))
    expect(out.slice(5, 8)).toEqual([
      'Node es-node-1 killed.\n',
      'Node es-node-2 killed.\n',
      'Node es-node-3 killed.\n',
    ])
    expect(out[8]).toBe(
      '502 Bad Gateway\n{\n  "statusCode" : 502,\n  "error" : "Bad Gateway",\n  "message" : "connect ECONNREFUSED 127.0.0.1:9202"\n}\n',
    )
    expect(out[9]).toContain('Node es-node-3 (localhost:9202): stopped\n')
  })

  it('make curl to a paused node wait until it resumes', async () => {
    const c = await cluster(2)
    await run(c, 'pause-node 2')
    const [curl] = parseScript('curl -s localhost:9201/')
    const quiet = { stdout: () => undefined, stderr: () => undefined }
    let answered = false
    const call = runCommand(curl!, c.env, quiet, {
      interrupted: false,
      whenInterrupted: new Promise(() => undefined),
    }).then((outcome) => ((answered = true), outcome))
    await c.run(c.env.clock.sleep(20_000))
    expect(answered).toBe(false)
    expect(await run(c, 'resume-node es-node-2')).toEqual([
      'Node es-node-2 resumed (kill -CONT: it goes on where it was).\n',
    ])
    const outcome = await c.run(call)
    expect(outcome.kind === 'es' ? root(outcome.body).name : null).toBe('es-node-2')
  })
})
