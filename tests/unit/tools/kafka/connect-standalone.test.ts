/**
 * bin/connect-standalone.sh on the headless cluster: the quickstart's FileStream connectors end to end (the
 * records JsonConverter writes, the sink file, offsets that survive a restart), and the worker's refusals in
 * Connect's form. Each command runs until the scenario runner's 5 s Ctrl+C, as a learner would stop it;
 * log timestamps are replaced by TS, the rest of every output is exact.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { HeadlessCluster } from '../../../../workers/tools/scenario/headless-cluster.ts'
import { IDLE_MS, idleInterrupt } from '../../../../workers/tools/scenario/scenario-runner.ts'
import { parseScript } from '../../../../workers/tools/script/parse-script.ts'
import { runCommand } from '../../../../workers/tools/shell/shell.ts'
import { formatOutcome } from '../../../../workers/tools/scenario/transcript.ts'
import { headlessTestCluster } from '../../scenario/wasm.ts'

const QUICKSTART =
  'bin/connect-standalone.sh config/connect-standalone.properties config/connect-file-source.properties ' +
  'config/connect-file-sink.properties'
const INITIALIZING =
  '[TS] INFO Kafka Connect worker initializing ... (org.apache.kafka.connect.cli.AbstractConnectCli:114)\n'
const STARTED = '[TS] INFO Kafka Connect started (org.apache.kafka.connect.runtime.Connect:77)\n'
const STOPPING =
  '[TS] INFO Kafka Connect stopping (org.apache.kafka.connect.runtime.Connect:87)\n' +
  '[TS] INFO Kafka Connect stopped (org.apache.kafka.connect.runtime.Connect:92)\n'
const SOURCE_STARTED =
  '[TS] INFO Created connector local-file-source (org.apache.kafka.connect.cli.ConnectStandalone:89)\n' +
  '[TS] INFO [local-file-source|task-0] WorkerSourceTask{id=local-file-source-0} Source task finished ' +
  'initialization and start (org.apache.kafka.connect.runtime.AbstractWorkerSourceTask:280)\n'
const SINK_STARTED =
  '[TS] INFO Created connector local-file-sink (org.apache.kafka.connect.cli.ConnectStandalone:89)\n' +
  '[TS] INFO [local-file-sink|task-0] WorkerSinkTask{id=local-file-sink-0} Sink task finished ' +
  'initialization and start (org.apache.kafka.connect.runtime.WorkerSinkTask:316)\n'
const FAILED_TO_CREATE = (file: string): string =>
  `[TS] ERROR Failed to create connector for ${file} (org.apache.kafka.connect.cli.ConnectStandalone:87)\n`
const STOPPING_AFTER_ERROR =
  '[TS] ERROR Stopping after connector error (org.apache.kafka.connect.cli.ConnectStandalone:99)\n'

/** Each command's exit code and printed outcome, timestamps as TS; every command is stopped after 5 s. */
async function run(c: HeadlessCluster, script: string): Promise<[number, string][]> {
  const quiet = { stdout: () => undefined, stderr: () => undefined }
  const outcomes: [number, string][] = []
  for (const command of parseScript(script)) {
    const outcome = await c.run(runCommand(command, c.env, quiet, idleInterrupt(c.env.clock, IDLE_MS)))
    const text = formatOutcome(outcome).replace(/^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}\]/gm, '[TS]')
    outcomes.push([outcome.kind === 'es' ? outcome.status : outcome.exitCode, text])
  }
  return outcomes
}

describe('connect-standalone.sh with the quickstart files', () => {
  let c: HeadlessCluster
  beforeAll(async () => {
    c = await headlessTestCluster(3, 1, 1)
  })

  it('copies the file into connect-test and back out, as JsonConverter with schemas, and resumes from its offsets', async () => {
    const setup = await run(
      c,
      'echo "plugin.path=libs/connect-file-4.1.0.jar" >> config/connect-standalone.properties\n' +
        'echo -e "foo\\nbar" > test.txt',
    )
    expect(setup).toEqual([
      [0, ''],
      [0, ''],
    ])
    expect(await run(c, QUICKSTART)).toEqual([
      [130, INITIALIZING + STARTED + SOURCE_STARTED + SINK_STARTED + STOPPING],
    ])
    expect(await run(c, 'more test.sink.txt\ncat /tmp/connect.offsets')).toEqual([
      [0, 'foo\nbar\n'],
      [0, '["local-file-source",{"filename":"test.txt"}]\t{"position":8}\n'],
    ])
    const consumer =
      'kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic connect-test --from-beginning ' +
      '--property print.key=true'
    const envelope = (payload: string): string =>
      `null\t{"schema":{"type":"string","optional":false},"payload":"${payload}"}\n`
    expect(await run(c, consumer)).toEqual([
      [130, envelope('foo') + envelope('bar') + 'Processed a total of 2 messages\n'],
    ])
    await run(c, `echo "Another line" >> test.txt\necho -n "no end yet" >> test.txt\n${QUICKSTART}`)
    expect(await run(c, `more test.sink.txt\ncat /tmp/connect.offsets\n${consumer}`)).toEqual([
      [0, 'foo\nbar\nAnother line\n'],
      [0, '["local-file-source",{"filename":"test.txt"}]\t{"position":21}\n'],
      [
        130,
        envelope('foo') + envelope('bar') + envelope('Another line') + 'Processed a total of 3 messages\n',
      ],
    ])
  })

  it('gives the typed lines to one stdin source only: stdin is read once, as a file descriptor is', async () => {
    const source = (name: string): string =>
      `echo -e "name=${name}\\nconnector.class=FileStreamSource\\ntopic=${name}" > ${name}.properties\n`
    const outcomes = await run(
      c,
      'echo "plugin.path=libs/connect-file-4.1.0.jar" >> config/connect-standalone.properties\n' +
        source('typed-1') +
        source('typed-2') +
        'connect-standalone.sh config/connect-standalone.properties typed-1.properties typed-2.properties\n' +
        '> a\n> b\n' +
        'kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic typed-1 --from-beginning\n' +
        'kafka-get-offsets.sh --bootstrap-server localhost:9092 --topic typed-2',
    )
    const envelope = (payload: string): string =>
      `{"schema":{"type":"string","optional":false},"payload":"${payload}"}\n`
    expect(outcomes.slice(4)).toEqual([
      [130, envelope('a') + envelope('b') + 'Processed a total of 2 messages\n'],
      // typed-2 never got a record, so its topic was never created.
      [1, 'Error occurred: Could not match any topic-partitions with the specified filters\n'],
    ])
  })

  it('shows the distribution files, the connector files ending without a newline', async () => {
    const [[code, text]] = (await run(c, 'cat config/connect-file-sink.properties')) as [[number, string]]
    expect(code).toBe(0)
    expect(text).toMatch(
      /limitations under the License\.\n\nname=local-file-sink\nconnector\.class=FileStreamSink\ntasks\.max=1\nfile=test\.sink\.txt\ntopics=connect-test$/,
    )
  })
})

describe('connect-standalone.sh refusals', () => {
  let c: HeadlessCluster
  beforeAll(async () => {
    c = await headlessTestCluster(3, 1, 1)
  })

  it('prints its usage without a worker file, and stops due to error on a missing one', async () => {
    expect(await run(c, 'bin/connect-standalone.sh\nbin/connect-standalone.sh nope.properties')).toEqual([
      [
        1,
        '[TS] INFO Usage: ConnectStandalone worker.properties [connector1.properties connector2.json ...] ' +
          '(org.apache.kafka.connect.cli.AbstractConnectCli:84)\n',
      ],
      [
        2,
        '[TS] ERROR Stopping due to error (org.apache.kafka.connect.cli.AbstractConnectCli:100)\n' +
          'java.nio.file.NoSuchFileException: nope.properties\n',
      ],
    ])
  })

  it('refuses a worker config without its required converters', async () => {
    expect(
      await run(
        c,
        'echo bootstrap.servers=localhost:9092 > w.properties\nconnect-standalone.sh w.properties',
      ),
    ).toEqual([
      [0, ''],
      [
        2,
        INITIALIZING +
          '[TS] ERROR Stopping due to error (org.apache.kafka.connect.cli.AbstractConnectCli:100)\n' +
          'org.apache.kafka.common.config.ConfigException: Missing required configuration "key.converter" which has ' +
          'no default value.\n',
      ],
    ])
  })

  it('does not find the FileStream connectors until plugin.path names their jar', async () => {
    const [[code, text]] = (await run(c, QUICKSTART)) as [[number, string]]
    expect(code).toBe(3)
    const mirror = (name: string): string =>
      `PluginDesc{klass=class org.apache.kafka.connect.mirror.${name}, name='org.apache.kafka.connect.mirror.${name}', ` +
      `version='4.1.0', encodedVersion=4.1.0, type=source, typeName='source', location='classpath'}`
    expect(text).toBe(
      INITIALIZING +
        STARTED +
        FAILED_TO_CREATE('config/connect-file-source.properties') +
        STOPPING_AFTER_ERROR +
        'java.util.concurrent.ExecutionException: org.apache.kafka.connect.errors.ConnectException: Failed to find ' +
        'any class that implements Connector and which name matches FileStreamSource, available connectors are: ' +
        `${mirror('MirrorCheckpointConnector')}, ${mirror('MirrorHeartbeatConnector')}, ${mirror('MirrorSourceConnector')}\n` +
        'Caused by: org.apache.kafka.connect.errors.ConnectException: Failed to find any class that implements ' +
        'Connector and which name matches FileStreamSource, available connectors are: ' +
        `${mirror('MirrorCheckpointConnector')}, ${mirror('MirrorHeartbeatConnector')}, ${mirror('MirrorSourceConnector')}\n` +
        STOPPING,
    )
  })

  it('hints at the jar of this release when plugin.path names another', async () => {
    const [, , outcome] = await run(
      c,
      'cat config/connect-standalone.properties > w2.properties\n' +
        'echo "plugin.path=libs/connect-file-4.1.1.jar" >> w2.properties\n' +
        'connect-standalone.sh w2.properties config/connect-file-source.properties',
    )
    expect(outcome?.[0]).toBe(3)
    expect(outcome?.[1]).toMatch(
      /\[TS\] INFO Kafka Connect stopped \(org\.apache\.kafka\.connect\.runtime\.Connect:92\)\n\[playground\] The playground runs Kafka 4\.1\.0: plugin\.path=libs\/connect-file-4\.1\.0\.jar finds its FileStream connectors, libs\/connect-file-4\.1\.1\.jar does not exist\.\n$/,
    )
  })

  it('refuses a connector file that is missing, has no name, or misses a required config', async () => {
    const worker = 'echo "plugin.path=libs" >> config/connect-standalone.properties\n'
    const outcomes = await run(
      c,
      worker +
        'connect-standalone.sh config/connect-standalone.properties nope.properties\n' +
        'echo connector.class=FileStreamSource > noname.properties\n' +
        'connect-standalone.sh config/connect-standalone.properties noname.properties\n' +
        'echo -e "name=s\\nconnector.class=FileStreamSource" > notopic.properties\n' +
        'connect-standalone.sh config/connect-standalone.properties notopic.properties',
    )
    const refusal = INITIALIZING + STARTED
    expect(outcomes.filter((_, i) => i % 2 === 1)).toEqual([
      [
        3,
        refusal +
          STOPPING_AFTER_ERROR +
          'java.io.FileNotFoundException: nope.properties (No such file or directory)\n' +
          STOPPING,
      ],
      [
        3,
        refusal +
          STOPPING_AFTER_ERROR +
          "org.apache.kafka.connect.errors.ConnectException: Connector configuration at 'noname.properties' is " +
          "missing the mandatory 'name' configuration\n" +
          STOPPING,
      ],
      [
        3,
        refusal +
          FAILED_TO_CREATE('notopic.properties') +
          STOPPING_AFTER_ERROR +
          'java.util.concurrent.ExecutionException: org.apache.kafka.connect.runtime.rest.errors.BadRequestException: ' +
          'Connector configuration is invalid and contains the following 1 error(s):\n' +
          'Missing required configuration "topic" which has no default value.\n' +
          'You can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`\n' +
          'Caused by: org.apache.kafka.connect.runtime.rest.errors.BadRequestException: Connector configuration is ' +
          'invalid and contains the following 1 error(s):\n' +
          'Missing required configuration "topic" which has no default value.\n' +
          'You can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`\n' +
          STOPPING,
      ],
    ])
  })

  it('waits for a source file that does not exist yet, warning at every poll', async () => {
    const outcomes = await run(
      c,
      'echo -e "name=later\\nconnector.class=FileStreamSourceConnector\\nfile=later.txt\\ntopic=later" > later.properties\n' +
        'connect-standalone.sh config/connect-standalone.properties later.properties',
    )
    const warning =
      "[TS] WARN [later|task-0] Couldn't find file later.txt for FileStreamSourceTask, sleeping to wait for it " +
      'to be created (org.apache.kafka.connect.file.FileStreamSourceTask:115)\n'
    expect(outcomes[1]).toEqual([
      130,
      INITIALIZING +
        STARTED +
        '[TS] INFO Created connector later (org.apache.kafka.connect.cli.ConnectStandalone:89)\n' +
        '[TS] INFO [later|task-0] WorkerSourceTask{id=later-0} Source task finished initialization and start ' +
        '(org.apache.kafka.connect.runtime.AbstractWorkerSourceTask:280)\n' +
        warning.repeat(5) +
        STOPPING,
    ])
  })

  it('kills a sink task whose records are not JsonConverter envelopes', async () => {
    const outcomes = await run(
      c,
      'kafka-console-producer.sh --bootstrap-server localhost:9092 --topic plain\n> hello\n' +
        'echo -e "name=plain-sink\\nconnector.class=FileStreamSink\\ntopics=plain\\nfile=plain.txt" > sink.properties\n' +
        'connect-standalone.sh config/connect-standalone.properties sink.properties\n' +
        'cat plain.txt',
    )
    expect(outcomes.slice(2)).toEqual([
      [
        130,
        INITIALIZING +
          STARTED +
          '[TS] INFO Created connector plain-sink (org.apache.kafka.connect.cli.ConnectStandalone:89)\n' +
          '[TS] INFO [plain-sink|task-0] WorkerSinkTask{id=plain-sink-0} Sink task finished initialization and ' +
          'start (org.apache.kafka.connect.runtime.WorkerSinkTask:316)\n' +
          '[TS] ERROR [plain-sink|task-0] WorkerSinkTask{id=plain-sink-0} Task threw an uncaught and unrecoverable ' +
          'exception. Task is being killed and will not recover until manually restarted ' +
          '(org.apache.kafka.connect.runtime.WorkerTask:187)\n' +
          'org.apache.kafka.connect.errors.ConnectException: Tolerance exceeded in error handler\n' +
          'Caused by: org.apache.kafka.connect.errors.DataException: Converting byte[] to Kafka Connect data failed ' +
          'due to serialization error: \n' +
          'Caused by: org.apache.kafka.common.errors.SerializationException: ' +
          "com.fasterxml.jackson.core.JsonParseException: Unrecognized token 'hello': was expecting (JSON String, " +
          "Number, Array, Object or token 'null', 'true' or 'false')\n" +
          ' at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 6]\n' +
          STOPPING,
      ],
      [1, 'cat: plain.txt: No such file or directory\n'],
    ])
  })
})
