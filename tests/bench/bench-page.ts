/**
 * Opens a benchmark page in a browser tab and waits for the figures it leaves in `window.benchResult`
 * (browser/bench-cluster.ts). A page that throws, reports `{ error }` or runs past `timeoutMs` fails the run.
 *
 * The wait looks every RESULT_POLL_MS, not at every animation frame (playwright's default): polling by
 * requestAnimationFrame has the tab produce a frame each 16 ms, whose compositor and GPU-process work
 * competed with the workers being measured (about 20-40 ms of CPU per 1,000,000-record Kafka run on two
 * cores). The pages time themselves, so how soon the result is seen changes no figure.
 */
import type { Page } from 'playwright-core'

const RESULT_POLL_MS = 100

export async function runBenchPage<T>(page: Page, url: string, timeoutMs: number): Promise<T> {
  const errors: string[] = []
  const onError = (error: Error): void => void errors.push(String(error))
  page.on('pageerror', onError)
  try {
    await page.goto(url)
    await page
      .waitForFunction(() => window.benchResult !== undefined, undefined, {
        timeout: timeoutMs,
        polling: RESULT_POLL_MS,
      })
      .catch((error: unknown) => {
        throw new Error(`${url} did not finish: ${errors[0] ?? String(error)}`)
      })
    const result = await page.evaluate(() => window.benchResult)
    if (typeof result === 'object' && result !== null && 'error' in result) {
      throw new Error(`${url} failed: ${String(result.error)}`)
    }
    return result as T
  } finally {
    page.off('pageerror', onError)
  }
}
