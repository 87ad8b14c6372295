/**
 * Bash lists through the headless runner: a pipe gives the left side's stdout to the right side's stdin as it
 * is written (echo and a here-document into the console producer, a consumer and curl into cat: cat prints
 * each message before the consumer's closing line, as on a terminal), `&&` and `||` run on
 * `$?`, `;` always; the list's output shows both streams in the order written; curl's body passes through
 * byte for byte (no newline added inside the list); a list ending with `&` is one background job; Ctrl+C
 * (the runner's idle interrupt) ends the list after the pipeline it stopped.
 */
import { describe, expect, it } from 'vitest'
import { runScenario } from '../../../workers/tools/scenario/scenario-runner.ts'
import { formatTranscript, toJsonLine } from '../../../workers/tools/scenario/transcript.ts'
import { headlessTestCluster } from './wasm.ts'
import { parseScript } from '../../../workers/tools/script/parse-script.ts'
import { runCommand } from '../../../workers/tools/shell/shell.ts'
import { ProcessSignal } from '../../../workers/tools/process-signal.ts'

const BOOTSTRAP = '--bootstrap-server localhost:9092'

describe('shell lists', () => {
  it('pipes, and runs && || ; on the exit status, as bash does', async () => {
    const script = [
      `kafka-topics.sh ${BOOTSTRAP} --create --topic orders --partitions 1 --replication-factor 1 && echo created`,
      `echo order-1 | kafka-console-producer.sh ${BOOTSTRAP} --topic orders`,
      `echo -e "k1:v1\\nk2:v2" | kafka-console-producer.sh ${BOOTSTRAP} --topic orders --property parse.key=true --property key.separator=:`,
      `cat <<EOF | kafka-console-producer.sh ${BOOTSTRAP} --topic orders`,
      'from-heredoc',
      'EOF',
      `kafka-console-consumer.sh ${BOOTSTRAP} --topic orders --from-beginning --max-messages 4 | cat`,
      `kafka-topics.sh ${BOOTSTRAP} --describe --topic nope || echo "failed: $?"`,
      'false && echo never || echo "or: $?"',
      'cat missing.txt && echo never; echo "then: $?"',
      `kafka-topics.sh ${BOOTSTRAP} --list |`,
      '  cat',
      `kafka-console-consumer.sh ${BOOTSTRAP} --topic orders --from-beginning | cat; echo never`,
      "curl -s 'localhost:9200/_cat/health?h=status' | cat",
      'curl -s -XPUT localhost:9200/idx && echo',
      'curl -s localhost:9200/idx/_count; echo " <- $?"',
      'echo start && sleep 2 && echo slept &',
      'sleep 3',
      'false || B=set &',
      'sleep 1',
      'echo "status $? B=[$B]"',
      'X=$(echo hi | cat) && echo "X=$X"',
      'echo x | | cat',
      'Y=1 | true; echo "Y=[$Y]"',
      'head -n 1 missing.txt',
    ].join('\n')
    const steps = await runScenario(script, await headlessTestCluster(1, 1, 1))
    expect(formatTranscript(steps)).toBe(
      [
        `$ kafka-topics.sh ${BOOTSTRAP} --create --topic orders --partitions 1 --replication-factor 1 && echo created`,
        'Created topic orders.',
        'created',
        '',
        `$ echo order-1 | kafka-console-producer.sh ${BOOTSTRAP} --topic orders`,
        '',
        `$ echo -e "k1:v1\\nk2:v2" | kafka-console-producer.sh ${BOOTSTRAP} --topic orders --property parse.key=true --property key.separator=:`,
        '',
        `$ cat <<EOF | kafka-console-producer.sh ${BOOTSTRAP} --topic orders`,
        'from-heredoc',
        'EOF',
        '',
        `$ kafka-console-consumer.sh ${BOOTSTRAP} --topic orders --from-beginning --max-messages 4 | cat`,
        'order-1',
        'v1',
        'v2',
        'from-heredoc',
        'Processed a total of 4 messages',
        '',
        `$ kafka-topics.sh ${BOOTSTRAP} --describe --topic nope || echo "failed: $?"`,
        "Error while executing topic command : Topic 'nope' does not exist as expected",
        "[2026-01-01 00:00:16,026] ERROR java.lang.IllegalArgumentException: Topic 'nope' does not exist as expected",
        ' (org.apache.kafka.tools.TopicCommand)',
        'failed: 1',
        '',
        '$ false && echo never || echo "or: $?"',
        'or: 1',
        '',
        '$ cat missing.txt && echo never; echo "then: $?"',
        'cat: missing.txt: No such file or directory',
        'then: 1',
        '',
        `$ kafka-topics.sh ${BOOTSTRAP} --list |`,
        '  cat',
        '__consumer_offsets',
        'orders',
        '',
        `$ kafka-console-consumer.sh ${BOOTSTRAP} --topic orders --from-beginning | cat; echo never`,
        'order-1',
        'v1',
        'v2',
        'from-heredoc',
        'Processed a total of 4 messages',
        '',
        "$ curl -s 'localhost:9200/_cat/health?h=status' | cat",
        'green',
        '',
        '$ curl -s -XPUT localhost:9200/idx && echo',
        '{"acknowledged":true,"shards_acknowledged":true,"index":"idx"}',
        '',
        '$ curl -s localhost:9200/idx/_count; echo " <- $?"',
        '{"count":0,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0}} <- 0',
        '',
        '$ echo start && sleep 2 && echo slept &',
        '[1] 1001',
        'start',
        'slept',
        '[1]+  Done                    echo start && sleep 2 && echo slept',
        '',
        '$ sleep 3',
        '',
        '$ false || B=set &',
        '[1] 1002',
        '[1]+  Done                    false || B=set',
        '',
        '$ sleep 1',
        '',
        // The job ran in a subshell: its status and its assignment stayed there.
        '$ echo "status $? B=[$B]"',
        'status 0 B=[]',
        '',
        '$ X=$(echo hi | cat) && echo "X=$X"',
        'X=hi',
        '',
        '$ echo x | | cat',
        "bash: syntax error near unexpected token `|'",
        '',
        // Each command of a pipeline runs in a subshell: its assignment stays there.
        '$ Y=1 | true; echo "Y=[$Y]"',
        'Y=[]',
        '',
        // Lower case head is the shell's head, not a Dev Tools HEAD request.
        '$ head -n 1 missing.txt',
        "head: cannot open 'missing.txt' for reading: No such file or directory",
        '',
      ].join('\n'),
    )
    const failed = steps.find((step) => step.command.command.startsWith('cat missing'))
    expect(failed && toJsonLine(failed)).toEqual({
      line: 10,
      kind: 'playground',
      command: 'cat missing.txt && echo never; echo "then: $?"',
      exitCode: 0,
      stdout: 'then: 1\n',
      stderr: 'cat: missing.txt: No such file or directory\n',
      // The list's streams as its commands wrote them: cat's error, then echo's line.
      terminal: 'cat: missing.txt: No such file or directory\nthen: 1\n',
    })
  })
})

describe('sleep', () => {
  it('ends at once on Ctrl+C with 128 + the signal, but lets the runner idle interrupt pass', async () => {
    const cluster = await headlessTestCluster(1, 1, 1)
    const { env } = cluster
    const [sleep] = parseScript('sleep 100')
    const signal = new ProcessSignal()
    const started = env.clock.now()
    const run = runCommand(sleep!, env, { stdout: () => undefined, stderr: () => undefined }, signal)
    await cluster.run(env.clock.sleep(1_000))
    signal.fire()
    const outcome = await cluster.run(run)
    expect(outcome).toMatchObject({ kind: 'playground', exitCode: 130, stdout: '', stderr: '' })
    expect(env.clock.now() - started).toBeLessThan(2_000)
    const steps = await runScenario('sleep 8\necho "after $?"', await headlessTestCluster(1, 1, 1))
    expect(formatTranscript(steps)).toBe('$ sleep 8\n\n$ echo "after $?"\nafter 0\n')
  })
})
