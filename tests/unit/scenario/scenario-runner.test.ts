/**
 * The scenario runner's Ctrl+C: a long-running tool is interrupted IDLE_MS of clock time after its command
 * started, whether it polls `interrupted` or waits on `whenInterrupted`.
 */
import { describe, expect, it } from 'vitest'
import { IDLE_MS, runScenario } from '../../../workers/tools/scenario/scenario-runner.ts'
import { headlessTestCluster } from './wasm.ts'

describe('runScenario', () => {
  it('interrupts a perf test that waits for ever (--throughput 0) once IDLE_MS have passed', async () => {
    const cluster = await headlessTestCluster(1, 1, 1)
    const start = cluster.env.clock.now()
    const steps = await runScenario(
      [
        'kafka-topics --bootstrap-server localhost:9092 --create --topic t',
        'kafka-producer-perf-test --topic t --num-records 1000000 --record-size 10 --throughput 0 --producer-props bootstrap.servers=localhost:9092',
        'kafka-console-consumer --bootstrap-server localhost:9092 --topic t',
      ].join('\n'),
      cluster,
    )
    const elapsed = cluster.env.clock.now() - start
    expect(steps.map(({ outcome }) => outcome.kind === 'kafka' && outcome.exitCode)).toEqual([0, 130, 130])
    expect(elapsed).toBeGreaterThanOrEqual(2 * IDLE_MS)
    expect(elapsed).toBeLessThan(3 * IDLE_MS)
  })
})
