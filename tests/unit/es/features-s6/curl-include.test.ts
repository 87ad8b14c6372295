// `curl -i` / `--include` (and `-I`): the status line and headers before the body, as ES 8.17 sends them and
// curl prints them (HTTP/1.1 <status> <reason>, X-elastic-product, one `Warning: 299 Elasticsearch-8.17.0-
// <build hash> "<text>"` per deprecation warning, content-type, content-length, an empty line), with
// HeaderWarning.escapeAndEncode's escaping; without the flag, and in Dev Tools, the output is unchanged.
import { describe, expect, it } from 'vitest'
import type { EsDirectory, RestRequest, RestResponse } from '../../../../workers/protocol/es.ts'
import { escapeAndEncode, httpResponseHead } from '../../../../workers/es/rest/http-response-head.ts'
import { runCommand, type ShellEnvironment } from '../../../../workers/tools/shell/shell.ts'
import { ShellFiles } from '../../../../workers/tools/shell/shell-files.ts'
import { ShellVariables } from '../../../../workers/tools/shell/shell-variables.ts'
import { JobTable } from '../../../../workers/tools/shell/jobs.ts'
import { Random } from '../../../../workers/net/random.ts'
import { parseScript } from '../../../../workers/tools/script/parse-script.ts'
import { formatOutcome } from '../../../../workers/tools/scenario/transcript.ts'
import type { KafkaClients } from '../../../../workers/clients/kafka/api.ts'
import type { PlaygroundControl } from '../../../../workers/tools/shell/playground-commands.ts'

const HASH = '2b6a7fed44faa321997703718f07ee0420804b41'
const WARNING = 'Legacy index templates are deprecated in favor of composable templates.'

function directory(response: RestResponse): EsDirectory {
  return {
    ids: () => [1],
    isRunning: () => true,
    isPaused: () => false,
    node: () => ({ handleRequest: (_request: RestRequest) => Promise.resolve(response) }),
  }
}

async function run(line: string, response: RestResponse): Promise<string> {
  const env: ShellEnvironment = {
    kafka: {} as KafkaClients,
    es: directory(response),
    clock: { now: () => 0, sleep: () => Promise.resolve() },
    playground: {} as PlaygroundControl,
    files: new ShellFiles(),
    variables: new ShellVariables(),
    jobs: new JobTable(),
    random: new Random(1),
  }
  const [command] = parseScript(line)
  const quiet = { stdout: () => undefined, stderr: () => undefined }
  const outcome = await runCommand(command!, env, quiet, {
    interrupted: false,
    whenInterrupted: new Promise(() => undefined),
  })
  return formatOutcome(outcome)
}

const ACK: RestResponse = {
  status: 200,
  contentType: 'application/json',
  body: '{"acknowledged":true}',
  warnings: [WARNING],
}

describe('curl -i', () => {
  it('prints the status line and headers, then the body', async () => {
    const head =
      'HTTP/1.1 200 OK\n' +
      'X-elastic-product: Elasticsearch\n' +
      `Warning: 299 Elasticsearch-8.17.0-${HASH} "${WARNING}"\n` +
      'content-type: application/json\n' +
      'content-length: 21\n' +
      '\n'
    const put = `curl -i -XPUT localhost:9200/_template/t -H 'Content-Type: application/json' -d '{}'`
    expect(await run(put, ACK)).toBe(`${head}{"acknowledged":true}\n`)
    expect(await run(`curl -si --include localhost:9200/_template/t`, ACK)).toBe(
      `${head}{"acknowledged":true}\n`,
    )
    expect(await run(`curl -s localhost:9200/_template/t`, ACK)).toBe('{"acknowledged":true}\n')
    expect(await run(`GET _template/t`, ACK)).toBe(`200 OK\n#! ${WARNING}\n{\n  "acknowledged" : true\n}\n`)
  })

  it('names a _cat table text/plain and counts the body in UTF-8 bytes', async () => {
    const table: RestResponse = { status: 404, contentType: 'text/plain', body: 'ü\n' }
    expect(await run('curl -i localhost:9200/_cat/indices', table)).toBe(
      'HTTP/1.1 404 Not Found\nX-elastic-product: Elasticsearch\n' +
        'content-type: text/plain; charset=UTF-8\ncontent-length: 3\n\nü\n',
    )
    expect(httpResponseHead({ status: 200, contentType: 'application/json', body: '' }, 'OK')).toBe(
      'HTTP/1.1 200 OK\nX-elastic-product: Elasticsearch\ncontent-type: application/json\ncontent-length: 0\n\n',
    )
  })

  it('escapes and encodes a warning as HeaderWarning does', () => {
    expect(escapeAndEncode('a "quoted" \\ path')).toBe('a \\"quoted\\" \\\\ path')
    expect(escapeAndEncode('100% done')).toBe('100%25 done')
    expect(escapeAndEncode('tab\there, line\nbreak')).toBe('tab\there, line%0Abreak')
    expect(escapeAndEncode('café ✓✓ 日')).toBe('café %E2%9C%93%E2%9C%93 %E6%97%A5')
  })
})
