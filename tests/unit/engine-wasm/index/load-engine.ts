// Loads engine-wasm/build/index.wasm for the tests (run `node engine-wasm/build.mjs` first).
import { readFileSync } from 'node:fs'
import { IndexEngine } from '../../../../engine-wasm/src/index/index.ts'

export function loadEngine(): Promise<IndexEngine> {
  return IndexEngine.load(readFileSync(new URL('../../../../engine-wasm/build/index.wasm', import.meta.url)))
}
