/**
 * Runs the browser benchmark pages in the machine's Chromium: a Vite dev server serves the repository,
 * playwright-core opens each page and waits for its `window.benchResult`.
 */
import { createServer } from 'vite'
import { chromium } from 'playwright-core'
import { chromiumPath, CHROMIUM_ARGS } from '../chromium.ts'
import type { BenchResult } from './result.ts'
import type { KafkaThroughputResult } from './browser/kafka-throughput.ts'

/** Kafka's published figure for 3-way synchronous replication on three machines (records/s). */
const KAFKA_PUBLISHED = 421_823

export async function benchBrowser(opts: { smoke: boolean }): Promise<BenchResult[]> {
  const server = await createServer({
    configFile: false,
    root: process.cwd(),
    logLevel: 'silent',
    server: { port: 0 },
    worker: { format: 'es' },
  })
  await server.listen()
  const address = server.httpServer?.address()
  if (!address || typeof address === 'string') throw new Error('bench server has no port')
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: CHROMIUM_ARGS,
    headless: true,
  })
  try {
    const page = await browser.newPage()
    const pageErrors: string[] = []
    page.on('pageerror', (error) => pageErrors.push(String(error)))
    const records = opts.smoke ? 5_000 : 200_000
    await page.goto(
      `http://127.0.0.1:${address.port}/tests/bench/browser/kafka-throughput.html?records=${records}`,
    )
    await page
      .waitForFunction(() => window.benchResult !== undefined, undefined, {
        timeout: opts.smoke ? 120_000 : 600_000,
      })
      .catch((error: unknown) => {
        throw new Error(`kafka throughput page did not finish: ${pageErrors[0] ?? String(error)}`)
      })
    const result = (await page.evaluate(() => window.benchResult)) as
      KafkaThroughputResult | { error: string }
    if ('error' in result) throw new Error(`kafka throughput page failed: ${result.error}`)
    return [
      {
        name: 'kafka produce (3 brokers, RF 3, acks=all, 100 B, IndexedDB)',
        value: result.produceRecordsPerSecond,
        unit: 'records/s',
        peer: "Kafka's published 3-way sync replication",
        ratio: result.produceRecordsPerSecond / KAFKA_PUBLISHED,
      },
      {
        name: 'kafka produce → replicate → consume, end to end',
        value: result.endToEndRecordsPerSecond,
        unit: 'records/s',
        peer: "Kafka's published 3-way sync replication",
        ratio: result.endToEndRecordsPerSecond / KAFKA_PUBLISHED,
      },
    ]
  } finally {
    await browser.close()
    await server.close()
  }
}
