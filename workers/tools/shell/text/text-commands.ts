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

/** `--help` and `--version` print the real tools' long texts, which the playground does not carry. */
function withoutHelp(name: string, command: FileCommand): FileCommand {
  return (args, stdin, out, files) => {
    const end = args.indexOf('--')
    const options = end < 0 ? args : args.slice(0, end)
    const asked = options.find((arg) => arg === '--help' || arg === '--version')
    if (asked === undefined) return command(args, stdin, out, files)
    out.stderr(
      `[playground] ${name} ${asked}: not available here; \`help\` lists the options the playground's ${name} has\n`,
    )
    return 0
  }
}

/** A command that reads its whole stdin before it starts (a pipe to its writer's end), as sort and wc must. */
function wholeInput(command: LinesCommand): FileCommand {
  return async (args, stdin, out, files) => command(args, await readAll(stdin), out, files)
}

/** A command that reads no stdin (seq): it starts at once, whatever a pipe feeds it. */
function withoutInput(command: LinesCommand): FileCommand {
  return (args, _stdin, out, files) => command(args, [], out, files)
}

/** grep, head, cut and tr read their stdin line by line as it arrives, seq reads none, the others read it whole. */
export const TEXT_COMMANDS: ReadonlyArray<readonly [string, FileCommand]> = (
  [
    ['cut', cut],
    ['grep', grep],
    ['head', head],
    ['jq', wholeInput(jq)],
    ['seq', withoutInput(seq)],
    ['sort', wholeInput(sort)],
    ['tail', tail],
    ['tr', tr],
    ['uniq', wholeInput(uniq)],
    ['wc', wholeInput(wc)],
  ] as const
).map(([name, command]) => [name, withoutHelp(name, command)])
