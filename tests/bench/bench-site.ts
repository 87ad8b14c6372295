/**
 * Builds benchmark pages for production, as `npm run build` builds the site, and serves a build with Vite's
 * preview server: figures are measured over the bundles a learner's browser loads, not over the dev
 * server's one-module-per-request transform (which alone took a node worker about 2.4 s to start).
 *
 * Vite builds for production only while NODE_ENV is unset or 'production', and a dev server started
 * earlier in the same process leaves it 'development' (the build would then lack its production code, the
 * service worker among it), so NODE_ENV is 'production' for the length of each build.
 */
import { build, preview } from 'vite'

/** A served build: its origin (`http://127.0.0.1:PORT`) and how to stop serving it. */
export interface ServedSite {
  origin: string
  close(): Promise<void>
}

/** The site as vite.config.ts builds it, into `outDir` (emptied first). */
export async function buildApp(outDir: string): Promise<void> {
  await inProduction(() =>
    build({ configFile: 'vite.config.ts', logLevel: 'silent', build: { outDir, emptyOutDir: true } }),
  )
}

/**
 * Builds benchmark pages (HTML paths relative to the repository root) into `outDir` at the same paths,
 * beside whatever the directory already holds, so they share an origin, and IndexedDB, with it.
 */
export async function buildPages(outDir: string, pages: string[]): Promise<void> {
  await inProduction(() =>
    build({
      configFile: false,
      root: process.cwd(),
      base: './',
      logLevel: 'silent',
      worker: { format: 'es' },
      build: { outDir, emptyOutDir: false, target: 'es2022', rollupOptions: { input: pages } },
    }),
  )
}

/** Serves `dir` on a free localhost port. */
export async function serveSite(dir: string): Promise<ServedSite> {
  const server = await preview({
    configFile: false,
    root: dir,
    build: { outDir: dir },
    preview: { port: 0, host: '127.0.0.1', strictPort: false, open: false },
    logLevel: 'silent',
  })
  const address = server.httpServer.address()
  if (!address || typeof address === 'string') {
    await server.close()
    throw new Error('preview server has no port')
  }
  return { origin: `http://127.0.0.1:${address.port}`, close: () => server.close() }
}

async function inProduction(run: () => Promise<unknown>): Promise<void> {
  const nodeEnv = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  try {
    await run()
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV
    else process.env.NODE_ENV = nodeEnv
  }
}
