/**
 * `npm run scenario -- FILE [--json] [--brokers N] [--nodes N] [--seed S]`: runs a scenario script on
 * a fresh in-process cluster of N brokers (1 to 9, default 3) and N Elasticsearch nodes (1 to 9, default
 * 3, as the page starts) and prints the transcript the console would show, or with --json one JSON object
 * per command. This is a public interface: options and JSON fields are only ever added. A tool's object has
 * `terminal` after stdout and stderr: both streams in the order written, as the transcript prints them. A
 * background job's object (`command &`) carries the job's exit status and its whole output, bash's `[N] PID`
 * and end lines on stderr.
 */
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { LogEngine } from '../../../engine-wasm/src/log/index.ts'
import { IndexEngine } from '../../../engine-wasm/src/index/index.ts'
import { startHeadlessCluster } from './headless-cluster.ts'
import { runScenario } from './scenario-runner.ts'
import { formatTranscript, toJsonLine } from './transcript.ts'
import { MAX_ES_NODES } from '../../protocol/es.ts'
import { MAX_BROKERS } from '../shell/broker-control.ts'
import { DEFAULT_ES_NODES } from '../shell/node-control.ts'

const USAGE = 'usage: npm run scenario -- FILE [--json] [--brokers N] [--nodes N] [--seed S]'

function intOption(
  value: string | undefined,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < min || n > max) {
    console.error(`--${name} must be a whole number from ${min} to ${max}, got '${value}'\n${USAGE}`)
    process.exit(2)
  }
  return n
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      brokers: { type: 'string' },
      nodes: { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help || positionals.length !== 1) {
    console.error(USAGE)
    process.exit(values.help ? 0 : 2)
  }
  const wasm = (name: string) =>
    readFileSync(new URL(`../../../engine-wasm/build/${name}.wasm`, import.meta.url))
  const cluster = await startHeadlessCluster({
    brokers: intOption(values.brokers, 'brokers', 3, 1, MAX_BROKERS),
    nodes: intOption(values.nodes, 'nodes', DEFAULT_ES_NODES, 1, MAX_ES_NODES),
    seed: intOption(values.seed, 'seed', 1, 0, 2 ** 31 - 1),
    logEngine: await LogEngine.load(wasm('log')),
    indexEngine: await IndexEngine.load(wasm('index')),
    drain: () => new Promise((resolve) => setImmediate(resolve)),
  })
  const steps = await runScenario(readFileSync(positionals[0]!, 'utf8'), cluster)
  if (values.json) for (const step of steps) process.stdout.write(`${JSON.stringify(toJsonLine(step))}\n`)
  else process.stdout.write(formatTranscript(steps))
}

await main()
