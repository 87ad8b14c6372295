/**
 * Runs the Kafka and Elasticsearch benchmark pages in the machine's Chromium: the pages are built for
 * production into a temporary directory (bench-site.ts) and served by Vite's preview server;
 * playwright-core opens each page and waits for its `window.benchResult`. Throughput (browser/
 * kafka-throughput.html) and produce latency at a held rate (browser/kafka-latency.html), alternating for
 * `runs` runs of each and reported as medians (repeat.ts); then the Elasticsearch node worker's search and
 * reload pages (es-browser.bench.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { chromiumPath, CHROMIUM_ARGS } from '../chromium.ts'
import { runBenchPage } from './bench-page.ts'
import { buildPages, serveSite } from './bench-site.ts'
import { benchEsBrowser } from './es-browser.bench.ts'
import { medianOf } from './repeat.ts'
import type { BenchResult } from './result.ts'
import type { KafkaThroughputResult } from './browser/kafka-throughput.ts'
import type { KafkaLatencyResult } from './browser/kafka-latency.ts'

/** Kafka's published figure for 3-way synchronous replication on three machines (records/s). */
const KAFKA_PUBLISHED = 421_823

/**
 * Kafka's published p99 latency for this setup: 5 ms at 200 MB/s (1 KB messages, so 200,000 records/s),
 * 3 brokers, replication factor 3, min.insync.replicas 2, acks=all, with the OpenMessaging Benchmark's
 * kafka-latency.yaml producer (linger.ms=1, batch.size=131072): Confluent, "Benchmarking Apache Kafka,
 * Apache Pulsar, and RabbitMQ: Which is the Fastest?" (2020), https://www.confluent.io/blog/kafka-fastest-messaging-system/.
 * That figure is end to end (produce → consume), which bounds the produce latency measured here from above.
 */
const KAFKA_PUBLISHED_P99_MS = 5

/** The benchmarks this runs; es-browser is es-browser.bench.ts's two pages. */
export type BrowserBenchmark = 'kafka-throughput' | 'kafka-latency' | 'es-browser'

/** Each benchmark's pages. */
const PAGES: Record<BrowserBenchmark, string[]> = {
  'kafka-throughput': ['kafka-throughput'],
  'kafka-latency': ['kafka-latency'],
  'es-browser': ['es-search', 'es-reload'],
}

export async function benchBrowser(opts: {
  smoke: boolean
  runs: number
  only: ReadonlySet<BrowserBenchmark>
}): Promise<BenchResult[]> {
  const site = mkdtempSync(join(tmpdir(), 'playground-bench-pages-'))
  try {
    const pages = [...opts.only].flatMap((benchmark) => PAGES[benchmark])
    await buildPages(
      site,
      pages.map((page) => `tests/bench/browser/${page}.html`),
    )
    const server = await serveSite(site)
    try {
      return await runPages(`${server.origin}/tests/bench/browser`, opts)
    } finally {
      await server.close()
    }
  } finally {
    rmSync(site, { recursive: true, force: true })
  }
}

async function runPages(
  pages: string,
  { smoke, runs, only }: { smoke: boolean; runs: number; only: ReadonlySet<BrowserBenchmark> },
): Promise<BenchResult[]> {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: CHROMIUM_ARGS,
    headless: true,
  })
  const timeoutMs = smoke ? 120_000 : 600_000
  const onePage = async <T>(url: string): Promise<T> => {
    const page = await browser.newPage()
    try {
      return await runBenchPage<T>(page, url, timeoutMs)
    } finally {
      await page.close()
    }
  }
  try {
    // The two Kafka pages alternate, each in a fresh tab (fresh brokers and IndexedDB databases), run after run.
    const throughput: KafkaThroughputResult[] = []
    const latency: KafkaLatencyResult[] = []
    for (let run = 0; run < runs; run++) {
      if (only.has('kafka-throughput'))
        throughput.push(await onePage(`${pages}/kafka-throughput.html?records=${smoke ? 5_000 : 200_000}`))
      if (only.has('kafka-latency'))
        latency.push(await onePage(`${pages}/kafka-latency.html?rate=50000&seconds=${smoke ? 1 : 10}`))
    }
    const es = only.has('es-browser') ? await benchEsBrowser(browser, pages, { smoke, timeoutMs }) : []
    return [
      ...(throughput.length > 0 ? throughputRows(throughput) : []),
      ...(latency.length > 0 ? latencyRows(latency) : []),
      ...es,
    ]
  } finally {
    await browser.close()
  }
}

function throughputRows(results: KafkaThroughputResult[]): BenchResult[] {
  const produce = medianOf(results, (r) => r.produceRecordsPerSecond)
  const endToEnd = medianOf(results, (r) => r.endToEndRecordsPerSecond)
  return [
    {
      name: 'kafka produce (3 brokers, RF 3, acks=all, 100 B, IndexedDB)',
      ...produce,
      unit: 'records/s',
      peer: "Kafka's published 3-way sync replication",
      ratio: produce.value / KAFKA_PUBLISHED,
    },
    {
      name: 'kafka produce → replicate → consume, end to end',
      ...endToEnd,
      unit: 'records/s',
      peer: "Kafka's published 3-way sync replication",
      ratio: endToEnd.value / KAFKA_PUBLISHED,
    },
  ]
}

function latencyRows(results: KafkaLatencyResult[]): BenchResult[] {
  const first = results[0]!
  const rate = first.targetRecordsPerSecond.toLocaleString('en-US')
  const setup = `${rate} records/s, 3 brokers, RF 3, acks=all, linger.ms=${first.producerConfig['linger.ms']}, 100 B`
  const p99 = medianOf(results, (r) => r.p99Ms)
  const achieved = medianOf(results, (r) => r.achievedRecordsPerSecond)
  return [
    {
      name: `kafka produce latency p99 (${setup})`,
      ...p99,
      unit: 'ms',
      peer: `Kafka's published p99, ${KAFKA_PUBLISHED_P99_MS} ms (Confluent 2020)`,
      ratio: p99.value / KAFKA_PUBLISHED_P99_MS,
    },
    { name: 'kafka produce latency p50', ...medianOf(results, (r) => r.p50Ms), unit: 'ms' },
    { name: 'kafka produce latency p99.9', ...medianOf(results, (r) => r.p999Ms), unit: 'ms' },
    { name: 'kafka produce latency max', ...medianOf(results, (r) => r.maxMs), unit: 'ms' },
    {
      name: 'kafka produce rate held (acknowledged)',
      ...achieved,
      unit: 'records/s',
      peer: `the ${rate} records/s target`,
      ratio: achieved.value / first.targetRecordsPerSecond,
    },
  ]
}
