/**
 * FileOffsetBackingStore: the standalone worker's source offsets, kept in the file `offset.storage.file.filename`
 * names, in the shell's file system. Each entry is a source partition's key and its offset as Connect's
 * internal JsonConverter (schemas disabled) writes them: the key `["<connector>",{"filename":"test.txt"}]`
 * and the value `{"position":8}`. The real file is a Java-serialized HashMap of those bytes; here it is text,
 * one `key<TAB>value` line per entry (docs/DEVIATIONS.md). The whole map is loaded when the worker starts and
 * written whole on every commit, as the real store does; an unreadable line is skipped.
 */
import type { ShellFileSystem } from '../../shell/shell-files.ts'

export class FileOffsetBackingStore {
  private readonly data = new Map<string, string>()

  constructor(
    private readonly files: ShellFileSystem,
    private readonly path: string,
  ) {
    for (const line of (files.read(path) ?? '').split('\n')) {
      const tab = line.indexOf('\t')
      if (tab > 0) this.data.set(line.slice(0, tab), line.slice(tab + 1))
    }
  }

  /** The committed position of a connector's source file, or null. */
  position(connector: string, filename: string): number | null {
    const value = this.data.get(offsetKey(connector, filename))
    if (value === undefined) return null
    const position = (JSON.parse(value) as { position?: unknown }).position
    return typeof position === 'number' ? position : null
  }

  /** Commits a source file's position and saves the map (FileOffsetBackingStore.set, then save()). */
  commit(connector: string, filename: string, position: number): void {
    this.data.set(offsetKey(connector, filename), JSON.stringify({ position }))
    this.files.write(this.path, [...this.data].map(([key, value]) => `${key}\t${value}\n`).join(''))
  }
}

function offsetKey(connector: string, filename: string): string {
  return JSON.stringify([connector, { filename }])
}
