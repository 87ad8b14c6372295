import { defineConfig } from 'vitest/config'
import { playwright } from '@vitest/browser-playwright'
import { svelte } from '@sveltejs/vite-plugin-svelte'
import { chromiumPath, CHROMIUM_ARGS } from './tests/chromium.ts'

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          // A hang guard, not a speed target: property tests run hundreds of cases, and on a shared 2-core
          // machine a test that takes 5 s alone has taken over 30 s under load.
          testTimeout: 120_000,
        },
      },
      {
        plugins: [svelte()],
        worker: { format: 'es' },
        // The node worker's npm dependencies, pre-bundled before the first test: found mid-run, Vite optimizes them
        // and reloads the page, which leaves the running test hanging (a CI run on a fresh install did).
        optimizeDeps: { include: ['@noble/hashes/legacy.js', '@noble/hashes/sha2.js', 'tldts', 'yaml'] },
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          testTimeout: 30_000,
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({ launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS } }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
      {
        test: {
          // The whole cluster under seeded fault schedules: minutes of simulated time per seed.
          name: 'simulation',
          include: ['tests/simulation/**/*.test.ts'],
          environment: 'node',
          testTimeout: 900_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
