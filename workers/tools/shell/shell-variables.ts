/**
 * The shell's variables for one console session (or one scenario run), as bash keeps them: each has a value
 * and may be exported (then `env` and `printenv` list it, as a child process would see it). Names are
 * bash's identifiers (`[A-Za-z_][A-Za-z0-9_]*`); `$?` is the exit status of the last command, `$!` the
 * process id of the newest background job. Nothing is predefined: the playground's shell starts with an
 * empty environment.
 */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/

interface Variable {
  value: string
  exported: boolean
}

export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name)
}

export class ShellVariables {
  private readonly variables = new Map<string, Variable>()
  /** Exported names that were never given a value (`export X` alone): listed by export -p, not by env. */
  private readonly unsetExported = new Set<string>()
  /** `$?`: the exit status of the last command (0 at the start). */
  lastStatus = 0
  /** `$!`: the process id of the newest background job, or null before the first (then `$!` is empty). */
  lastBackgroundPid: number | null = null

  /**
   * A copy for a subshell (a background job runs in one): it starts with every variable and `$?`, and what it
   * changes stays in it, as bash forks a subshell.
   */
  subshell(): ShellVariables {
    const copy = new ShellVariables()
    for (const [name, variable] of this.variables) copy.variables.set(name, { ...variable })
    for (const name of this.unsetExported) copy.unsetExported.add(name)
    copy.lastStatus = this.lastStatus
    copy.lastBackgroundPid = this.lastBackgroundPid
    return copy
  }

  /** The value of `$name`, or undefined when unset. */
  get(name: string): string | undefined {
    if (name === '?') return String(this.lastStatus)
    if (name === '!') return this.lastBackgroundPid === null ? undefined : String(this.lastBackgroundPid)
    return this.variables.get(name)?.value
  }

  /** NAME=value: sets the value, keeping whether the variable is exported. */
  set(name: string, value: string): void {
    const exported = this.variables.get(name)?.exported ?? false
    this.variables.set(name, { value, exported })
    this.unsetExported.delete(name)
  }

  /** `export NAME` (value undefined: the variable keeps its value, or is exported unset). */
  export(name: string, value?: string): void {
    const current = this.variables.get(name)
    this.variables.set(name, { value: value ?? current?.value ?? '', exported: true })
    if (value === undefined && current === undefined) this.unsetExported.add(name)
    else this.unsetExported.delete(name)
  }

  unset(name: string): void {
    this.variables.delete(name)
    this.unsetExported.delete(name)
  }

  /** The exported variables that have a value, in the order they were first set: what `env` prints. */
  environment(): [string, string][] {
    return [...this.variables]
      .filter(([name, variable]) => variable.exported && !this.unsetExported.has(name))
      .map(([name, variable]) => [name, variable.value])
  }

  /** Every exported variable, sorted by name, with null for one exported without a value: `export -p`. */
  exports(): [string, string | null][] {
    return [...this.variables]
      .filter(([, variable]) => variable.exported)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, variable]) => [name, this.unsetExported.has(name) ? null : variable.value])
  }
}
