/**
 * ShellFiles: the learner's files in the playground's shell, such as the reassign.json a course note writes
 * with `cat > reassign.json <<EOF`. A flat in-memory directory (the shell's home) that lives as long as the
 * page session, or one scenario run: files are not persisted across reloads. Paths are taken relative to the
 * home directory, so `reassign.json`, `./reassign.json` and `~/reassign.json` name the same file.
 * Text only: the tools read JSON and properties files.
 */

/** What the shell's commands and the tools read and write files through. */
export interface ShellFileSystem {
  /** The file's text, or null when there is no such file. */
  read(path: string): string | null
  /** Creates or truncates the file, as `>` does. */
  write(path: string, text: string): void
  /** Appends to the file, creating it, as `>>` does. */
  append(path: string, text: string): void
  /** Removes the file; false when there was none. */
  remove(path: string): boolean
  /** The file names, sorted as `ls` lists them in the C locale. */
  list(): string[]
}

export class ShellFiles implements ShellFileSystem {
  private readonly files = new Map<string, string>()

  /** The file's text, or null when there is no such file. */
  read(path: string): string | null {
    return this.files.get(normalizeHomePath(path)) ?? null
  }

  /** Creates or truncates the file, as `>` does. */
  write(path: string, text: string): void {
    this.files.set(normalizeHomePath(path), text)
  }

  /** Appends to the file, creating it, as `>>` does. */
  append(path: string, text: string): void {
    this.write(path, (this.read(path) ?? '') + text)
  }

  /** Removes the file; false when there was none. */
  remove(path: string): boolean {
    return this.files.delete(normalizeHomePath(path))
  }

  /** The file names, sorted as `ls` lists them in the C locale. */
  list(): string[] {
    return [...this.files.keys()].sort()
  }
}

/** A path relative to the shell's home: `./x`, `~/x` and `x` name the same file. */
export function normalizeHomePath(path: string): string {
  return path.replace(/^(?:~\/|\.\/)+/, '')
}
