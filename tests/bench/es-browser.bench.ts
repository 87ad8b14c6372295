/**
 * The Elasticsearch benchmarks that need a real node worker, run by browser-bench.ts in its Chromium:
 * browser/es-search.html loads the corpus into es-node-1 over IndexedDB with `_bulk` and times 10-hit
 * searches from the page; browser/es-reload.html then opens the same databases in a new page of the same
 * browser context (so the same IndexedDB) and times the first search that finds every document.
 */
import type { Browser } from 'playwright-core'
import { runBenchPage } from './bench-page.ts'
import type { BenchResult } from './result.ts'
import type { EsSearchResult } from './browser/es-search.ts'
import type { EsReloadResult } from './browser/es-reload.ts'

const SEARCH_GOAL_MS = 1
const RELOAD_GOAL_MS = 1_000
/** The node's IndexedDB database prefix: each run's browser context starts with empty storage. */
const DATABASE_PREFIX = 'bench-es-'

export async function benchEsBrowser(
  browser: Browser,
  pages: string,
  opts: { smoke: boolean; timeoutMs: number },
): Promise<BenchResult[]> {
  const docs = opts.smoke ? 2_000 : 100_000
  const context = await browser.newContext()
  try {
    const search = await runBenchPage<EsSearchResult>(
      await context.newPage(),
      `${pages}/es-search.html?docs=${docs}&searches=${opts.smoke ? 200 : 2_000}&db=${DATABASE_PREFIX}`,
      opts.timeoutMs,
    )
    const reload = await runBenchPage<EsReloadResult>(
      await context.newPage(),
      `${pages}/es-reload.html?docs=${docs}&db=${DATABASE_PREFIX}`,
      opts.timeoutMs,
    )
    const count = docs.toLocaleString('en-US')
    return [
      {
        name: `es 10-hit search round trip p50 (page → node worker, ${count} docs)`,
        value: search.p50Ms,
        unit: 'ms',
        peer: `the ${SEARCH_GOAL_MS} ms goal`,
        ratio: search.p50Ms / SEARCH_GOAL_MS,
      },
      { name: 'es 10-hit search round trip p99', value: search.p99Ms, unit: 'ms' },
      {
        name: `es _bulk ${count} docs to searchable (node worker, IndexedDB)`,
        value: docs / (search.loadMs / 1000),
        unit: 'docs/s',
      },
      {
        name: `es reload, ${count} stored docs: first search finds them all (from navigation)`,
        value: reload.navigationMs,
        unit: 'ms',
        peer: `the ${RELOAD_GOAL_MS} ms goal`,
        ratio: reload.navigationMs / RELOAD_GOAL_MS,
      },
      {
        name: 'es reload, node worker launch → first search finds them all',
        value: reload.nodeMs,
        unit: 'ms',
        peer: `a start over empty storage: ${Math.round(search.startMs)} ms`,
        ratio: reload.nodeMs / search.startMs,
      },
      { name: 'es reload, node worker launch → shard started', value: reload.startedMs, unit: 'ms' },
      {
        name: `es reload: reading the translog back and replaying it (${reload.translogOperations.toLocaleString('en-US')} operations above the commit, one read, warm)`,
        value: reload.translogReadMs,
        unit: 'ms',
      },
    ]
  } finally {
    await context.close()
  }
}
