/**
 * What curl writes to its stdout for an Elasticsearch response: with `-i`/`--include` (or `-I`) the status
 * line and headers (es/rest/http-response-head.ts), then the body byte for byte as the node sent it. On the
 * terminal a newline follows a body that does not end with one, where the shell's next prompt would start.
 */
import { httpResponseHead } from '../../es/rest/http-response-head.ts'
import { reasonPhrase, type CommandOutcome } from './command-outcome.ts'

export type CurlOutcome = Extract<CommandOutcome, { kind: 'es' }>

/** curl's stdout, as a pipe or a file gets it. */
export function curlOutput(outcome: CurlOutcome): string {
  const head = outcome.include ? httpResponseHead(outcome, reasonPhrase(outcome.status)) : ''
  return head + outcome.body
}

/** curl's stdout as the console shows it. */
export function curlTerminalOutput(outcome: CurlOutcome): string {
  const text = curlOutput(outcome)
  return text.endsWith('\n') || outcome.body === '' ? text : `${text}\n`
}
