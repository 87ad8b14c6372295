/**
 * FileStreamSourceTask: reads the lines of `file` from the last committed position and returns each whole
 * line as a record for `topic` (a string value, null key), with the position after it as its source offset.
 * A line ends at `\n`, `\r` or `\r\n`; a last line without its end waits until it is completed. Positions
 * count the characters read, as the real task counts the chars its reader consumed. A poll returns at most
 * `batch.size` (2000) records. While the file does not exist the poll reports it missing (the task logs
 * its warning and waits a second); a file without new lines gives an empty poll, after which the task
 * waits a second, as the real task's wait(1000).
 */
import type { ShellFileSystem } from '../../shell/shell-files.ts'

export const DEFAULT_BATCH_SIZE = 2000

export interface SourceRecord {
  value: string
  /** The file position after this line: the source offset to commit once the record is written. */
  position: number
}

export class FileStreamSourceTask {
  constructor(
    private readonly files: ShellFileSystem,
    readonly filename: string,
    private position: number,
    private readonly batchSize: number,
  ) {}

  /** The next lines, or 'missing' when the file does not exist. */
  poll(): SourceRecord[] | 'missing' {
    const text = this.files.read(this.filename)
    if (text === null) return 'missing'
    const records: SourceRecord[] = []
    let at = this.position
    const lineEnds = /[\r\n]/g
    while (records.length < this.batchSize && at < text.length) {
      lineEnds.lastIndex = at
      const lineEnd = lineEnds.exec(text)?.index
      if (lineEnd === undefined) break
      const crlf = text.charAt(lineEnd) === '\r' && text.charAt(lineEnd + 1) === '\n'
      if (text.charAt(lineEnd) === '\r' && lineEnd + 1 === text.length) break
      const next = lineEnd + (crlf ? 2 : 1)
      records.push({ value: text.slice(at, lineEnd), position: next })
      at = next
    }
    this.position = at
    return records
  }
}
