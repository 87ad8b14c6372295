/**
 * The quickstart's tools on the headless cluster: kafka-storage.sh (StorageTool of Kafka 4.1), kafka-cluster.sh
 * (ClusterTool), kafka-server-start.sh / kafka-server-stop.sh and the brokers' config/server.properties, with
 * the shell's variables and substitutions carrying values from one command to the next.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { HeadlessCluster } from '../../../../workers/tools/scenario/headless-cluster.ts'
import { parseScript } from '../../../../workers/tools/script/parse-script.ts'
import { runCommand } from '../../../../workers/tools/shell/shell.ts'
import { formatOutcome } from '../../../../workers/tools/scenario/transcript.ts'
import { headlessTestCluster } from '../../scenario/wasm.ts'

const CLUSTER_ID = 'MkU3OEVBNTcwNTJENDM2Qk'
const FORMATTED_HINT =
  "[playground] The cluster's 3 brokers were formatted when it was created and are running: " +
  'kafka-cluster.sh cluster-id --bootstrap-server localhost:9092 shows its id.\n'

/** Each command's exit code (or HTTP status) and printed outcome. */
async function run(c: HeadlessCluster, script: string): Promise<[number, string][]> {
  const never = { interrupted: false, whenInterrupted: new Promise<void>(() => undefined) }
  const quiet = { stdout: () => undefined, stderr: () => undefined }
  const outcomes: [number, string][] = []
  for (const command of parseScript(script)) {
    const outcome = await c.run(runCommand(command, c.env, quiet, never))
    outcomes.push([outcome.kind === 'es' ? outcome.status : outcome.exitCode, formatOutcome(outcome)])
  }
  return outcomes
}

async function one(c: HeadlessCluster, line: string): Promise<[number, string]> {
  const [outcome] = await run(c, line)
  if (outcome === undefined) throw new Error(`no command in ${line}`)
  return outcome
}

describe('the shell session', () => {
  let c: HeadlessCluster
  beforeAll(async () => {
    c = await headlessTestCluster(3, 1, 1)
  })

  it('keeps a random-uuid in a variable: a Kafka Uuid from the seeded stream, a new one each time', async () => {
    const outcomes = await run(
      c,
      'ID="$(bin/kafka-storage.sh random-uuid)"\necho $ID\nkafka-storage.sh random-uuid\necho "$?"',
    )
    expect(outcomes[0]).toEqual([0, ''])
    const id = outcomes[1]?.[1].trim() ?? ''
    expect(id).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{20}[AQgw]$/)
    expect(outcomes[2]?.[1].trim()).not.toBe(id)
    expect(outcomes[3]).toEqual([0, '0\n'])
  })

  it("sets $? and gives an assignment line its substitution's status, its stderr on the terminal", async () => {
    expect(await run(c, 'X=$(cat missing.txt)\necho $?')).toEqual([
      [1, 'cat: missing.txt: No such file or directory\n'],
      [0, '1\n'],
    ])
  })

  it('gives a command its NAME=value prefixes without keeping them', async () => {
    expect(await run(c, 'export A=1\nB=2 printenv\nprintenv B')).toEqual([
      [0, ''],
      [0, 'A=1\nB=2\n'],
      [1, ''],
    ])
  })

  it('expands a here-document with an unquoted delimiter, and not one with a quoted delimiter', async () => {
    const outcomes = await run(
      c,
      'T=orders\ncat <<EOF\n{"topic": "$T", "n": "$(echo 1)", "lit": "\\$T"}\nEOF\ncat <<\'EOF\'\n"$T"\nEOF',
    )
    expect(outcomes.slice(1)).toEqual([
      [0, '{"topic": "orders", "n": "1", "lit": "$T"}\n'],
      [0, '"$T"\n'],
    ])
  })

  it('expands variables in a Kafka command line and in redirection targets', async () => {
    const outcomes = await run(
      c,
      'T=vars-topic\nF=out.txt\nkafka-topics.sh --bootstrap-server localhost:9092 --create --topic "$T" > $F\ncat ${F}',
    )
    expect(outcomes.slice(2)).toEqual([
      [0, ''],
      [0, 'Created topic vars-topic.\n'],
    ])
  })
})

describe('config/server.properties', () => {
  let c: HeadlessCluster
  beforeAll(async () => {
    c = await headlessTestCluster(4, 1, 1)
  })

  it('shows what broker 1 runs with, in the 4.x layout', async () => {
    const [code, text] = await one(c, 'cat config/server.properties')
    expect(code).toBe(0)
    expect(text).toContain('\n############################# Server Basics #############################\n')
    for (const line of [
      'process.roles=broker,controller',
      'node.id=1',
      'controller.quorum.voters=1@localhost:19092,2@localhost:19093,3@localhost:19094',
      'listeners=PLAINTEXT://:9092,CONTROLLER://:19092',
      'advertised.listeners=PLAINTEXT://localhost:9092,CONTROLLER://localhost:19092',
      'controller.listener.names=CONTROLLER',
      'log.dirs=/tmp/kraft-combined-logs',
    ]) {
      expect(text.split('\n')).toContain(line)
    }
  })

  it('has a file per broker, broker-only ones without a controller listener, and none for others', async () => {
    const [, text] = await one(c, 'cat ./config/server-4.properties')
    expect(text.split('\n')).toEqual(
      expect.arrayContaining(['process.roles=broker', 'node.id=4', 'listeners=PLAINTEXT://:9095']),
    )
    expect(text).toContain('log.dirs=/tmp/kraft-combined-logs-4\n')
    expect(await one(c, 'cat config/server-5.properties')).toEqual([
      1,
      'cat: config/server-5.properties: No such file or directory\n',
    ])
  })

  it("lets a learner's copy of the same name take its place", async () => {
    const [, text] = await one(c, 'echo node.id=7 >> config/server.properties')
    expect(text).toBe('')
    const [, copy] = await one(c, 'cat config/server.properties')
    expect(copy).toMatch(/log\.dirs=\/tmp\/kraft-combined-logs\nnode\.id=7\n$/)
    expect(await one(c, 'kafka-storage.sh format -t x -c config/server.properties')).toEqual([
      1,
      'Exception in thread "main" java.lang.RuntimeException: Invalid cluster.id in: ' +
        `/tmp/kraft-combined-logs/meta.properties. Expected x, but read ${CLUSTER_ID}\n${FORMATTED_HINT.replace('3', '4')}`,
    ])
    await one(c, 'rm config/server.properties')
  })
})

describe('kafka-storage.sh', () => {
  let c: HeadlessCluster
  beforeAll(async () => {
    c = await headlessTestCluster(3, 1, 1)
  })

  it('refuses --standalone for a static quorum, as StorageTool does', async () => {
    expect(await one(c, 'kafka-storage.sh format --standalone -t x -c config/server.properties')).toEqual([
      1,
      'You cannot specify controller.quorum.voters and format the node with --initial-controllers or --standalone. ' +
        'If you want to use dynamic quorum, please remove controller.quorum.voters and specify ' +
        `controller.quorum.bootstrap.servers instead.\n${FORMATTED_HINT}`,
    ])
  })

  it('answers for log dirs formatted with the cluster id, with and without --ignore-formatted', async () => {
    expect(await one(c, `kafka-storage.sh format -t ${CLUSTER_ID} -c config/server-2.properties`)).toEqual([
      1,
      'Log directory /tmp/kraft-combined-logs-2 is already formatted. Use --ignore-formatted to ignore this ' +
        `directory and format the others.\n${FORMATTED_HINT}`,
    ])
    expect(await one(c, `kafka-storage.sh format -g -t ${CLUSTER_ID} -c config/server-2.properties`)).toEqual(
      [0, 'All of the log directories are already formatted.\n'],
    )
  })

  it("reports the meta.properties of a broker's log dir with info", async () => {
    const [code, text] = await one(c, 'kafka-storage.sh info -c config/server-3.properties')
    expect(code).toBe(0)
    expect(text).toMatch(
      new RegExp(
        '^Found log directory:\n  /tmp/kraft-combined-logs-3\n\n' +
          `Found metadata: \\{cluster.id=${CLUSTER_ID}, directory.id=[\\w-]{22}, node.id=3, version=1\\}\n\n$`,
      ),
    )
  })

  it('fails on a missing properties file as the JVM does', async () => {
    expect(await one(c, 'kafka-storage.sh info -c nope.properties')).toEqual([
      1,
      'Exception in thread "main" java.nio.file.NoSuchFileException: nope.properties\n',
    ])
  })

  it("answers argparse4j's usage errors", async () => {
    expect(await one(c, 'kafka-storage.sh')).toEqual([
      1,
      'usage: kafka-storage [-h]\n' +
        '                     {info,format,version-mapping,feature-dependencies,random-uuid}\n' +
        '                     ...\n' +
        'kafka-storage: error: too few arguments\n',
    ])
    const [, invalid] = await one(c, 'kafka-storage.sh version')
    expect(invalid).toMatch(
      /kafka-storage: error: invalid choice: 'version' \(choose from 'info', 'format', 'version-mapping', 'feature-dependencies', 'random-uuid'\)\n$/,
    )
    expect(await one(c, 'kafka-storage.sh info --bogus')).toEqual([
      1,
      "usage: kafka-storage info [-h] --config CONFIG\nkafka-storage info: error: unrecognized arguments: '--bogus'\n",
    ])
    expect((await one(c, 'kafka-storage.sh format -t x -c config/server.properties -s -N'))[1]).toMatch(
      /kafka-storage format: error: argument --no-initial-controllers\/-N: not allowed with argument --standalone\/-s\n$/,
    )
    expect((await one(c, 'kafka-storage.sh format -c'))[1]).toMatch(
      /kafka-storage format: error: argument --config\/-c: expected one argument\n$/,
    )
  })
})

describe('kafka-cluster.sh', () => {
  let c: HeadlessCluster
  beforeAll(async () => {
    c = await headlessTestCluster(3, 1, 1)
  })

  it('prints the cluster id the brokers have, and their endpoints', async () => {
    expect(await one(c, 'kafka-cluster.sh cluster-id --bootstrap-server localhost:9093')).toEqual([
      0,
      `Cluster ID: ${CLUSTER_ID}\n`,
    ])
    const [, table] = await one(c, 'kafka-cluster.sh list-endpoints -b localhost:9092')
    expect(table.split('\n')[0]).toBe('ID         HOST      PORT       RACK       STATE      ENDPOINT_TYPE  ')
    expect(table.split('\n')[2]).toBe('2          localhost 9093       null       unfenced   broker         ')
  })

  it('needs one of --bootstrap-server and --bootstrap-controller', async () => {
    expect(await one(c, 'kafka-cluster.sh cluster-id')).toEqual([
      1,
      'usage: kafka-cluster cluster-id [-h] (--bootstrap-server BOOTSTRAP_SERVER |\n' +
        '                                --bootstrap-controller BOOTSTRAP_CONTROLLER)\n' +
        '                                [--config CONFIG]\n' +
        'kafka-cluster cluster-id: error: one of the arguments --bootstrap-server/-b --bootstrap-controller/-C is required\n',
    ])
  })
})

describe('kafka-server-start.sh and kafka-server-stop.sh', () => {
  let c: HeadlessCluster
  beforeAll(async () => {
    c = await headlessTestCluster(3, 1, 1)
  })

  it('fails to lock the log dir of a running broker, and says nothing of it with -daemon', async () => {
    const [code, text] = await one(c, 'bin/kafka-server-start.sh config/server.properties')
    expect(code).toBe(1)
    expect(text).toMatch(
      /^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}\] ERROR Exiting Kafka due to fatal exception \(kafka\.Kafka\$\)\n/,
    )
    expect(text).toContain(
      'org.apache.kafka.common.KafkaException: Failed to acquire lock on file .lock in /tmp/kraft-combined-logs. ' +
        'A Kafka instance in another process or thread is using this directory.\n[playground] Broker 1 is already running',
    )
    const [daemonCode, daemon] = await one(c, 'kafka-server-start.sh -daemon config/server-2.properties')
    expect(daemonCode).toBe(0)
    expect(daemon).toMatch(/^\[playground\] Broker 2 is already running/)
  })

  it('prints its usage with $0 as typed', async () => {
    expect(await one(c, './bin/kafka-server-start.sh')).toEqual([
      1,
      'USAGE: ./bin/kafka-server-start.sh [-daemon] server.properties [--override property=value]*\n',
    ])
  })

  it('stops the brokers a node id or role names, and starts a stopped one again', async () => {
    expect((await one(c, 'kafka-server-stop.sh --process-role=broker'))[1]).toBe(
      '[playground] SIGTERM stopped no broker (controlled shutdown). start-broker N starts one again.\n',
    )
    expect(await one(c, 'kafka-server-stop.sh --node-id=3')).toEqual([
      0,
      '[playground] SIGTERM stopped broker(s) 3 (controlled shutdown). start-broker N starts one again.\n',
    ])
    const [code, started] = await one(c, 'kafka-server-start.sh config/server-3.properties')
    expect(code).toBe(0)
    expect(started).toMatch(
      /^\[[^\]]+\] INFO \[KafkaRaftServer nodeId=3\] Kafka Server started \(kafka\.server\.KafkaRaftServer\)\n\[playground\] Broker 3 started/,
    )
    expect((await one(c, 'brokers'))[1]).toContain('Broker 3 (localhost:9094, broker, controller): running')
  })

  it('starts a broker with the authorizer its file names, and warns when User:ANONYMOUS gets no access', async () => {
    await one(c, 'kafka-server-stop.sh --node-id=3')
    await run(
      c,
      'cat > acl.properties <<EOF\nnode.id=3\nauthorizer.class.name=kafka.security.authorizer.AclAuthorizer\nEOF',
    )
    expect(await one(c, 'kafka-server-start.sh -daemon acl.properties')).toEqual([
      1,
      "[playground] The brokers run Kafka 4.1's own authorizer only: authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer.\n",
    ])
    await run(
      c,
      'cat > std.properties <<EOF\nnode.id=3\nauthorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer\nEOF',
    )
    expect(await one(c, 'kafka-server-start.sh -daemon std.properties')).toEqual([
      0,
      '[playground] Broker 3 started, as start-broker 3 does; it runs in the background, so the prompt returns.\n' +
        "[playground] The playground's clients and brokers connect without authentication (User:ANONYMOUS over PLAINTEXT) " +
        'and its brokers enforce no ACLs; a real cluster with this file denies them, the brokers among them, ' +
        'unless super.users lists User:ANONYMOUS or allow.everyone.if.no.acl.found=true.\n',
    ])
    await one(c, 'sleep 15')
    expect(await one(c, 'kafka-acls.sh --bootstrap-server localhost:9094 --list')).toEqual([0, ''])
    expect((await one(c, 'kafka-acls.sh --bootstrap-server localhost:9092 --list'))[1]).toMatch(
      /^Error while executing ACL command: org\.apache\.kafka\.common\.errors\.SecurityDisabledException: No Authorizer is configured on the broker\n/,
    )
    // Broker 3 keeps its file when start-broker starts it again.
    await one(c, 'stop-broker 3')
    await one(c, 'start-broker 3')
    await one(c, 'sleep 15')
    expect(await one(c, 'kafka-acls.sh --bootstrap-server localhost:9094 --list')).toEqual([0, ''])
  })

  it("takes the file's auto.create.topics.enable as the broker's static config, refusing a value KafkaConfig refuses", async () => {
    await one(c, 'kafka-server-stop.sh --node-id=3')
    await run(c, 'cat > bad.properties <<EOF\nnode.id=3\nauto.create.topics.enable=maybe\nEOF')
    const [code, text] = await one(c, 'kafka-server-start.sh bad.properties')
    expect(code).toBe(1)
    expect(text).toMatch(
      /^\[\S+ \S+\] ERROR Exiting Kafka due to fatal exception \(kafka\.Kafka\$\)\norg\.apache\.kafka\.common\.config\.ConfigException: Invalid value maybe for configuration auto\.create\.topics\.enable: Expected value to be either true or false\n$/,
    )
    await run(c, 'cat > noauto.properties <<EOF\nnode.id=3\nauto.create.topics.enable=FALSE\nEOF')
    expect((await one(c, 'kafka-server-start.sh -daemon noauto.properties'))[0]).toBe(0)
    await one(c, 'sleep 15')
    const [, described] = await one(
      c,
      'kafka-configs.sh --bootstrap-server localhost:9094 --describe --broker 3 --all',
    )
    expect(described).toContain(
      '  auto.create.topics.enable=false sensitive=false synonyms={STATIC_BROKER_CONFIG:auto.create.topics.enable=false, DEFAULT_CONFIG:auto.create.topics.enable=true}\n',
    )
    // Broker 3 does not create a topic a producer asks it for; broker 1 still would.
    const [, produced] = await one(
      c,
      'kafka-console-producer.sh --bootstrap-server localhost:9094 --topic fresh --max-block-ms 2000\n> hello',
    )
    expect(produced).toContain('Topic fresh not present in metadata after 2000 ms.')
    expect((await one(c, 'kafka-topics.sh --bootstrap-server localhost:9092 --list'))[1]).not.toContain(
      'fresh',
    )
    await one(c, 'stop-broker 3')
    await one(c, 'start-broker 3')
  })

  it('stops every broker without arguments, then has none to stop', async () => {
    expect((await one(c, 'kafka-server-stop.sh'))[1]).toContain('SIGTERM stopped broker(s) 1, 2, 3')
    expect(await one(c, 'kafka-server-stop.sh')).toEqual([1, 'No kafka server to stop\n'])
  })
})
