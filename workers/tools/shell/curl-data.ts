/**
 * The body of a curl whose data names files (`-d @file`, `--data-binary @file`, `@-` for stdin), read when
 * the command runs, as curl reads them: the file's bytes as they are for `--data-binary` and `--json`, with
 * every carriage return and newline removed for `-d`/`--data`/`--data-ascii` (so an NDJSON `_bulk` sent
 * with `-d @file` arrives as one line, as it does from curl); the values joined with `&`. A file that cannot
 * be read makes an empty piece after curl's warning on stderr (unless `-s` came before the option: curl's mute)
 * (`Warning: Couldn't read data from file "x", this makes an empty POST.`).
 *
 * The body of a `-T` upload is the file's bytes as they are (stdin's for `-` and `.`); a file that cannot be
 * read stops curl before it connects, with curl 8's complaint through helpf (`curl: cannot open 'x'` and the
 * help line, whatever `-s`) and `curl: (26) Failed to open/read local data from file/application` (unless
 * `-s` without `-S`), exit 26.
 */
import { curlWarning, TRY_HELP, uploadsStdin, type CurlData, type CurlUpload } from '../script/curl.ts'
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

/** curl's exit code when it cannot read the data it was to send (CURLE_READ_ERROR). */
export const CURLE_READ_ERROR = 26

/** The `-T` body, or null once curl's complaint is written (it then exits with CURLE_READ_ERROR). */
export async function uploadBody(
  upload: CurlUpload,
  files: ShellFileSystem,
  stdin: LineInput | null,
  complain: (text: string) => void,
): Promise<string | null> {
  const text = uploadsStdin(upload.file) ? stdinText(await readAll(stdin ?? [])) : files.read(upload.file)
  if (text !== null) return text
  const failed = upload.silent
    ? ''
    : `curl: (${CURLE_READ_ERROR}) Failed to open/read local data from file/application\n`
  complain(`curl: cannot open '${upload.file}'${TRY_HELP}\n${failed}`)
  return null
}
