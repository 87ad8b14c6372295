/**
 * Here-documents and stdin redirections through the headless runner, each transcript checked against bash
 * 5.2.15 and coreutils 9.1 on Debian 12: a here-document's body follows the physical line holding its `<<`,
 * so a list goes on after it at the next line (`cat <<EOF |` + body + `EOF` + `grep x`); a command's or a
 * line's several here-documents are read in the order of their operators, the last one to stdin winning
 * (`cat <<A <<B` reads B; `cat <<A < f` the file; `cat < f <<A` the here-document); stdin is read once
 * (`head -n1 - -`); a here-string (`<<< word`) is the word expanded, unsplit, and a newline; curl reads a
 * `< file` or a here-string as its stdin for `-d @-`.
 */
import { describe, expect, it } from 'vitest'
import { runScenario } from '../../../workers/tools/scenario/scenario-runner.ts'
import { formatTranscript } from '../../../workers/tools/scenario/transcript.ts'
import { headlessTestCluster } from './wasm.ts'

describe('here-documents and stdin', () => {
  it('reads bodies after their own line and gives stdin to the last redirection, as bash does', async () => {
    const script = [
      'cat <<EOF |',
      'hello x',
      'bye',
      'EOF',
      'grep x',
      'cat <<A <<B',
      'fromA',
      'A',
      'fromB',
      'B',
      'cat <<A | cat - <<B',
      'a1',
      'A',
      'b1',
      'B',
      'echo one > f.txt && echo two >> f.txt',
      'cat <<EOF < f.txt',
      'here',
      'EOF',
      'cat < f.txt <<EOF',
      'here',
      'EOF',
      'head -n1 - - < f.txt',
      'head -n1 - - <<EOF',
      '1',
      '2',
      'EOF',
      'cat <<EOF &&',
      'first',
      'EOF',
      'cat <<EOF || echo never',
      'second',
      'EOF',
    ].join('\n')
    const steps = await runScenario(script, await headlessTestCluster(1, 1, 1))
    expect(formatTranscript(steps)).toBe(
      [
        '$ cat <<EOF |\nhello x\nbye\nEOF\ngrep x',
        'hello x',
        '',
        '$ cat <<A <<B',
        'fromA',
        'A',
        'fromB',
        'B',
        'fromB',
        '',
        '$ cat <<A | cat - <<B',
        'a1',
        'A',
        'b1',
        'B',
        'b1',
        '',
        '$ echo one > f.txt && echo two >> f.txt',
        '',
        '$ cat <<EOF < f.txt',
        'here',
        'EOF',
        'one',
        'two',
        '',
        '$ cat < f.txt <<EOF',
        'here',
        'EOF',
        'here',
        '',
        '$ head -n1 - - < f.txt',
        '==> standard input <==',
        'one',
        '',
        '==> standard input <==',
        'two',
        '',
        '$ head -n1 - - <<EOF',
        '1',
        '2',
        'EOF',
        '==> standard input <==',
        '1',
        '',
        '==> standard input <==',
        '',
        '$ cat <<EOF &&\nfirst\nEOF\ncat <<EOF || echo never',
        'second',
        'EOF',
        'first',
        'second',
        '',
      ].join('\n'),
    )
  })

  it('reads a here-string as bash 5.2 does: the word expanded unsplit and a newline', async () => {
    const script = [
      'X="a  b"',
      'cat <<< $X',
      'tr a-z A-Z <<< "$X" | cut -c1-2',
      'wc -l <<< ""',
      'echo 1 > n.txt',
      'cat <<< one < n.txt',
      'cat < n.txt <<< one',
      `curl -s -XPUT 'localhost:9200/books/_doc/3?refresh=true' -H 'Content-Type: application/json' --data-binary @- <<< '{"title":"here-string"}'`,
      `curl -s 'localhost:9200/books/_doc/3?filter_path=_source'`,
    ].join('\n')
    const steps = await runScenario(script, await headlessTestCluster(1, 1, 1))
    expect(formatTranscript(steps)).toBe(
      [
        '$ X="a  b"',
        '',
        '$ cat <<< $X',
        'a  b',
        '',
        '$ tr a-z A-Z <<< "$X" | cut -c1-2',
        'A ',
        '',
        '$ wc -l <<< ""',
        '1',
        '',
        '$ echo 1 > n.txt',
        '',
        '$ cat <<< one < n.txt',
        '1',
        '',
        '$ cat < n.txt <<< one',
        'one',
        '',
        `$ curl -s -XPUT 'localhost:9200/books/_doc/3?refresh=true' -H 'Content-Type: application/json' --data-binary @- <<< '{"title":"here-string"}'`,
        '{"_index":"books","_id":"3","_version":1,"result":"created","forced_refresh":true,"_shards":{"total":2,"successful":1,"failed":0},"_seq_no":0,"_primary_term":1}',
        '',
        `$ curl -s 'localhost:9200/books/_doc/3?filter_path=_source'`,
        '{"_source":{"title":"here-string"}}',
        '',
      ].join('\n'),
    )
  })

  it("sends a < file as curl's stdin for -d @-, and stops at a missing one as bash does", async () => {
    const script = [
      `echo '{"title":"from a file"}' > doc.json`,
      `curl -s -XPUT 'localhost:9200/books/_doc/1?refresh=true' -H 'Content-Type: application/json' -d @- < doc.json`,
      `curl -s -XPUT 'localhost:9200/books/_doc/2' -H 'Content-Type: application/json' -d @- < nope.json`,
      `curl -s 'localhost:9200/books/_doc/1?filter_path=_source'`,
    ].join('\n')
    const steps = await runScenario(script, await headlessTestCluster(1, 1, 1))
    expect(formatTranscript(steps)).toBe(
      [
        `$ echo '{"title":"from a file"}' > doc.json`,
        '',
        `$ curl -s -XPUT 'localhost:9200/books/_doc/1?refresh=true' -H 'Content-Type: application/json' -d @- < doc.json`,
        '{"_index":"books","_id":"1","_version":1,"result":"created","forced_refresh":true,"_shards":{"total":2,"successful":1,"failed":0},"_seq_no":0,"_primary_term":1}',
        '',
        `$ curl -s -XPUT 'localhost:9200/books/_doc/2' -H 'Content-Type: application/json' -d @- < nope.json`,
        'bash: nope.json: No such file or directory',
        '',
        `$ curl -s 'localhost:9200/books/_doc/1?filter_path=_source'`,
        '{"_source":{"title":"from a file"}}',
        '',
      ].join('\n'),
    )
  })
})

/** The transcript of the script run on a fresh cluster of one broker and one node. */
async function run(script: string): Promise<string> {
  return formatTranscript(await runScenario(script, await headlessTestCluster(1, 1, 1)))
}

describe('a here-document the script ends in', () => {
  const warning = (line: number, delimiter: string): string =>
    `bash: warning: here-document at line ${line} delimited by end-of-file (wanted \`${delimiter}')`

  // bash 5.2.15 on each script: the warning on stderr when it reads the line, then the command's output.
  it('is read to the end and run after the warning, the later bodies empty', async () => {
    expect(await run('echo hi\ncat <<A <<B | wc -l\none\nA\ntwo\nthree\n')).toBe(
      [
        '$ echo hi',
        'hi',
        '',
        '$ cat <<A <<B | wc -l',
        'one',
        'A',
        'two',
        'three',
        warning(4, 'B'),
        '2',
        '',
      ].join('\n'),
    )
    expect(await run('cat <<A <<B\none')).toBe(
      ['$ cat <<A <<B', 'one', warning(1, 'A'), warning(2, 'B'), ''].join('\n'),
    )
  })

  it("gives curl's @- the body read to the end", async () => {
    const script = `curl -s 'localhost:9200/_analyze?filter_path=tokens.token' -H 'Content-Type: application/json' --data-binary @- <<EOF\n{"text": "Here Documents"}`
    expect(await run(script)).toBe(
      [`$ ${script}`, warning(1, 'EOF'), '{"tokens":[{"token":"here"},{"token":"documents"}]}', ''].join(
        '\n',
      ),
    )
  })

  it('warns before a background job starts and before a syntax error at the end', async () => {
    expect(await run('cat <<EOF &\nbody')).toBe(
      ['$ cat <<EOF &', 'body', warning(1, 'EOF'), '[1] 1001', ''].join('\n'),
    )
    expect(await run('cat <<EOF |\nbody\n')).toBe(
      ['$ cat <<EOF |\nbody', warning(1, 'EOF'), 'bash: syntax error: unexpected end of file', ''].join('\n'),
    )
  })
})

describe('curl -T', () => {
  it('uploads a here-document with -T -, and prints nothing for a refusal -s mutes', async () => {
    const script = [
      "curl -s -T - localhost:9200/books/_doc/1 -H 'Content-Type: application/json' <<EOF",
      '{"title":"uploaded"}',
      'EOF',
      'curl -s -T doc.json -d x localhost:9200/books/_doc/2; echo "exit $?"',
      "curl -s 'localhost:9200/books/_doc/1?filter_path=_source'",
    ].join('\n')
    expect(await run(script)).toBe(
      [
        "$ curl -s -T - localhost:9200/books/_doc/1 -H 'Content-Type: application/json' <<EOF",
        '{"title":"uploaded"}',
        'EOF',
        '{"_index":"books","_id":"1","_version":1,"result":"created","_shards":{"total":2,"successful":1,"failed":0},"_seq_no":0,"_primary_term":1}',
        '',
        '$ curl -s -T doc.json -d x localhost:9200/books/_doc/2; echo "exit $?"',
        'exit 2',
        '',
        "$ curl -s 'localhost:9200/books/_doc/1?filter_path=_source'",
        '{"_source":{"title":"uploaded"}}',
        '',
      ].join('\n'),
    )
  })
})
