/**
 * The playground's own commands: what happens to hosts in real life and what a terminal offers, never
 * pretending to be a Kafka or Elasticsearch tool. `help` lists them; an unknown word is answered as
 * bash answers an unknown command.
 */
import type { ToolOutput } from '../tool.ts'

export interface PlaygroundControl {
  /** Clears the output pane (the console does it; the headless runner has nothing to clear). */
  clear(): void
}

const HELP = `Playground commands:
  help                 this list
  clear                clear the output pane

Kafka tools (Kafka 4.x, KRaft): kafka-topics.sh, kafka-console-producer.sh, kafka-console-consumer.sh
  Lines after kafka-console-producer.sh that start with '>' are the messages typed at its prompt.
Elasticsearch (8.x): Kibana Dev Tools requests (GET /, PUT my-index/_doc/1 + JSON body, ...)
  and curl lines to localhost:9200.
`

export function runPlaygroundCommand(
  name: string,
  _args: readonly string[],
  out: ToolOutput,
  control: PlaygroundControl,
): Promise<number> {
  switch (name) {
    case 'help':
      out.stdout(HELP)
      return Promise.resolve(0)
    case 'clear':
      control.clear()
      return Promise.resolve(0)
    default:
      out.stderr(`bash: ${name}: command not found\n`)
      return Promise.resolve(127)
  }
}
