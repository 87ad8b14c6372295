/**
 * Opens a benchmark page in a browser tab and waits for the figures it leaves in `window.benchResult`
 * (browser/bench-cluster.ts). A page that throws, reports `{ error }` or runs past `timeoutMs` fails the run.
 */
import type { Page } from 'playwright-core'

export async function runBenchPage<T>(page: Page, url: string, timeoutMs: number): Promise<T> {
  const errors: string[] = []
  const onError = (error: Error): void => void errors.push(String(error))
  page.on('pageerror', onError)
  try {
    await page.goto(url)
    await page
      .waitForFunction(() => window.benchResult !== undefined, undefined, { timeout: timeoutMs })
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
