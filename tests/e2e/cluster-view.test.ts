/**
 * End to end: the cluster view of the built site in real Chromium. It shows the three brokers and
 * the active controller, a topic created in the console with its ISR, a broker stopped from the view (the
 * command appears in the console output) and the ISR shrinking; then the cluster is switched to one
 * broker, survives a reload at that size, and is switched back to three. The Elasticsearch section shows
 * three nodes with one elected master, the cluster health and an index's shard copies; stopping the node
 * that holds the replica from the view leaves the replica unassigned and the index yellow, the stopped node
 * refuses curl, and started again the index is green; the elected master stopped, the two others elect one
 * of them; the node count is switched to one and back to three.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import { launchBrowser, serveSite } from './site-server.ts'

const WAIT = { timeout: 60_000 }

let site: { url: string; close: () => Promise<void> }
let browser: BrowserContext
let page: Page

async function openReady(p: Page): Promise<void> {
  await p.goto(site.url)
  await p.waitForSelector('[data-testid="console-editor"][data-loaded="true"]')
  await p.waitForSelector('[data-testid="run-all"]:not([disabled])')
  await p.waitForSelector('[data-testid="cluster-view"][data-loaded="true"]', WAIT)
}

/** Replaces the console text with these lines, runs them all and returns each command's output text. */
async function runAll(p: Page, lines: string[]): Promise<Array<{ state: string; text: string }>> {
  await p.click('[data-testid="clear"]')
  await p.click('[data-testid="console-editor"] .monaco-editor')
  await p.keyboard.press('Control+A')
  await p.keyboard.press('Delete')
  await p.keyboard.type([...lines, ''].join('\n'))
  await p.click('[data-testid="run-all"]')
  await p.waitForFunction(() => document.querySelectorAll('[data-state="running"]').length === 0)
  await p.waitForSelector('[data-testid="run-all"]:not([disabled])')
  return outputs(p)
}

function outputs(p: Page): Promise<Array<{ state: string; command: string; text: string }>> {
  return p.$$eval('[data-testid="output-entry"]', (nodes) =>
    nodes.map((n) => ({
      state: n.getAttribute('data-state') ?? '',
      command: n.querySelector('.command')?.textContent ?? '',
      text: n.querySelector('.text')?.textContent ?? '',
    })),
  )
}

function brokers(
  p: Page,
): Promise<Array<{ id: string; process: string; controller: string; fenced: string }>> {
  return p.$$eval('[data-testid="broker-row"]', (rows) =>
    rows.map((r) => ({
      id: r.getAttribute('data-broker-id') ?? '',
      process: r.getAttribute('data-process') ?? '',
      controller: r.getAttribute('data-controller') ?? '',
      fenced: r.getAttribute('data-fenced') ?? '',
    })),
  )
}

/** Waits until the view shows `count` running, unfenced brokers and one active controller. */
async function untilHealthy(p: Page, count: number): Promise<void> {
  await p.waitForFunction(
    (n) => {
      const rows = [...document.querySelectorAll('[data-testid="broker-row"]')]
      return (
        rows.length === n &&
        rows.every(
          (r) => r.getAttribute('data-process') === 'running' && r.getAttribute('data-fenced') === 'false',
        ) &&
        rows.filter((r) => r.getAttribute('data-controller') === 'true').length === 1
      )
    },
    count,
    WAIT,
  )
}

/** Chooses another broker count in the view, confirms, and waits for the fresh cluster. */
async function resize(p: Page, count: number): Promise<void> {
  await p.selectOption('[data-testid="broker-count"]', String(count))
  await p.waitForSelector('[data-testid="resize-confirmation"]')
  await p.click('[data-testid="confirm-resize"]')
  await p.waitForSelector('[data-testid="resizing"]', { state: 'detached', ...WAIT })
  await untilHealthy(p, count)
}

beforeAll(async () => {
  site = await serveSite()
  browser = await launchBrowser()
  page = await browser.newPage()
})

afterAll(async () => {
  await browser?.close()
  await site?.close()
})

describe('the Kafka cluster view', () => {
  it('shows brokers, the controller, a new topic with its ISR, and the ISR shrinking when a broker stops', async () => {
    await openReady(page)
    await untilHealthy(page, 3)
    expect((await brokers(page)).map((b) => b.id)).toEqual(['1', '2', '3'])
    const summary = await page.textContent('[data-testid="controller-summary"]')
    expect(summary).toMatch(/Active controller: broker [123], quorum leader epoch \d+/)

    const created = await runAll(page, [
      'kafka-topics.sh --bootstrap-server localhost:9092 --create --topic views --partitions 2 --replication-factor 3',
    ])
    expect(created.map((o) => o.text)).toEqual(['Created topic views.\n'])
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('[data-topic="views"] [data-testid="partition-row"]')]
      return rows.length === 2 && rows.every((r) => r.getAttribute('data-isr')?.split(',').length === 3)
    }, WAIT)
    const topicHeading = await page.textContent('[data-topic="views"] h3')
    expect(topicHeading).toBe('views')

    await page.click('[data-testid="clear"]')
    await page.click('[data-testid="broker-row"][data-broker-id="3"] [data-testid="stop-broker"]')
    await page.waitForSelector('[data-testid="broker-row"][data-broker-id="3"][data-process="stopped"]', WAIT)
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('[data-topic="views"] [data-testid="partition-row"]')]
      return (
        rows.length === 2 &&
        rows.every(
          (r) =>
            r.getAttribute('data-isr')?.split(',').sort().join(',') === '1,2' &&
            r.getAttribute('data-under-replicated') === 'true' &&
            r.getAttribute('data-offline') === 'false',
        )
      )
    }, WAIT)
    await page.waitForSelector('[data-testid="broker-row"][data-broker-id="3"][data-fenced="true"]', WAIT)
    await page.waitForFunction(() => document.querySelectorAll('[data-state="running"]').length === 0)
    expect(await outputs(page)).toEqual([
      { state: 'ok', command: 'stop-broker 3', text: 'Broker 3 stopped (controlled shutdown).\n' },
    ])
  })

  it('switches to one broker, keeps that choice across a reload, and switches back to three', async () => {
    await resize(page, 1)
    const listed = await runAll(page, ['kafka-topics.sh --bootstrap-server localhost:9092 --list', 'brokers'])
    expect(listed).toEqual([
      // The fresh cluster has no topics: TopicCommand prints the empty joined list with println.
      { state: 'ok', command: 'kafka-topics.sh --bootstrap-server localhost:9092 --list', text: '\n' },
      { state: 'ok', command: 'brokers', text: 'Broker 1 (localhost:9092, broker, controller): running\n' },
    ])

    await openReady(page)
    await untilHealthy(page, 1)
    expect(await page.inputValue('[data-testid="broker-count"]')).toBe('1')

    await resize(page, 3)
    const after = await runAll(page, ['brokers'])
    expect(after.map((o) => o.text)).toEqual([
      [
        'Broker 1 (localhost:9092, broker, controller): running',
        'Broker 2 (localhost:9093, broker, controller): running',
        'Broker 3 (localhost:9094, broker, controller): running',
        '',
      ].join('\n'),
    ])
  })
})

/** Each Elasticsearch row's node name, process state, master flag and shard copies. */
function esNodes(p: Page): Promise<Array<{ node: string; process: string; master: string; shards: string }>> {
  return p.$$eval('[data-testid="es-node-row"]', (rows) =>
    rows.map((r) => ({
      node: r.getAttribute('data-node') ?? '',
      process: r.getAttribute('data-process') ?? '',
      master: r.getAttribute('data-master') ?? '',
      shards: r.querySelector('.shards')?.textContent ?? '',
    })),
  )
}

/** Waits until the view shows `count` running nodes, exactly one of them the elected master. */
async function untilNodesHealthy(p: Page, count: number): Promise<void> {
  await p.waitForFunction(
    (n) => {
      const rows = [...document.querySelectorAll('[data-testid="es-node-row"]')]
      return (
        rows.length === n &&
        rows.every((r) => r.getAttribute('data-process') === 'running') &&
        rows.filter((r) => r.getAttribute('data-master') === 'true').length === 1
      )
    },
    count,
    WAIT,
  )
}

describe('the Elasticsearch cluster view', () => {
  it('shows the nodes, the master, health and shard copies; a stopped node turns the index yellow; a stopped master is replaced', async () => {
    await openReady(page)
    await untilNodesHealthy(page, 3)
    expect((await esNodes(page)).map((n) => n.node)).toEqual(['es-node-1', 'es-node-2', 'es-node-3'])
    expect(await page.textContent('[data-testid="master-summary"]')).toMatch(/Elected master: es-node-[123]/)

    await runAll(page, ['PUT views', '{ "settings": { "number_of_shards": 1, "number_of_replicas": 1 } }'])
    await page.waitForFunction(() => {
      const shards = [...document.querySelectorAll('[data-testid="es-node-row"] .shards')].map(
        (s) => s.textContent,
      )
      return (
        shards.join(' ').includes('views[0] P STARTED') && shards.join(' ').includes('views[0] R STARTED')
      )
    }, WAIT)
    await page.waitForSelector('[data-testid="es-index"][data-index="views"][data-health="green"]', WAIT)
    expect(await page.textContent('[data-testid="es-health"]')).toBe(
      'green: 2 active shard copies, 0 unassigned',
    )
    const replicaHolder = (await esNodes(page)).find((n) => n.shards.includes('views[0] R STARTED'))!.node
    const copies = await page.textContent('[data-index="views"] [data-testid="es-shard-row"]')
    expect(copies).toContain(`R ${replicaHolder} STARTED`)

    // The node holding the replica stops: the copy is unassigned (delayed, as a node that left may come
    // back), so the index and the cluster turn yellow.
    const id = replicaHolder.replace('es-node-', '')
    await page.click('[data-testid="clear"]')
    await page.click(`[data-testid="es-node-row"][data-node="${replicaHolder}"] [data-testid="stop-node"]`)
    await page.waitForSelector(
      `[data-testid="es-node-row"][data-node="${replicaHolder}"][data-process="stopped"]`,
      WAIT,
    )
    await page.waitForFunction(() => document.querySelectorAll('[data-state="running"]').length === 0)
    expect(await outputs(page)).toEqual([
      {
        state: 'ok',
        command: `stop-node ${id}`,
        text: `Node ${replicaHolder} stopped (graceful shutdown: it left the cluster).\n`,
      },
    ])
    await page.waitForSelector('[data-testid="es-index"][data-index="views"][data-health="yellow"]', WAIT)
    expect(await page.textContent('[data-index="views"] [data-testid="es-shard-row"]')).toContain(
      'R UNASSIGNED',
    )
    expect(await page.textContent('[data-testid="es-health"]')).toBe(
      'yellow: 1 active shard copy, 1 unassigned',
    )
    const port = 9199 + Number(id)
    const refused = await runAll(page, [`curl -s localhost:${port}/`])
    expect(refused.map((o) => o.text)).toEqual([
      `curl: (7) Failed to connect to localhost port ${port} after 0 ms: Couldn't connect to server\n`,
    ])

    await page.click(`[data-testid="es-node-row"][data-node="${replicaHolder}"] [data-testid="start-node"]`)
    await untilNodesHealthy(page, 3)
    await page.waitForSelector('[data-testid="es-index"][data-index="views"][data-health="green"]', WAIT)

    // The elected master stops: the two others, a majority of the voting configuration, elect one of them.
    const master = (await esNodes(page)).find((n) => n.master === 'true')!.node
    await page.click(`[data-testid="es-node-row"][data-node="${master}"] [data-testid="stop-node"]`)
    await page.waitForFunction(
      (stopped) =>
        [...document.querySelectorAll('[data-testid="es-node-row"]')].some(
          (r) =>
            r.getAttribute('data-master') === 'true' &&
            r.getAttribute('data-process') === 'running' &&
            r.getAttribute('data-node') !== stopped,
        ),
      master,
      WAIT,
    )
    await page.click(`[data-testid="es-node-row"][data-node="${master}"] [data-testid="start-node"]`)
    await untilNodesHealthy(page, 3)
  })

  it('switches to one node and back to three', async () => {
    for (const count of [1, 3]) {
      await page.selectOption('[data-testid="es-node-count"]', String(count))
      await page.waitForSelector('[data-testid="es-resize-confirmation"]')
      await page.click('[data-testid="es-confirm-resize"]')
      await page.waitForSelector('[data-testid="es-resizing"]', { state: 'detached', ...WAIT })
      await untilNodesHealthy(page, count)
    }
    const listed = await runAll(page, ['nodes'])
    expect(listed.map((o) => o.text)).toEqual([
      [
        'Node es-node-1 (localhost:9200): running',
        'Node es-node-2 (localhost:9201): running',
        'Node es-node-3 (localhost:9202): running',
        '',
      ].join('\n'),
    ])
  })
})
