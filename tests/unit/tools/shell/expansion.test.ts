// bash's expansions on parsed words: field splitting of unquoted results only, empty words removed unless
// quoted, command output without its trailing newlines, substitutions in the order written; and the
// variable commands' bash texts.
import { describe, expect, it } from 'vitest'
import { readShellWords } from '../../../../workers/tools/script/shell-words.ts'
import { expandWords, type Expansions } from '../../../../workers/tools/shell/expansion.ts'
import { expandLine, hereDocumentLines } from '../../../../workers/tools/shell/command-line.ts'
import { ShellVariables } from '../../../../workers/tools/shell/shell-variables.ts'
import { VARIABLE_COMMANDS } from '../../../../workers/tools/shell/variable-commands.ts'

function expansions(values: Record<string, string>, ran: string[] = []): Expansions {
  const variables = new ShellVariables()
  for (const [name, value] of Object.entries(values)) variables.set(name, value)
  return {
    variables,
    substitute: (script) => {
      ran.push(script)
      return Promise.resolve(`out of ${script}\n\n`)
    },
  }
}

async function words(line: string, values: Record<string, string> = {}): Promise<string[]> {
  return expandWords(readShellWords(line, 0).words, expansions(values))
}

describe('expandWords', () => {
  it.each<[string, Record<string, string>, string[]]>([
    ['echo $X', { X: 'a  b' }, ['echo', 'a', 'b']],
    ['echo "$X"', { X: 'a  b' }, ['echo', 'a  b']],
    ['echo x$X', { X: ' a b ' }, ['echo', 'x', 'a', 'b']],
    ['echo $X$Y', { X: 'a', Y: 'b' }, ['echo', 'ab']],
    ['echo $UNSET end', {}, ['echo', 'end']],
    ['echo "$UNSET" "" end', {}, ['echo', '', '', 'end']],
    ['echo ${X}s', { X: 'topic' }, ['echo', 'topics']],
    ["echo '$X' \\$X", { X: 'a' }, ['echo', '$X', '$X']],
  ])('%s with %j', async (line, values, expected) => {
    expect(await words(line, values)).toEqual(expected)
  })

  it('replaces a substitution by its output without trailing newlines, splitting it when unquoted', async () => {
    expect(await words('echo "$(cmd a)" `cmd b`')).toEqual(['echo', 'out of cmd a', 'out', 'of', 'cmd', 'b'])
  })
})

describe('expandLine', () => {
  it('expands assignments apart, unsplit, and runs the substitutions left to right', async () => {
    const ran: string[] = []
    const line = await expandLine('A=$(one) B=$X export C=$X $(two) > $F', {
      ...expansions({ X: 'p q', F: 'out.txt' }, ran),
    })
    expect(line).toEqual({
      assignments: [
        ['A', 'out of one'],
        ['B', 'p q'],
      ],
      words: ['export', 'C=p q', 'out', 'of', 'two'],
      redirects: [{ op: '>', path: 'out.txt' }],
      hereDocument: false,
      expandsHereDocument: false,
      hereString: null,
    })
    expect(ran).toEqual(['one', 'two'])
  })

  it('gives stdin to the last of < f, <<EOF and <<< word, and expands a here-string unsplit', async () => {
    const stdin = async (source: string) => {
      const line = await expandLine(source, expansions({ X: 'p  q' }))
      if (typeof line === 'string') throw new Error(line)
      return [line.hereDocument, line.hereString, line.redirects]
    }
    const file = [{ op: '<', path: 'f' }]
    expect(await stdin('cat <<< "$X"x < f')).toEqual([false, null, file])
    expect(await stdin('cat < f <<< $X')).toEqual([false, ['p  q'], file])
    expect(await stdin('cat <<< a <<EOF')).toEqual([true, null, []])
    expect(await stdin("cat <<EOF <<< 'a\nb'")).toEqual([false, ['a', 'b'], []])
  })

  it('tells whether a here-document is expanded by its delimiter, and expands its lines without splitting', async () => {
    const line = await expandLine('cat <<EOF', expansions({}))
    const quoted = await expandLine("cat <<'EOF'", expansions({}))
    if (typeof line === 'string' || typeof quoted === 'string') throw new Error('not a here-document line')
    expect([line.expandsHereDocument, quoted.expandsHereDocument]).toEqual([true, false])
    const lines = ['a $X "$X" \\$X \\n', '`cmd`']
    expect(await hereDocumentLines(lines, line, expansions({ X: 'p  q' }))).toEqual([
      'a p  q "p  q" $X \\n',
      'out of cmd',
    ])
    expect(await hereDocumentLines(lines, quoted, expansions({ X: 'p  q' }))).toEqual(lines)
  })

  it("refuses a redirection whose target expands to more or less than one word, as bash's ambiguous redirect", async () => {
    expect(await expandLine('echo a > $F', expansions({ F: 'a b' }))).toBe('bash: $F: ambiguous redirect')
    expect(await expandLine('echo a > $NONE', expansions({}))).toBe('bash: $NONE: ambiguous redirect')
  })
})

describe('variable commands', () => {
  function run(
    name: string,
    args: string[],
    variables: ShellVariables,
    environment: [string, string][] = [],
  ) {
    let stdout = ''
    let stderr = ''
    const out = { stdout: (t: string) => (stdout += t), stderr: (t: string) => (stderr += t) }
    const code = VARIABLE_COMMANDS.get(name)?.(args, out, variables, environment)
    return { code, stdout, stderr }
  }

  it('export lists declare -x lines sorted, quoting as bash does, and refuses bad names', () => {
    const variables = new ShellVariables()
    variables.set('Z', 'plain')
    expect(run('export', ['Z', 'A=say "$hi"', 'N'], variables).code).toBe(0)
    expect(run('export', [], variables).stdout).toBe(
      'declare -x A="say \\"\\$hi\\""\ndeclare -x N\ndeclare -x Z="plain"\n',
    )
    expect(variables.environment()).toEqual([
      ['Z', 'plain'],
      ['A', 'say "$hi"'],
    ])
    expect(run('export', ['1x=2'], variables)).toEqual({
      code: 1,
      stdout: '',
      stderr: "bash: export: `1x=2': not a valid identifier\n",
    })
    expect(run('export', ['-z'], variables)).toMatchObject({
      code: 2,
      stderr:
        'bash: export: -z: invalid option\nexport: usage: export [-fn] [name[=value] ...] or export -p\n',
    })
  })

  it('unset removes variables and refuses bad names', () => {
    const variables = new ShellVariables()
    variables.export('A', '1')
    expect(run('unset', ['A', '2b'], variables)).toEqual({
      code: 1,
      stdout: '',
      stderr: "bash: unset: `2b': not a valid identifier\n",
    })
    expect(variables.get('A')).toBeUndefined()
  })

  it('env and printenv print the environment; printenv fails for a missing name', () => {
    const variables = new ShellVariables()
    const environment: [string, string][] = [['A', '1']]
    expect(run('env', ['B=2'], variables, environment).stdout).toBe('A=1\nB=2\n')
    expect(run('printenv', ['A', 'B'], variables, environment)).toEqual({
      code: 1,
      stdout: '1\n',
      stderr: '',
    })
    expect(run('printenv', [], variables, environment).stdout).toBe('A=1\n')
  })
})
