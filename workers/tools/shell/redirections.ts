/**
 * A command's file redirections as bash applies them before running it: `> f` truncates f and `>> f` opens it
 * for appending (stdout then goes to the file as it is written, stderr stays on the console; with several,
 * the last one gets the output), and `< f` makes f's lines the command's stdin. A missing input file stops the
 * command with `bash: f: No such file or directory` (exit 1), as bash does.
 */
import type { FileRedirect } from '../script/types.ts'
import type { ToolOutput } from '../tool.ts'
import type { ShellFileSystem } from './shell-files.ts'

export interface Redirected {
  out: ToolOutput
  /** The input file's lines, or null when stdin is not redirected. */
  stdin: string[] | null
}

/** The redirected streams, or bash's error message. */
export function applyRedirects(
  redirects: readonly FileRedirect[],
  files: ShellFileSystem,
  out: ToolOutput,
): Redirected | string {
  let stdin: string[] | null = null
  let target: string | null = null
  for (const { op, path } of redirects) {
    if (op === '<') {
      const text = files.read(path)
      if (text === null) return `bash: ${path}: No such file or directory`
      stdin = text === '' ? [] : text.replace(/\n$/, '').split('\n')
    } else {
      if (op === '>' || files.read(path) === null) files.write(path, '')
      target = path
    }
  }
  if (target === null) return { out, stdin }
  const file = target
  return { out: { stdout: (text) => files.append(file, text), stderr: (text) => out.stderr(text) }, stdin }
}
