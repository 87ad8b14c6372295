/**
 * The playground's Elasticsearch node commands, every branch with its exact line, on a recording stand-in
 * for the hosts: a node is named by its number or its node.name, each command refuses a node in the wrong
 * state as the broker commands do, and `help` lists them within 110 columns.
 */
import { describe, expect, it } from 'vitest'
import { NODE_COMMANDS } from '../../../../workers/tools/shell/node-commands.ts'
import { nodeNamed, type NodeControl } from '../../../../workers/tools/shell/node-control.ts'
import { helpText } from '../../../../workers/tools/shell/help.ts'

/** Three nodes as processes: what each command did, in order. */
class FakeNodes implements NodeControl {
  readonly running = new Set([1, 2, 3])
  readonly paused = new Set<number>()
  readonly calls: string[] = []
  ids = (): number[] => [1, 2, 3]
  isRunning = (id: number): boolean => this.running.has(id)
  isPaused = (id: number): boolean => this.paused.has(id)
  private record(call: string, change: () => void): Promise<void> {
    this.calls.push(call)
    change()
    return Promise.resolve()
  }
  start = (id: number) => this.record(`start ${id}`, () => this.running.add(id))
  stop = (id: number) => this.record(`stop ${id}`, () => this.running.delete(id))
  kill = (id: number) =>
    this.record(`kill ${id}`, () => {
      this.running.delete(id)
      this.paused.delete(id)
    })
  pause = (id: number) => this.record(`pause ${id}`, () => this.paused.add(id))
  resume = (id: number) => this.record(`resume ${id}`, () => this.paused.delete(id))
  isolate = (ids: number[]): void => void this.calls.push(`isolate ${ids.join(',')}`)
  heal = (): void => void this.calls.push('heal')
}

const commands = new Map(NODE_COMMANDS)

/** Runs `line` and returns `exit code: stdout + stderr`. */
async function run(nodes: FakeNodes, line: string): Promise<string> {
  const [name = '', ...args] = line.split(' ')
  const command = commands.get(name)
  if (!command) throw new Error(`no command ${name}`)
  let text = ''
  const exitCode = await command(args, { stdout: (t) => (text += t), stderr: (t) => (text += t) }, nodes)
  return `${exitCode}: ${text}`
}

describe('node commands', () => {
  it('act on the node a number or a node.name names, each with one line', async () => {
    const nodes = new FakeNodes()
    const out: string[] = []
    for (const line of [
      'stop-node 2',
      'start-node es-node-2',
      'pause-node 3',
      'nodes',
      'resume-node es-node-3',
      'kill-node 1',
      'cut-node-network 2 es-node-3',
      'heal-node-network',
    ])
      out.push(await run(nodes, line))
    expect(out).toEqual([
      '0: Node es-node-2 stopped (graceful shutdown: it left the cluster).\n',
      '0: Node es-node-2 started.\n',
      '0: Node es-node-3 paused (its process is stopped, as by kill -STOP: it neither acts nor answers).\n',
      '0: Node es-node-1 (localhost:9200): running\n' +
        'Node es-node-2 (localhost:9201): running\n' +
        'Node es-node-3 (localhost:9202): paused\n',
      '0: Node es-node-3 resumed (kill -CONT: it goes on where it was).\n',
      '0: Node es-node-1 killed.\n',
      '0: Network cut between node(s) es-node-2, es-node-3 and the other nodes.\n',
      '0: Network healed: every node can reach every other.\n',
    ])
    expect(nodes.calls).toEqual(['stop 2', 'start 2', 'pause 3', 'resume 3', 'kill 1', 'isolate 2,3', 'heal'])
  })

  it('refuse a node in a state the command does not act on, and kill a paused node', async () => {
    const nodes = new FakeNodes()
    const out: string[] = []
    for (const line of [
      'resume-node 1',
      'start-node 1',
      'pause-node 1',
      'pause-node 1',
      'stop-node 1',
      'start-node 1',
      'kill-node 1',
      'kill-node 1',
      'stop-node 1',
      'pause-node 1',
      'resume-node 1',
    ])
      out.push(await run(nodes, line))
    expect(out).toEqual([
      '1: resume-node: node es-node-1 is not paused\n',
      '1: start-node: node es-node-1 is already running\n',
      '0: Node es-node-1 paused (its process is stopped, as by kill -STOP: it neither acts nor answers).\n',
      '1: pause-node: node es-node-1 is already paused\n',
      '1: stop-node: node es-node-1 is paused: resume-node 1 first (or kill-node 1)\n',
      '1: start-node: node es-node-1 is paused: resume-node 1 continues it\n',
      '0: Node es-node-1 killed.\n',
      '1: kill-node: node es-node-1 is not running\n',
      '1: stop-node: node es-node-1 is not running\n',
      '1: pause-node: node es-node-1 is not running\n',
      '1: resume-node: node es-node-1 is not running\n',
    ])
    expect(nodes.calls).toEqual(['pause 1', 'kill 1'])
  })

  it.each([
    'stop-node 4',
    'stop-node 0',
    'stop-node es-node-4',
    'stop-node node-2',
    'stop-node',
    'stop-node 1 2',
    'stop-node es-node-02',
  ])('%s names no node of the cluster', async (line) => {
    const nodes = new FakeNodes()
    expect(await run(nodes, line)).toBe(
      '1: stop-node: give one node, from 1 to 3 (or es-node-1 to es-node-3)\n',
    )
    expect(nodes.calls).toEqual([])
  })

  it.each(['cut-node-network', 'cut-node-network 4', 'cut-node-network 1 x'])(
    '%s names no nodes to cut off',
    async (line) => {
      const nodes = new FakeNodes()
      expect(await run(nodes, line)).toBe('1: cut-node-network: give the nodes to cut off, from 1, 2, 3\n')
      expect(nodes.calls).toEqual([])
    },
  )

  it.each<[string, number | null]>([
    ['2', 2],
    ['es-node-2', 2],
    ['es-node-9', 9],
    ['12', 12],
    ['02', null],
    ['es-node-', null],
    ['node-2', null],
    ['', null],
    ['2.0', null],
  ])('nodeNamed(%j) is %j', (word, id) => {
    expect(nodeNamed(word)).toBe(id)
  })
})

describe('help', () => {
  it('lists every node command within 110 columns', () => {
    const help = helpText()
    for (const [name] of NODE_COMMANDS) expect(help).toMatch(new RegExp(`^  ${name}\\b`, 'm'))
    expect(help).toContain('curl lines to localhost:9200 (es-node-1) ... localhost:9208 (es-node-9)')
    for (const line of help.split('\n')) expect(line.length).toBeLessThanOrEqual(110)
  })
})
