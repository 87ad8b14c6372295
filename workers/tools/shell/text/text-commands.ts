/**
 * The text filters learners pipe Kafka tools and curl into (`| grep orders`, `| wc -l`, `| sort`), by name,
 * each answering as GNU coreutils 9 / GNU grep 3 / jq 1.7 do on Debian. file-commands.ts merges them into the
 * shell's FILE_COMMANDS.
 */
import type { FileCommand } from '../file-commands.ts'
import { readAll } from '../../line-input.ts'
import type { LinesCommand } from './inputs.ts'
import { cut } from './cut.ts'
import { grep } from './grep.ts'
import { head, tail } from './head-tail.ts'
import { jq } from './jq.ts'
import { seq } from './seq.ts'
import { sort } from './sort.ts'
import { tr } from './tr.ts'
import { uniq } from './uniq.ts'
import { wc } from './wc.ts'

/**
 * The command as the shell runs it: it reads its whole stdin first (a pipe to its writer's end). `--help` and
 * `--version` print the real tools' long texts, which the playground does not carry.
 */
function withoutHelp(name: string, command: LinesCommand): FileCommand {
  return async (args, stdin, out, files) => {
    const end = args.indexOf('--')
    const options = end < 0 ? args : args.slice(0, end)
    const asked = options.find((arg) => arg === '--help' || arg === '--version')
    if (asked === undefined) return command(args, await readAll(stdin), out, files)
    out.stderr(
      `[playground] ${name} ${asked}: not available here; \`help\` lists the options the playground's ${name} has\n`,
    )
    return 0
  }
}

export const TEXT_COMMANDS: ReadonlyArray<readonly [string, FileCommand]> = (
  [
    ['cut', cut],
    ['grep', grep],
    ['head', head],
    ['jq', jq],
    ['seq', seq],
    ['sort', sort],
    ['tail', tail],
    ['tr', tr],
    ['uniq', uniq],
    ['wc', wc],
  ] as const
).map(([name, command]) => [name, withoutHelp(name, command)])
