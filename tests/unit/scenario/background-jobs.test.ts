/**
 * Background jobs in the headless runner: `&` starts a job and the next command runs at once; jobs, wait and
 * kill answer with bash's texts (jobs.c's `[1]+  Running                 cmd &`, describe_pid's `[1] 1001`,
 * builtin_error's `bash: kill: %3: no such job`); a job's step shows its whole output, its end notification
 * last; jobs left running when the script ends get SIGHUP (no notification: the shell is gone). The same seed
 * replays the same transcript.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { runScenario } from '../../../workers/tools/scenario/scenario-runner.ts'
import { formatTranscript, toJsonLine } from '../../../workers/tools/scenario/transcript.ts'
import { headlessTestCluster } from './wasm.ts'

async function transcript(script: string, seed = 1): Promise<string> {
  return formatTranscript(await runScenario(script, await headlessTestCluster(1, 1, seed)))
}

describe('background jobs', () => {
  it('lists, signals and waits for jobs as bash does', async () => {
    const script = [
      'sleep 100 &',
      'sleep 200 &',
      'jobs',
      'jobs -l',
      'jobs -p %1',
      'echo $!',
      'kill %3',
      'wait %3',
      'kill %1',
      'jobs',
      'sleep 300 &',
      'wait %sleep',
      'kill -s KILL %?300',
      'wait %3',
      'echo $?',
    ].join('\n')
    expect(await transcript(script)).toBe(
      [
        '$ sleep 100 &',
        '[1] 1001',
        '[1]-  Terminated              sleep 100',
        '',
        '$ sleep 200 &',
        '[2] 1002',
        '',
        '$ jobs',
        '[1]-  Running                 sleep 100 &',
        '[2]+  Running                 sleep 200 &',
        '',
        '$ jobs -l',
        '[1]-  1001 Running                 sleep 100 &',
        '[2]+  1002 Running                 sleep 200 &',
        '',
        '$ jobs -p %1',
        '1001',
        '',
        '$ echo $!',
        '1002',
        '',
        '$ kill %3',
        'bash: kill: %3: no such job',
        '',
        '$ wait %3',
        'bash: wait: %3: no such job',
        '',
        '$ kill %1',
        '',
        '$ jobs',
        '[2]+  Running                 sleep 200 &',
        '',
        '$ sleep 300 &',
        '[3] 1003',
        '[3]+  Killed                  sleep 300',
        '',
        '$ wait %sleep',
        'bash: wait: sleep: ambiguous job spec',
        '',
        '$ kill -s KILL %?300',
        '',
        '$ wait %3',
        'bash: wait: %3: no such job',
        '',
        '$ echo $?',
        '127',
        '',
      ].join('\n'),
    )
  })

  it('answers bad kill and wait arguments with bash errors and statuses', async () => {
    const steps = await runScenario(
      ['sleep 10 &', 'kill', 'kill -FOO %1', 'kill foo', 'kill 4242', 'wait 4242', 'wait foo'].join('\n'),
      await headlessTestCluster(1, 1, 1),
    )
    expect(steps.slice(1).map((step) => toJsonLine(step))).toEqual([
      {
        line: 2,
        kind: 'playground',
        command: 'kill',
        exitCode: 2,
        stdout: '',
        stderr:
          'kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n',
        terminal:
          'kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n',
      },
      ...[
        [3, 'kill -FOO %1', 1, 'bash: kill: FOO: invalid signal specification\n'],
        [4, 'kill foo', 1, 'bash: kill: foo: arguments must be process or job IDs\n'],
        [5, 'kill 4242', 1, 'bash: kill: (4242) - No such process\n'],
        [6, 'wait 4242', 127, 'bash: wait: pid 4242 is not a child of this shell\n'],
        [7, 'wait foo', 127, "bash: wait: `foo': not a pid or valid job spec\n"],
      ].map(([line, command, exitCode, stderr]) => ({
        line,
        kind: 'playground',
        command,
        exitCode,
        stdout: '',
        stderr,
        terminal: stderr,
      })),
    ])
  })

  it('hangs up the jobs still running when the script ends: a consumer prints its count, exit 129', async () => {
    const steps = await runScenario(
      [
        'kafka-topics.sh --bootstrap-server localhost:9092 --create --topic t',
        'kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic t &',
        'sleep 2',
      ].join('\n'),
      await headlessTestCluster(1, 1, 1),
    )
    expect(toJsonLine(steps[1]!)).toEqual({
      line: 2,
      kind: 'kafka',
      command: 'kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic t &',
      exitCode: 129,
      stdout: '',
      stderr: '[1] 1001\nProcessed a total of 0 messages\n',
      terminal: '[1] 1001\nProcessed a total of 0 messages\n',
    })
  })

  it('ends a console consumer on kill as on SIGTERM: its count, then Exit 143; wait $! returns its status', async () => {
    const output = await transcript(
      [
        'kafka-topics.sh --bootstrap-server localhost:9092 --create --topic t',
        'kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic t --from-beginning &',
        'kafka-console-producer.sh --bootstrap-server localhost:9092 --topic t',
        '> one',
        'sleep 3',
        'kill %1',
        // The consumer's shutdown (commit, leave group) takes its round trips: let it end before waiting on it.
        'sleep 1',
        'wait %1',
        'wait $!',
        'echo $?',
      ].join('\n'),
    )
    expect(output).toContain(
      [
        '$ kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic t --from-beginning &',
        '[1] 1001',
        'one',
        'Processed a total of 1 messages',
        '[1]+  Exit 143                kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic t --from-beginning',
        '',
      ].join('\n'),
    )
    expect(output).toContain('$ wait %1\nbash: wait: %1: no such job\n\n$ wait $!\n\n$ echo $?\n143\n')
  })

  it.each(['wait %1', 'wait'])(
    'lets `%s` wait for a throughput-limited producer perf test to its end, past IDLE_MS',
    async (wait) => {
      const steps = await runScenario(
        [
          'kafka-topics.sh --bootstrap-server localhost:9092 --create --topic t',
          'kafka-producer-perf-test.sh --topic t --num-records 30 --record-size 10 --throughput 2 --producer-props bootstrap.servers=localhost:9092 &',
          wait,
          'echo $?',
        ].join('\n'),
        await headlessTestCluster(1, 1, 1),
      )
      const [job, waited, status] = steps.slice(1).map((step) => toJsonLine(step))
      expect(job?.exitCode).toBe(0)
      expect(job?.stdout).toMatch(/^30 records sent, .* ms 99\.9th\.$/m)
      expect(job?.stderr).toMatch(/\n\[1\]\+ {2}Done {20}kafka-producer-perf-test\.sh --topic t /)
      expect(waited?.exitCode).toBe(0)
      expect(status?.stdout).toBe('0\n')
    },
  )

  it('lets `wait` wait for a `sleep` job to end, as bash does', async () => {
    const output = await transcript(['sleep 8 &', 'wait', 'echo $?'].join('\n'))
    expect(output).toBe(
      [
        '$ sleep 8 &',
        '[1] 1001',
        '[1]+  Done                    sleep 8',
        '',
        '$ wait',
        '',
        '$ echo $?',
        '0',
        '',
      ].join('\n'),
    )
  })

  it('replays the same transcript for the same seed', async () => {
    const script = readFileSync(new URL('../../../examples/consumers-at-once.txt', import.meta.url), 'utf8')
    const first = await transcript(script, 7)
    expect(await transcript(script, 7)).toBe(first)
    expect(first).toContain('[1] 1001\n')
  })
})
