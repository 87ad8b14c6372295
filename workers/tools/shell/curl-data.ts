/**
 * The body of a curl whose data names files (`-d @file`, `--data-binary @file`, `@-` for stdin), read when
 * the command runs, as curl reads them: the file's bytes as they are for `--data-binary` and `--json`, with
 * every carriage return and newline removed for `-d`/`--data`/`--data-ascii` (so an NDJSON `_bulk` sent
 * with `-d @file` arrives as one line, as it does from curl); the values joined with `&`. A file that cannot
 * be read makes an empty piece after curl's warning on stderr (unless `-s` came before the option: curl's mute)
 * (`Warning: Couldn't read data from file "x", this makes an empty POST.`).
 */
import type { CurlData } from '../script/curl.ts'
import { readAll, type LineInput } from '../line-input.ts'
import type { ShellFileSystem } from './shell-files.ts'
import { stdinText } from './text/inputs.ts'

export async function curlBody(
  data: readonly CurlData[],
  files: ShellFileSystem,
  stdin: LineInput | null,
  warn: (text: string) => void,
): Promise<string> {
  const pieces: string[] = []
  for (const piece of data) {
    if ('text' in piece) {
      pieces.push(piece.text)
      continue
    }
    const text = piece.file === '-' ? stdinText(await readAll(stdin ?? [])) : files.read(piece.file)
    if (text === null && !piece.silent)
      warn(curlWarning(`Couldn't read data from file "${piece.file}", this makes an empty POST.`))
    pieces.push(piece.binary ? (text ?? '') : (text ?? '').replace(/[\r\n]/g, ''))
  }
  return pieces.join('&')
}

const WARNING = 'Warning: '
const WIDTH = 79 - WARNING.length

/** The message as voutf prints it: its format ends with the newline, which counts toward the width. */
function curlWarning(message: string): string {
  let text = ''
  let rest = `${message}\n`
  while (rest.length > WIDTH) {
    let cut = WIDTH - 1
    while (cut > 0 && rest.charAt(cut) !== ' ' && rest.charAt(cut) !== '\t') cut--
    if (cut === 0) cut = WIDTH - 1
    text += `${WARNING}${rest.slice(0, cut + 1)}\n`
    rest = rest.slice(cut + 1)
  }
  return `${text}${WARNING}${rest}`
}
