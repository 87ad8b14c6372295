// Runs one shell file command by name with stdin lines and the shell's files; collects both streams.
import { FILE_COMMANDS } from '../../../../../workers/tools/shell/file-commands.ts'
import { ShellFiles } from '../../../../../workers/tools/shell/shell-files.ts'
import type { LineInput } from '../../../../../workers/tools/line-input.ts'

export interface Ran {
  code: number
  stdout: string
  stderr: string
}

export async function runCommand(
  line: string[],
  stdin: LineInput = [],
  files = new ShellFiles(),
): Promise<Ran> {
  const [name, ...args] = line
  let stdout = ''
  let stderr = ''
  const command = FILE_COMMANDS.get(name!)
  if (!command) throw new Error(`no command ${name}`)
  const code = await command(
    args,
    stdin,
    { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) },
    files,
  )
  return { code, stdout, stderr }
}

/** Lines of a text as the shell hands a pipe over (no trailing newline). */
export function lines(text: string): string[] {
  return text.split('\n')
}
