/** Loads both WASM engines from engine-wasm/build (run `npm run build:wasm` first) for Node tests, and a headless cluster. */
import { readFileSync } from 'node:fs'
import { LogEngine } from '../../../engine-wasm/src/log/index.ts'
import { IndexEngine } from '../../../engine-wasm/src/index/index.ts'
import {
  startHeadlessCluster,
  type HeadlessCluster,
} from '../../../workers/tools/scenario/headless-cluster.ts'

const wasm = (name: string): Uint8Array =>
  readFileSync(new URL(`../../../engine-wasm/build/${name}.wasm`, import.meta.url))

export async function loadEngines(): Promise<{ logEngine: LogEngine; indexEngine: IndexEngine }> {
  return { logEngine: await LogEngine.load(wasm('log')), indexEngine: await IndexEngine.load(wasm('index')) }
}

/** A headless cluster on the virtual clock with both engines, drained between steps with setImmediate. */
export async function headlessTestCluster(
  brokers: number,
  nodes: number,
  seed: number,
): Promise<HeadlessCluster> {
  return startHeadlessCluster({
    brokers,
    nodes,
    seed,
    drain: () => new Promise((resolve) => setImmediate(resolve)),
    ...(await loadEngines()),
  })
}
