/**
 * End to end: the built site in real Chromium. Types the walking-skeleton commands into the console,
 * runs them, checks the output, reloads, and checks that the console text and the data survived; runs a
 * background consumer beside a producer and stops it with its entry's Stop button.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import { launchBrowser, serveSite } from './site-server.ts'

const SCRIPT = [
  '# skeleton tour',
  'kafka-topics.sh --bootstrap-server localhost:9092 --create --topic demo --partitions 2 --replication-factor 1',
  'bin/kafka-topics.sh --bootstrap-server localhost:9092 --list',
  './bin/kafka-console-producer.sh --bootstrap-server localhost:9092 --topic demo',
  '> one',
  '> two',
  '> three',
  'kafka-console-consumer --bootstrap-server localhost:9092 --topic demo --from-beginning --max-messages 3',
  'PUT demo/_doc/1?refresh=true',
  '{ "message": "The quick brown fox" }',
  'GET demo/_doc/1',
  'GET demo/_search',
  '{ "query": { "match": { "message": "fox" } } }',
  'PUT demo/_doc/2',
  '{ "message": ',
  '',
].join('\n')

let site: { url: string; close: () => Promise<void> }
let browser: BrowserContext
let page: Page

async function waitForIdle(p: Page): Promise<void> {
  await p.waitForFunction(() => document.querySelectorAll('[data-state="running"]').length === 0)
  await p.waitForSelector('[data-testid="run-all"]:not([disabled])')
}

async function outputs(p: Page): Promise<Array<{ state: string; text: string }>> {
  return p.$$eval('[data-testid="output-entry"]', (nodes) =>
    nodes.map((n) => ({
      state: n.getAttribute('data-state') ?? '',
      text: n.querySelector('.text')?.textContent ?? '',
    })),
  )
}

/** Replaces the console's text with these lines, typed. */
async function typeBuffer(p: Page, lines: string[]): Promise<void> {
  await p.click('[data-testid="console-editor"] .monaco-editor')
  await p.keyboard.press('Control+A')
  await p.keyboard.press('Delete')
  await p.keyboard.type(lines.join('\n'))
}

async function openReady(p: Page, url: string): Promise<number> {
  const started = Date.now()
  await p.goto(url)
  await p.waitForSelector('[data-testid="console-editor"][data-loaded="true"]')
  await p.waitForSelector('[data-testid="run-all"]:not([disabled])')
  return Date.now() - started
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

describe('the console, end to end', () => {
  it('runs Kafka and Elasticsearch commands typed into the console', async () => {
    const readyMs = await openReady(page, site.url)
    console.log(`navigation to a ready console: ${readyMs} ms`)
    await page.click('[data-testid="console-editor"] .monaco-editor')
    await page.keyboard.press('Control+A')
    await page.keyboard.press('Delete')
    await page.keyboard.type(SCRIPT)
    await page.click('[data-testid="run-all"]')
    await waitForIdle(page)
    const out = await outputs(page)
    expect(out.map((o) => o.state)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'error'])
    expect(out[0]!.text).toBe('Created topic demo.\n')
    expect(out[1]!.text).toBe('demo\n')
    expect(out[2]!.text).toBe('')
    expect(out[3]!.text.split('\n').filter(Boolean).sort()).toEqual([
      'Processed a total of 3 messages',
      'one',
      'three',
      'two',
    ])
    expect(out[4]!.text).toContain('201 Created')
    expect(out[4]!.text).toContain('"result" : "created"')
    expect(out[5]!.text).toContain('"found" : true')
    expect(out[6]!.text).toContain('"_id" : "1"')
    expect(out[6]!.text).toContain('"value" : 1')
    expect(out[7]!.text).toContain('400 Bad Request')
  })

  it('keeps the console text, the topic, its messages and the documents after a reload', async () => {
    await openReady(page, site.url)
    const text = await page.evaluate(() =>
      (document.querySelector('[data-testid="console-editor"] .view-lines')?.textContent ?? '').replace(
        /\u00a0/g,
        ' ',
      ),
    )
    expect(text).toContain('kafka-topics.sh --bootstrap-server localhost:9092 --create --topic demo')
    await page.click('[data-testid="clear"]')
    await page.click('[data-testid="console-editor"] .monaco-editor')
    await page.keyboard.press('Control+A')
    await page.keyboard.press('Delete')
    await page.keyboard.type(
      [
        'kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic demo --from-beginning --max-messages 3',
        'GET demo/_doc/1',
        '',
      ].join('\n'),
    )
    await page.click('[data-testid="run-all"]')
    await waitForIdle(page)
    const out = await outputs(page)
    expect(out.map((o) => o.state)).toEqual(['ok', 'ok'])
    expect(out[0]!.text.split('\n').filter(Boolean).sort()).toEqual([
      'Processed a total of 3 messages',
      'one',
      'three',
      'two',
    ])
    expect(out[1]!.text).toContain('"message" : "The quick brown fox"')
  })

  it('opens and runs offline after the first visit', async () => {
    await openReady(page, site.url)
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready
    })
    await browser.setOffline(true)
    try {
      await openReady(page, site.url)
      await page.click('[data-testid="clear"]')
      await page.click('[data-testid="console-editor"] .monaco-editor')
      await page.keyboard.press('Control+A')
      await page.keyboard.press('Delete')
      await page.keyboard.type('GET demo/_doc/1\n')
      await page.click('[data-testid="run-all"]')
      await waitForIdle(page)
      const out = await outputs(page)
      expect(
        out.map((o) => o.state),
        out[0]?.text,
      ).toEqual(['ok'])
      expect(out[0]!.text).toContain('"found" : true')
    } finally {
      await browser.setOffline(false)
    }
  })

  it('runs only the command under the cursor on Ctrl+Enter', async () => {
    await page.click('[data-testid="clear"]')
    await typeBuffer(page, ['GET /', '', 'kafka-topics.sh --bootstrap-server localhost:9092 --list', ''])
    await page.keyboard.press('Control+Home')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Control+Enter')
    await page.waitForSelector('[data-testid="output-entry"]')
    await waitForIdle(page)
    const out = await outputs(page)
    // The console consumers earlier ran in generated groups, so the offsets topic exists, as in Kafka.
    expect(out).toEqual([{ state: 'ok', text: '__consumer_offsets\ndemo\n' }])
  })

  it('runs a command while a background job runs, each in its own entry with its own Stop', async () => {
    const consumer =
      'kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic side-by-side --from-beginning'
    await page.click('[data-testid="clear"]')
    await typeBuffer(page, [
      'kafka-topics.sh --bootstrap-server localhost:9092 --create --topic side-by-side --partitions 1 --replication-factor 1',
      `${consumer} &`,
      'jobs',
      '',
    ])
    await page.click('[data-testid="run-all"]')
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="output-entry"][data-state="ok"]').length === 2,
    )
    // The job still runs: its entry has a Stop button while the next command has run and ended.
    expect((await outputs(page)).map((entry) => entry.state)).toEqual(['ok', 'running', 'ok'])
    const jobs = (await outputs(page))[2]!.text
    expect(jobs).toBe(`[1]+  Running                 ${consumer} &\n`)
    await typeBuffer(page, [
      'kafka-console-producer.sh --bootstrap-server localhost:9092 --topic side-by-side',
      '> beside the consumer',
      '',
    ])
    await page.keyboard.press('Control+Home')
    await page.keyboard.press('Control+Enter')
    await page.waitForFunction(() =>
      document
        .querySelectorAll('[data-testid="output-entry"] .text')[1]
        ?.textContent?.includes('beside the consumer'),
    )
    await page.click('[data-testid="output-entry"]:nth-child(2) [data-testid="entry-stop"]')
    await waitForIdle(page)
    const out = await outputs(page)
    expect(out[1]!.text).toMatch(
      new RegExp(
        `^\\[1\\] \\d+\\nbeside the consumer\\nProcessed a total of 1 messages\\n\\[1\\]\\+  Exit 130 {16}${consumer.replace(/[.]/g, '\\.')}\\n$`,
      ),
    )
    expect(out.map((entry) => entry.state)).toEqual(['ok', 'error', 'ok', 'ok'])
  })
})
