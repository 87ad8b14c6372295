/**
 * Time to a usable console after reloading the app with N stored Kafka messages, against the same
 * reload with none, in the same run (ratio = stored / empty).
 *
 * The site is built as `npm run build` builds it (vite.config.ts), into a temporary directory, with the
 * seeding page (browser/kafka-seed.html) built beside it (bench-site.ts); Vite's preview server serves both
 * from one origin, so they share IndexedDB. Each of the two reloads runs in a fresh browser profile, deleted after:
 *   1. the app is visited once (its service worker installs, its brokers format their storage), as by a
 *      learner who comes back;
 *   2. the seeding page stores N 100-byte messages through the app's brokers over the app's databases,
 *      stops the brokers and leaves two commands as the console text: `kafka-topics.sh --list` and
 *      `kafka-get-offsets.sh` for the topic;
 *   3. the app is loaded again; from navigation start (performance.timeOrigin) the page records
 *      (a) the editor loaded and taking input, at which moment Run all is pressed, and (b) the first
 *      command's answer printed, which waits for the brokers to start and register, and (c) every
 *      partition answering kafka-get-offsets with all N messages: the brokers have recovered their logs
 *      (the commands are run again until they do; a wrong count fails the run).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Page } from 'playwright-core'
import { chromiumPath, CHROMIUM_ARGS } from '../chromium.ts'
import { runBenchPage } from './bench-page.ts'
import type { BenchResult } from './result.ts'
import { buildApp, buildPages, serveSite } from './bench-site.ts'
import type { KafkaSeedResult } from './browser/kafka-seed.ts'

const SEED_PAGE = 'tests/bench/browser/kafka-seed.html'

interface ReloadTimes {
  /** Navigation start → the console editor loaded and taking input (ms). */
  editorMs: number
  /** Navigation start → the first command's answer printed (ms). */
  answerMs: number
  /** Navigation start → both commands answered (ms). */
  settledMs: number
  /** The answers' texts, in the order of the commands. */
  answers: string[]
}

interface ReloadFigures {
  editorMs: number
  answerMs: number
  /** Navigation start → every partition's end offset answered with all the messages (ms). */
  storedMs: number
}

export async function benchKafkaReload(opts: { smoke: boolean }): Promise<BenchResult[]> {
  const records = opts.smoke ? 20_000 : 1_000_000
  const timeoutMs = opts.smoke ? 120_000 : 300_000
  const site = mkdtempSync(join(tmpdir(), 'playground-bench-site-'))
  try {
    await buildApp(site)
    await buildPages(site, [SEED_PAGE])
    const server = await serveSite(site)
    try {
      const empty = await reloadWith(server.origin, 0, timeoutMs)
      const stored = await reloadWith(server.origin, records, timeoutMs)
      const count = records.toLocaleString('en-US')
      return [
        {
          name: `kafka reload, ${count} stored messages: console editor takes input`,
          value: stored.editorMs,
          unit: 'ms',
          peer: `the same reload, no messages: ${Math.round(empty.editorMs)} ms`,
          ratio: stored.editorMs / empty.editorMs,
        },
        {
          name: `kafka reload, ${count} stored messages: first command answered`,
          value: stored.answerMs,
          unit: 'ms',
          peer: `the same reload, no messages: ${Math.round(empty.answerMs)} ms`,
          ratio: stored.answerMs / empty.answerMs,
        },
        {
          name: `kafka reload, ${count} stored messages: every partition serves its messages`,
          value: stored.storedMs,
          unit: 'ms',
          peer: `the same reload, no messages: ${Math.round(empty.storedMs)} ms`,
          ratio: stored.storedMs / empty.storedMs,
        },
      ]
    } finally {
      await server.close()
    }
  } finally {
    rmSync(site, { recursive: true, force: true })
  }
}

/** Steps 1 to 3 above in a fresh profile, with `records` messages stored. */
async function reloadWith(origin: string, records: number, timeoutMs: number): Promise<ReloadFigures> {
  const profile = mkdtempSync(join(tmpdir(), 'playground-bench-profile-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    args: CHROMIUM_ARGS,
    headless: true,
  })
  try {
    const page = await context.newPage()
    await page.goto(`${origin}/`)
    await page.waitForSelector('[data-testid="cluster-status"]:text("Cluster ready")', { timeout: timeoutMs })
    await page.evaluate(async () => void (await navigator.serviceWorker.ready))
    const seeded = await runBenchPage<KafkaSeedResult>(
      page,
      `${origin}/${SEED_PAGE}?records=${records}`,
      timeoutMs,
    )
    await context.addInitScript(timeConsole)
    const times = await runBenchPage<ReloadTimes>(page, `${origin}/`, timeoutMs)
    if (times.answers[0] !== `${seeded.topic}\n`) {
      throw new Error(
        `after the reload, ${JSON.stringify(seeded.consoleText)} answered ${JSON.stringify(times.answers)}`,
      )
    }
    const storedMs = await untilStored(page, times, records, timeoutMs)
    return { editorMs: times.editorMs, answerMs: times.answerMs, storedMs }
  } finally {
    await context.close()
    rmSync(profile, { recursive: true, force: true })
  }
}

/**
 * Waits until every message is back and returns when (ms from navigation start): the offsets command's
 * answer must list every partition with end offsets summing to `records`. Right after a reload a
 * partition's leader may not serve it yet (the tool then prints "Skip getting offsets for topic-partition
 * ..."), and its high watermark restarts from its checkpoint and catches up as the followers fetch again
 * (as Kafka's does), so the commands are run again until the total is complete; more than `records` fails.
 */
async function untilStored(
  page: Page,
  times: ReloadTimes,
  records: number,
  timeoutMs: number,
): Promise<number> {
  const deadline = Date.now() + timeoutMs
  for (let run = { answers: times.answers, ms: times.settledMs }; ; run = await runAllAgain(page)) {
    const offsets = (run.answers[1] ?? '')
      .split('\n')
      .filter(Boolean)
      .map((line) => /^[^:]+:\d+:(\d+)$/.exec(line)?.[1])
    const stored = offsets.reduce((sum, offset) => sum + Number(offset ?? 0), 0)
    if (offsets.length > 0 && offsets.every((offset) => offset !== undefined)) {
      if (stored === records) return run.ms
      if (stored > records)
        throw new Error(
          `after the reload the topic holds ${stored} of ${records} messages: ${run.answers[1]}`,
        )
    }
    if (Date.now() > deadline)
      throw new Error(`after the reload, only ${stored} of ${records} messages are served: ${run.answers[1]}`)
  }
}

/** Clears the output and runs every command again; their answers, and when they came (ms). */
async function runAllAgain(page: Page): Promise<{ answers: string[]; ms: number }> {
  await page.click('[data-testid="clear"]')
  await page.click('[data-testid="run-all"]')
  const ms = await page.waitForFunction(() =>
    document.querySelectorAll('[data-testid="output-entry"]:not([data-state="running"])').length === 2
      ? performance.now()
      : false,
  )
  const answers = await page.$$eval('[data-testid="output-entry"] .text', (nodes) =>
    nodes.map((n) => n.textContent ?? ''),
  )
  return { answers, ms: Number(await ms.jsonValue()) }
}

/**
 * Runs in the app page before its scripts (an init script, so it refers to nothing outside itself): as
 * soon as the editor has loaded it presses Run all, notes when the first output entry settles, and once
 * both have settled leaves the ReloadTimes in `window.benchResult`.
 */
function timeConsole(): void {
  let editorMs: number | undefined
  let answerMs: number | undefined
  const observer = new MutationObserver(() => {
    if (editorMs === undefined) {
      if (!document.querySelector('[data-testid="console-editor"][data-loaded="true"]')) return
      editorMs = performance.now()
      document.querySelector<HTMLButtonElement>('[data-testid="run-all"]')?.click()
    }
    const settled = document.querySelectorAll('[data-testid="output-entry"]:not([data-state="running"])')
    if (settled.length > 0) answerMs ??= performance.now()
    if (settled.length < 2) return
    observer.disconnect()
    const answers = Array.from(settled, (entry) => entry.querySelector('.text')?.textContent ?? '')
    window.benchResult = { editorMs, answerMs, settledMs: performance.now(), answers }
  })
  observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true })
}
