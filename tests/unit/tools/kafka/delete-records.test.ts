/**
 * kafka-delete-records (DeleteRecordsCommand of Kafka 4.1) over a fake Admin: the two lines and one line per
 * partition in the HashMap order of the admin's result, `-1` passed through as the high watermark, failed
 * partitions as `error: <exception>` with exit 0; and its errors: the usage for no arguments or a missing
 * required option, everything else escaping main as `Exception in thread "main" ...` (the JSON checks of
 * parseOffsetJsonStringWithoutDedup, the duplicate check, missing files, joptsimple).
 */
import { describe, expect, it } from 'vitest'
import { kafkaDeleteRecords } from '../../../../workers/tools/kafka/delete-records-command.ts'
import { ShellFiles } from '../../../../workers/tools/shell/shell-files.ts'
import { harness } from './fakes.ts'

const B = ['--bootstrap-server', 'localhost:9092']
const MAIN = 'Exception in thread "main" '

async function run(argv: string[], files: Record<string, string> = {}) {
  const h = harness()
  const shell = new ShellFiles()
  for (const [path, text] of Object.entries(files)) shell.write(path, text)
  h.context.files = shell
  for (const p of [0, 1, 2, 10]) {
    h.admin.logStart.set(`t-${p}`, 0)
    h.admin.logEnd.set(`t-${p}`, 5)
  }
  const code = await kafkaDeleteRecords(argv, h.context)
  return { code, stdout: h.stdout(), stderr: h.stderr(), admin: h.admin }
}

const withFile = (json: string) => run([...B, '--offset-json-file', 'o.json'], { 'o.json': json })

describe('kafka-delete-records', () => {
  // TopicPartition("t", p).hashCode() is 31 * (31 + p) + 116: buckets 5, 4, 3 and 11 of 16 for t-0, t-1,
  // t-2 and t-10, so a HashMap lists t-2, t-1, t-0, t-10.
  it('deletes below each offset and prints the low watermarks in HashMap order', async () => {
    const partitions = [10, 2, 0, 1].map((p) => ({ topic: 't', partition: p, offset: p === 1 ? -1 : 3 }))
    const result = await withFile(JSON.stringify({ partitions, version: 1 }))
    expect(result.code).toBe(0)
    expect(result.stdout).toBe(
      'Executing records delete operation\n' +
        'Records delete operation completed:\n' +
        'partition: t-2\tlow_watermark: 3\n' +
        'partition: t-1\tlow_watermark: 5\n' +
        'partition: t-0\tlow_watermark: 3\n' +
        'partition: t-10\tlow_watermark: 3\n',
    )
    expect(result.admin.deleteRecordsCalls).toEqual([
      [
        { topic: 't', partition: 10, beforeOffset: 3 },
        { topic: 't', partition: 2, beforeOffset: 3 },
        { topic: 't', partition: 0, beforeOffset: 3 },
        { topic: 't', partition: 1, beforeOffset: -1 },
      ],
    ])
  })

  it('prints a failed partition as its exception and still exits 0', async () => {
    const result = await withFile(
      '{"partitions":[{"topic":"t","partition":0,"offset":9},{"topic":"nope","partition":0,"offset":1}]}',
    )
    expect(result).toMatchObject({ code: 0, stderr: '' })
    expect(result.stdout.split('\n').slice(2)).toEqual([
      'partition: nope-0\terror: org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node assignment. Call: deleteRecords(api=METADATA)',
      'partition: t-0\terror: org.apache.kafka.common.errors.OffsetOutOfRangeException: The requested offset is not within the range of offsets maintained by the server.',
      '',
    ])
  })

  it('refuses bad offset files as the tool does, before anything is deleted', async () => {
    const cases: Array<[string, string]> = [
      [
        'not json',
        'org.apache.kafka.server.common.AdminOperationException: The input string is not a valid JSON',
      ],
      ['', 'org.apache.kafka.server.common.AdminOperationException: The input string is not a valid JSON'],
      [
        '{"version":2}',
        'org.apache.kafka.server.common.AdminOperationException: Not supported version field value 2',
      ],
      [
        '{"version":"1"}',
        'com.fasterxml.jackson.databind.JsonMappingException: Expected `Integer` value, received "1"',
      ],
      ['{"version":1}', 'org.apache.kafka.server.common.AdminOperationException: Missing partitions field'],
      ['[1]', 'com.fasterxml.jackson.databind.JsonMappingException: Expected JSON object, received [1]'],
      [
        '{"partitions":2}',
        'com.fasterxml.jackson.databind.JsonMappingException: Expected JSON array, received 2',
      ],
      [
        '{"partitions":[{"topic":"t","partition":0}]}',
        'com.fasterxml.jackson.databind.JsonMappingException: No such field exists: `offset`',
      ],
      [
        '{"partitions":[{"topic":"t","partition":0,"offset":1.5}]}',
        'com.fasterxml.jackson.databind.JsonMappingException: Expected `Long` value, received 1.5',
      ],
      [
        '{"partitions":[{"topic":"t","partition":1,"offset":1},{"topic":"t","partition":0,"offset":1},' +
          '{"topic":"t","partition":0,"offset":2},{"topic":"t","partition":1,"offset":0}]}',
        'org.apache.kafka.server.common.AdminCommandFailedException: Offset json file contains duplicate topic partitions: t-1,t-0',
      ],
    ]
    for (const [json, exception] of cases) {
      const result = await withFile(json)
      expect(result).toMatchObject({ code: 1, stdout: '', stderr: `${MAIN}${exception}\n` })
      expect(result.admin.deleteRecordsCalls).toEqual([])
    }
  })

  it('prints the usage for no arguments, --help and a missing required option', async () => {
    const none = await run([])
    expect(none.code).toBe(1)
    expect(none.stderr.split('\n')[0]).toBe(
      'This tool helps to delete records of the given partitions down to the specified offset.',
    )
    expect(none.stderr).toContain(
      '--offset-json-file <String: Offset     REQUIRED: The JSON file with offset',
    )
    expect((await run(['--help'])).stderr).toBe(none.stderr)
    const missing = await run(B)
    expect(missing.stderr.split('\n')[0]).toBe('Missing required argument "[offset-json-file]"')
    expect((await run(['--offset-json-file', 'o.json'])).stderr.split('\n')[0]).toBe(
      'Missing required argument "[bootstrap-server]"',
    )
    expect(await run(['--version'])).toMatchObject({ code: 0, stdout: '4.1.0\n' })
  })

  it('lets file and option errors escape main', async () => {
    expect((await run([...B, '--offset-json-file', 'missing.json'])).stderr).toBe(
      `${MAIN}java.nio.file.NoSuchFileException: missing.json\n`,
    )
    // The command config is read first, as the admin client is created before the offset file is read.
    expect(
      (await run([...B, '--offset-json-file', 'missing.json', '--command-config', 'a.properties'])).stderr,
    ).toBe(`${MAIN}java.nio.file.NoSuchFileException: a.properties\n`)
    const unknown = await run([...B, '--offset-json', 'o.json'])
    expect(unknown.code).toBe(1)
    expect(unknown.stderr.split('\n')[0]).toBe(
      `${MAIN}joptsimple.UnrecognizedOptionException: offset-json is not a recognized option`,
    )
  })
})
