/**
 * kafka-run-class.sh: runs a Java main class with Kafka's classpath (`kafka-run-class.sh [-daemon] [-name
 * servicename] [-loggc] classname [opts]`). The playground has the classes that no other script runs and that
 * course notes start this way: org.apache.kafka.tools.TransactionalMessageCopier and the streams-examples
 * programs of the Kafka Streams quickstart and tutorial (WordCountDemo, WordCountProcessorDemo and PipeDemo:
 * streams/); any other Kafka class answers a `[playground]` line (exit 1), a class that is not on the classpath the JVM's `Error: Could not find or load main class <c>` /
 * `Caused by: java.lang.ClassNotFoundException: <c>` (exit 1), and no class the script's USAGE line (exit 1).
 */
import type { Tool } from '../tool.ts'
import { transactionalMessageCopier } from './transactional-message-copier.ts'
import { streamsMain } from './streams/streams-main.ts'
import { WORD_COUNT_DEMO } from './streams/word-count-demo.ts'
import { WORD_COUNT_PROCESSOR_DEMO } from './streams/word-count-processor-demo.ts'
import { PIPE_DEMO } from './streams/pipe-demo.ts'

const EXAMPLES = 'org.apache.kafka.streams.examples'
const MAIN_CLASSES: ReadonlyMap<string, Tool> = new Map([
  ['org.apache.kafka.tools.TransactionalMessageCopier', transactionalMessageCopier],
  [`${EXAMPLES}.wordcount.WordCountDemo`, streamsMain(WORD_COUNT_DEMO, true)],
  [`${EXAMPLES}.wordcount.WordCountProcessorDemo`, streamsMain(WORD_COUNT_PROCESSOR_DEMO, true)],
  [`${EXAMPLES}.pipe.PipeDemo`, streamsMain(PIPE_DEMO, false)],
])
/** The script's own options, which it takes before the class name. */
const SCRIPT_FLAGS = new Set(['-daemon', '-loggc'])

export const kafkaRunClass: Tool = async (argv, context) => {
  let at = 0
  while (at < argv.length) {
    const arg = argv[at] ?? ''
    if (arg === '-name') at += 2
    else if (SCRIPT_FLAGS.has(arg)) at++
    else break
  }
  const className = argv[at]
  if (className === undefined) {
    context.out.stdout(
      `USAGE: ${context.scriptName ?? 'kafka-run-class.sh'} [-daemon] [-name servicename] [-loggc] classname [opts]\n`,
    )
    return 1
  }
  const main = MAIN_CLASSES.get(className)
  if (main !== undefined) return main(argv.slice(at + 1), context)
  if (className.startsWith('org.apache.kafka.') || className.startsWith('kafka.')) {
    context.out.stderr(
      `[playground] kafka-run-class.sh runs only ${[...MAIN_CLASSES.keys()].join(', ')} here; the other Kafka classes have their own scripts.\n`,
    )
    return 1
  }
  context.out.stderr(
    `Error: Could not find or load main class ${className}\nCaused by: java.lang.ClassNotFoundException: ${className}\n`,
  )
  return 1
}
