/** Loads both WASM engines from engine-wasm/build (run `npm run build:wasm` first) for Node tests. */
import { readFileSync } from 'node:fs'
import { LogEngine } from '../../../engine-wasm/src/log/index.ts'
import { IndexEngine } from '../../../engine-wasm/src/index/index.ts'

const wasm = (name: string): Uint8Array =>
  readFileSync(new URL(`../../../engine-wasm/build/${name}.wasm`, import.meta.url))

export async function loadEngines(): Promise<{ logEngine: LogEngine; indexEngine: IndexEngine }> {
  return { logEngine: await LogEngine.load(wasm('log')), indexEngine: await IndexEngine.load(wasm('index')) }
}
