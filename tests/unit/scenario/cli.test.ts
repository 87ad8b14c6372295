/**
 * The headless runner's command line is a public interface: its JSON lines keep their field names and
 * meanings (line, kind, command, exitCode/stdout/stderr, status/body; terminal added after stderr), and bad
 * options are refused.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const CLI = ['--import', 'tsx', 'workers/tools/scenario/cli.ts']

function scenarioFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'scenario-')), 'scenario.txt')
  writeFileSync(file, text)
  return file
}

describe('npm run scenario', () => {
  it('prints one JSON object per command with the documented fields', () => {
    const file = scenarioFile(
      [
        '# comment',
        'kafka-topics.sh --bootstrap-server localhost:9092 --create --topic t --partitions 1 --replication-factor 1',
        '',
        'PUT idx/_doc/1',
        '{"a": 1}',
        'GET /',
        'frobnicate now',
        '',
      ].join('\n'),
    )
    const out = execFileSync('node', [...CLI, file, '--json', '--seed', '3'], { encoding: 'utf8' })
    const lines = out
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(lines.map((l) => Object.keys(l))).toEqual([
      ['line', 'kind', 'command', 'exitCode', 'stdout', 'stderr', 'terminal'],
      ['line', 'kind', 'command', 'status', 'body'],
      ['line', 'kind', 'command', 'status', 'body'],
      ['line', 'kind', 'command', 'exitCode', 'stdout', 'stderr', 'terminal'],
    ])
    expect(lines[0]).toEqual({
      line: 2,
      kind: 'kafka',
      command:
        'kafka-topics.sh --bootstrap-server localhost:9092 --create --topic t --partitions 1 --replication-factor 1',
      exitCode: 0,
      stdout: 'Created topic t.\n',
      stderr: '',
      terminal: 'Created topic t.\n',
    })
    expect(lines[1]).toMatchObject({ line: 4, kind: 'es', command: 'PUT idx/_doc/1', status: 201 })
    expect(lines[1]!.body).toMatchObject({ _index: 'idx', _id: '1', result: 'created', _version: 1 })
    expect(lines[2]).toMatchObject({ line: 6, kind: 'es', status: 200 })
    expect(lines[3]).toEqual({
      line: 7,
      kind: 'playground',
      command: 'frobnicate now',
      exitCode: 127,
      stdout: '',
      stderr: 'bash: frobnicate: command not found\n',
      terminal: 'bash: frobnicate: command not found\n',
    })
  })

  it('runs --nodes N Elasticsearch nodes (default 3, as the page starts)', () => {
    const file = scenarioFile('nodes\n')
    const listed = (args: string[]) =>
      (
        JSON.parse(execFileSync('node', [...CLI, file, '--json', ...args], { encoding: 'utf8' })) as {
          stdout: string
        }
      ).stdout
    expect(listed(['--nodes', '2'])).toBe(
      'Node es-node-1 (localhost:9200): running\nNode es-node-2 (localhost:9201): running\n',
    )
    expect(listed([]).split('\n').filter(Boolean)).toHaveLength(3)
  })

  it.each([
    ['--nodes', '0', '--nodes must be a whole number from 1 to 9'],
    ['--nodes', '10', '--nodes must be a whole number from 1 to 9'],
  ])('refuses %s %s', (option, value, message) => {
    const result = spawnSync('node', [...CLI, scenarioFile('GET /\n'), option, value], { encoding: 'utf8' })
    expect(result.status).toBe(2)
    expect(result.stderr).toContain(message)
    expect(result.stderr).toContain(
      'usage: npm run scenario -- FILE [--json] [--brokers N] [--nodes N] [--seed S]',
    )
  })

  it('refuses an option outside its range with the usage line', () => {
    const result = spawnSync('node', [...CLI, scenarioFile('GET /\n'), '--brokers', '0'], {
      encoding: 'utf8',
    })
    expect(result.status).toBe(2)
    expect(result.stderr).toContain('--brokers must be a whole number from 1 to 9')
    expect(result.stderr).toContain('usage: npm run scenario -- FILE')
  })
})
