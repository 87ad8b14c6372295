/**
 * The printed forms of a run keep a tool's two streams in the order it wrote them, as a terminal shows them:
 * kafka-consumer-groups prints an empty group's notice on stderr before its table on stdout
 * (ConsumerGroupCommand.shouldPrintMemberState runs before the table is printed). The JSON line keeps stdout
 * and stderr as they were and adds `terminal`, the interleaved text.
 */
import { describe, expect, it } from 'vitest'
import { runScenario } from '../../../workers/tools/scenario/scenario-runner.ts'
import { formatOutcome, formatTranscript, toJsonLine } from '../../../workers/tools/scenario/transcript.ts'
import { headlessTestCluster } from './wasm.ts'

const NOTICE = "\nConsumer group 'g' has no active members.\n"
const TABLE = [
  '',
  'GROUP           TOPIC           PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG             CONSUMER-ID     HOST            CLIENT-ID',
  'g               t               0          1               1               0               -               -               -',
  '',
].join('\n')

describe('transcript', () => {
  it("prints a tool's stderr and stdout in the order it wrote them, and adds that order to the JSON", async () => {
    const steps = await runScenario(
      [
        'kafka-topics --bootstrap-server localhost:9092 --create --topic t',
        'kafka-console-producer --bootstrap-server localhost:9092 --topic t',
        '> a',
        'kafka-console-consumer --bootstrap-server localhost:9092 --topic t --group g --from-beginning --max-messages 1',
        'kafka-consumer-groups --bootstrap-server localhost:9092 --describe --group g',
      ].join('\n'),
      await headlessTestCluster(1, 1, 1),
    )
    const describeStep = steps[3]!
    expect(formatOutcome(describeStep.outcome)).toBe(NOTICE + TABLE)
    expect(formatTranscript(steps).endsWith(`--describe --group g\n${NOTICE}${TABLE}`)).toBe(true)
    expect(toJsonLine(describeStep)).toEqual({
      line: 5,
      kind: 'kafka',
      command: 'kafka-consumer-groups --bootstrap-server localhost:9092 --describe --group g',
      exitCode: 0,
      stdout: TABLE,
      stderr: NOTICE,
      terminal: NOTICE + TABLE,
    })
  })
})
