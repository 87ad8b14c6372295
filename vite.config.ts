import { defineConfig } from 'vite'
import { svelte } from '@sveltejs/vite-plugin-svelte'
import { serviceWorker } from './tools/vite/service-worker.ts'

// The site is static: `vite build` writes it to dist/, which any static host can serve as it is.
export default defineConfig({
  root: 'web',
  base: './',
  publicDir: 'public',
  plugins: [
    svelte(),
    // Offline after the first visit: a service worker precaches the whole site, WASM included.
    serviceWorker(),
  ],
  worker: { format: 'es' },
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
  },
  server: { fs: { allow: ['..'] } },
})
