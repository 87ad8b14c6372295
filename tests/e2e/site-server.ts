/**
 * Serves the built site (dist/) with Vite's preview server on a free localhost port, and launches the
 * machine's Chromium through playwright-core, for the end-to-end tests.
 */
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { preview, type PreviewServer } from 'vite'
import { chromium, type BrowserContext } from 'playwright-core'
import { chromiumPath, CHROMIUM_ARGS } from '../chromium.ts'

export async function serveSite(): Promise<{ url: string; close: () => Promise<void> }> {
  if (!existsSync('dist/index.html')) throw new Error('dist/ is missing: run `npm run build` first')
  const server: PreviewServer = await preview({
    configFile: 'vite.config.ts',
    preview: { port: 0, host: '127.0.0.1', strictPort: false, open: false },
    logLevel: 'silent',
  })
  const address = server.httpServer.address()
  if (!address || typeof address === 'string') throw new Error('preview server has no port')
  return { url: `http://127.0.0.1:${address.port}/`, close: () => server.close() }
}

/** A browser with a fresh profile that lives until closed (so IndexedDB survives reloads). */
export async function launchBrowser(): Promise<BrowserContext> {
  const profile = mkdtempSync(join(tmpdir(), 'playground-e2e-'))
  return chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    args: CHROMIUM_ARGS,
    headless: true,
  })
}
