/**
 * The text `help` prints: the playground's own commands with what each does, every Kafka tool the
 * console runs (read from KAFKA_TOOLS, so a new tool is listed as soon as it exists), the text filters a pipe
 * feeds (grep, head, tail, wc, sort, uniq, cut, tr, jq, seq), and how Kafka
 * producer input and Elasticsearch requests are typed. Lines stay within 110 columns.
 */
import { KAFKA_TOOLS } from '../kafka/index.ts'

const PLAYGROUND_COMMANDS: ReadonlyArray<readonly [string, string]> = [
  ['help', 'this list'],
  ['clear', 'clear the output pane'],
  ['sleep <seconds>', "wait, as the shell's sleep does (the cluster goes on meanwhile)"],
  ['ls [<file>..]', 'list your files (they last for this page session)'],
  ['cat [<file>..]', 'print files; cat > f.json <<EOF ... EOF writes one'],
  ['echo [-neE] [<word>..]', 'print the words (-e: with backslash escapes such as \\n)'],
  ['more [<file>..]', 'print files, as more does when its output is not a terminal'],
  ['rm [-f] <file>..', 'remove files'],
  ['grep [-Eivcnow] <re> [f..]', 'print the lines matching a pattern (GNU grep: BRE; -E extended, -F fixed)'],
  ['head, tail [-n N] [f..]', 'the first or last N lines (tail -n +N: from line N on)'],
  ['wc [-lwcm] [<file>..]', 'count lines, words, bytes, characters'],
  ['sort [-nrufh] [-t c -k N]', 'sort lines (C locale byte order); uniq [-c] [-d] [-u]: drop repeats'],
  ['cut -d c -f N | -c N-M', 'select fields or characters of each line'],
  ['tr [-ds] <set1> [<set2>]', 'translate, delete or squeeze characters'],
  ['jq [-rcS] <filter> [f..]', "filter JSON as jq 1.7 does (curl -s ... | jq '.hits.hits[]._source')"],
  ['seq [first [incr]] last', 'print a sequence of numbers (seq 1 100 | kafka-console-producer.sh ...)'],
  ['NAME=value', 'set a shell variable: $NAME, ${NAME}, "$(command)", `command` expand as bash does'],
  ['export [NAME[=value]..]', 'export variables (none: list them); unset NAME.. removes them'],
  ['env, printenv [NAME..]', 'print the exported variables'],
  ['a | b, a && b, a || b; c', 'pipes and lists as bash runs them (a pipe passes on output when a ends)'],
  ['<command> &', 'run it in the background, as in a second terminal (its output stays under it)'],
  ['jobs [-l | -p]', 'list the background jobs ([1]+  Running ...)'],
  ['wait [%N | pid..]', 'wait until the background jobs (or those named) have ended'],
  ['kill [-INT | -KILL] %N..', 'signal a job (default SIGTERM): a Kafka tool ends as on Ctrl+C'],
  ['brokers', 'list the Kafka brokers and whether each is running, paused or stopped'],
  ['stop-broker <id>', 'stop a broker cleanly (controlled shutdown: its leaderships move first)'],
  ['kill-broker <id>', "kill a broker's process (the controller fences it when its session expires)"],
  ['start-broker <id>', 'start a stopped or killed broker again'],
  ['pause-broker <id>', "freeze a broker's process, as kill -STOP does: it neither acts nor answers"],
  ['resume-broker <id>', 'let a paused broker go on where it was, as kill -CONT does'],
  ['add-broker', 'start one more broker (broker only, empty log dir; at most 9 brokers)'],
  ['cut-network <id> [<id>..]', 'cut the network between these brokers and the others'],
  ['heal-network', 'reconnect every broker'],
  ['nodes', 'list the Elasticsearch nodes and whether each is running, paused or stopped'],
  ['stop-node <n>', 'stop a node (es-node-<n> or <n>); the master drops it from the cluster'],
  ['kill-node <n>', "kill a node's process (the master removes it when its checks fail)"],
  ['start-node <n>', 'start a stopped or killed node again over its data path'],
  ['pause-node <n>', "freeze a node's JVM, as kill -STOP does: it neither acts nor answers"],
  ['resume-node <n>', 'let a paused node go on where it was, as kill -CONT does'],
  ['cut-node-network <n>..', 'cut the network between these nodes and the others'],
  ['heal-node-network', 'reconnect every node'],
]

const WIDTH = 110
const USAGE_COLUMN = 29

/** Names joined by ", " and wrapped at WIDTH, each line indented by two spaces. */
function wrapList(names: readonly string[]): string {
  const lines: string[] = []
  let line = ''
  for (const [i, name] of names.entries()) {
    const item = i < names.length - 1 ? `${name},` : name
    if (line !== '' && 2 + line.length + 1 + item.length > WIDTH) {
      lines.push(line)
      line = item
    } else line = line === '' ? item : `${line} ${item}`
  }
  lines.push(line)
  return lines.map((l) => `  ${l}\n`).join('')
}

export function helpText(): string {
  const commands = PLAYGROUND_COMMANDS.map(
    ([usage, what]) => `  ${usage.padEnd(USAGE_COLUMN - 2)}${what}\n`,
  ).join('')
  const tools = [...KAFKA_TOOLS.keys()].map((name) => `${name}.sh`)
  return (
    "Playground commands (a terminal's, and what happens to hosts in real life):\n" +
    commands +
    '\nKafka tools (Kafka 4.x, KRaft; with or without .sh, under bin/ or not):\n' +
    wrapList(tools) +
    "  Lines after kafka-console-producer.sh that start with '>' are the messages typed at its prompt.\n" +
    '  The brokers run with config/server.properties (broker 1) and config/server-<id>.properties: cat them.\n' +
    '  connect-standalone.sh runs the FileStream connectors of config/connect-file-*.properties until Stop\n' +
    '  (end it with &, then read test.sink.txt while it runs).\n' +
    '  kafka-run-class.sh runs the Streams quickstart (org.apache.kafka.streams.examples.wordcount.WordCountDemo,\n' +
    '  WordCountProcessorDemo, pipe.PipeDemo) until Stop; and TransactionalMessageCopier.\n' +
    'Elasticsearch (8.x): Kibana Dev Tools requests (GET /, PUT my-index/_doc/1 + JSON body, ...) go to\n' +
    '  the first running node; curl lines to localhost:9200 (es-node-1) ... localhost:9208 (es-node-9).\n' +
    "  Every node reads config/elasticsearch.yml (one file for all, the image's own until you write yours, e.g.\n" +
    '  path.repo: ["/mount/backups"] or node.attr.rack: r1) when it starts: stop-node and start-node each node to\n' +
    '  apply it. The directories under path.repo are one filesystem shared by all nodes and kept across reloads.\n'
  )
}
