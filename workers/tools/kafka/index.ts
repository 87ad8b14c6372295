/**
 * The Kafka command-line tools by the name a learner types (with or without `.sh`), and the shell's answer
 * for a `kafka-*` name that does not exist: `bash: kafka-foo.sh: command not found`, exit 127, plus a
 * `[playground]` did-you-mean line when a known tool is within edit distance 2.
 */
import type { Tool, ToolContext } from '../tool.ts'
import { kafkaConsoleConsumer } from './console-consumer.ts'
import { kafkaConsoleProducer } from './console-producer.ts'
import { kafkaTopics } from './topic-command.ts'

export const KAFKA_TOOLS: ReadonlyMap<string, Tool> = new Map([
  ['kafka-topics', kafkaTopics],
  ['kafka-console-producer', kafkaConsoleProducer],
  ['kafka-console-consumer', kafkaConsoleConsumer],
])

const COMMAND_NOT_FOUND = 127

/** Levenshtein distance. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution))
    }
    previous = current
  }
  return previous[b.length] ?? 0
}

/** Runs `name` (as typed, `kafka-topics.sh` or `kafka-topics`) with argv. */
export async function runKafkaTool(
  name: string,
  argv: readonly string[],
  context: ToolContext,
): Promise<number> {
  const base = name.endsWith('.sh') ? name.slice(0, -3) : name
  const tool = KAFKA_TOOLS.get(base)
  if (tool !== undefined) return tool(argv, context)
  context.out.stderr(`bash: ${name}: command not found\n`)
  const suggestion = [...KAFKA_TOOLS.keys()]
    .map((known) => ({ known, distance: editDistance(base, known) }))
    .filter((entry) => entry.distance <= 2)
    .sort((a, b) => a.distance - b.distance)[0]
  if (suggestion !== undefined) {
    const typed = name.endsWith('.sh') ? `${suggestion.known}.sh` : suggestion.known
    context.out.stderr(`[playground] Did you mean ${typed}?\n`)
  }
  return COMMAND_NOT_FOUND
}
