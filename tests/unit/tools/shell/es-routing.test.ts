/**
 * Which Elasticsearch node a console request reaches, through the shell: Dev Tools goes to the first node
 * whose process runs and is not paused (Kibana's console proxy tries elasticsearch.hosts in order), waits on
 * a paused node when no other runs, and answers as Kibana's proxy does (502 Bad Gateway with the last host's
 * ECONNREFUSED) when none runs; curl goes to the node at its port and prints curl 7.88's exit-7 line when
 * that node's process is down.
 */
import { describe, expect, it } from 'vitest'
import type { EsDirectory, EsNodeApi, RestRequest } from '../../../../workers/protocol/es.ts'
import { devToolsNode, kibanaBadGateway, nodeAtPort } from '../../../../workers/tools/shell/es-routing.ts'
import { runCommand, type ShellEnvironment } from '../../../../workers/tools/shell/shell.ts'
import { ShellFiles } from '../../../../workers/tools/shell/shell-files.ts'
import { ShellVariables } from '../../../../workers/tools/shell/shell-variables.ts'
import { JobTable } from '../../../../workers/tools/shell/jobs.ts'
import { Random } from '../../../../workers/net/random.ts'
import { parseScript } from '../../../../workers/tools/script/parse-script.ts'
import type { KafkaClients } from '../../../../workers/clients/kafka/api.ts'
import type { PlaygroundControl } from '../../../../workers/tools/shell/playground-commands.ts'

/** Nodes 1..n that answer every request with their own name; `gate` holds a paused node's answers. */
class FakeDirectory implements EsDirectory {
  readonly running: Set<number>
  readonly paused = new Set<number>()
  readonly received: Array<[number, RestRequest]> = []
  private release: Array<() => void> = []

  constructor(private readonly size: number) {
    this.running = new Set(this.ids())
  }

  ids(): number[] {
    return Array.from({ length: this.size }, (_, i) => i + 1)
  }
  isRunning = (id: number): boolean => this.running.has(id)
  isPaused = (id: number): boolean => this.paused.has(id)

  node(id: number): EsNodeApi | null {
    if (!this.running.has(id)) return null
    return {
      handleRequest: async (request) => {
        if (this.paused.has(id)) await new Promise<void>((resolve) => this.release.push(resolve))
        this.received.push([id, request])
        return { status: 200, contentType: 'application/json', body: `{"name":"es-node-${id}"}` }
      },
    }
  }

  resumeAll(): void {
    this.paused.clear()
    for (const release of this.release.splice(0)) release()
  }
}

function env(es: EsDirectory): ShellEnvironment {
  return {
    kafka: {} as KafkaClients,
    es,
    clock: { now: () => 0, sleep: () => Promise.resolve() },
    playground: {} as PlaygroundControl,
    files: new ShellFiles(),
    variables: new ShellVariables(),
    jobs: new JobTable(),
    random: new Random(1),
  }
}

/** Runs one console line and returns its outcome. */
async function run(es: EsDirectory, line: string) {
  const [command] = parseScript(line)
  if (!command) throw new Error('no command')
  const quiet = { stdout: () => undefined, stderr: () => undefined }
  return runCommand(command, env(es), quiet, {
    interrupted: false,
    whenInterrupted: new Promise(() => undefined),
  })
}

describe('Dev Tools routing', () => {
  it('goes to the first running node that is not paused', async () => {
    const es = new FakeDirectory(3)
    expect(await run(es, 'GET /')).toMatchObject({
      kind: 'es',
      via: 'devtools',
      body: '{"name":"es-node-1"}',
    })
    es.running.delete(1)
    es.paused.add(2)
    expect(await run(es, 'GET _cat/nodes')).toMatchObject({ body: '{"name":"es-node-3"}' })
    expect(es.received.map(([id, request]) => `${id} ${request.path}`)).toEqual(['1 /', '3 /_cat/nodes'])
  })

  it('waits on the first paused node when no other runs', async () => {
    const es = new FakeDirectory(3)
    es.running.delete(1)
    es.paused.add(2).add(3)
    let done = false
    const outcome = run(es, 'GET /').then((o) => ((done = true), o))
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(done).toBe(false)
    es.resumeAll()
    expect(await outcome).toMatchObject({ body: '{"name":"es-node-2"}' })
  })

  it("answers as Kibana's console proxy does when no node runs", async () => {
    const es = new FakeDirectory(3)
    es.running.clear()
    expect(await run(es, 'GET /')).toEqual({
      kind: 'es',
      via: 'devtools',
      status: 502,
      contentType: 'application/json',
      body: '{"statusCode":502,"error":"Bad Gateway","message":"connect ECONNREFUSED 127.0.0.1:9202"}',
    })
    expect(devToolsNode(es)).toBeNull()
    expect(kibanaBadGateway(new FakeDirectory(1)).body).toContain('127.0.0.1:9200"')
  })
})

describe('curl routing', () => {
  it('goes to the node at the port: 9200 is es-node-1, 9202 es-node-3', async () => {
    const es = new FakeDirectory(3)
    expect(await run(es, 'curl -s localhost:9202/')).toMatchObject({
      kind: 'es',
      via: 'curl',
      body: '{"name":"es-node-3"}',
    })
    expect(await run(es, 'curl -XGET "http://127.0.0.1:9200/_cat/health?v"')).toMatchObject({
      body: '{"name":"es-node-1"}',
    })
    expect(es.received.map(([id, r]) => [id, r.method, r.path, r.params])).toEqual([
      [3, 'GET', '/', []],
      [1, 'GET', '/_cat/health', [['v', '']]],
    ])
  })

  it('is refused at the port of a stopped node, and of a node the cluster does not have', async () => {
    const es = new FakeDirectory(3)
    es.running.delete(2)
    expect(await run(es, 'curl -s 127.0.0.1:9201/')).toEqual({
      kind: 'playground',
      exitCode: 7,
      stdout: '',
      stderr: "curl: (7) Failed to connect to 127.0.0.1 port 9201 after 0 ms: Couldn't connect to server\n",
      terminal: "curl: (7) Failed to connect to 127.0.0.1 port 9201 after 0 ms: Couldn't connect to server\n",
    })
    expect(await run(es, 'curl localhost:9205/_cat/nodes')).toMatchObject({
      exitCode: 7,
      stderr: "curl: (7) Failed to connect to localhost port 9205 after 0 ms: Couldn't connect to server\n",
    })
    expect(nodeAtPort(es, 9200)).not.toBeNull()
    expect(nodeAtPort(es, 9201)).toBeNull()
    expect(nodeAtPort(es, 9199)).toBeNull()
    expect(es.received).toEqual([])
  })
})
