/**
 * A Java exception as the real tools print it: `Throwable.toString()` is `class: message` (or just the
 * class when the message is null), and `Utils.stackTrace` / `printStackTrace` add one `\tat frame` line per
 * stack frame. Kafka's ApiExceptions carry no frames (ApiException overrides fillInStackTrace); for other
 * exceptions the playground only knows frames recorded from real runs, and prints none otherwise.
 */
export class JavaException extends Error {
  constructor(
    readonly className: string,
    message: string | null,
    readonly frames: readonly string[] = [],
    readonly causedBy: JavaException | null = null,
  ) {
    super(message ?? '')
    this.javaMessage = message
  }

  readonly javaMessage: string | null

  /** Throwable.toString(). */
  override toString(): string {
    return this.javaMessage === null ? this.className : `${this.className}: ${this.javaMessage}`
  }

  /** Utils.stackTrace(e): the printStackTrace text, ending in a newline. */
  stackTrace(): string {
    const own = this.toString() + '\n' + this.frames.map((frame) => `\tat ${frame}\n`).join('')
    return this.causedBy === null ? own : own + 'Caused by: ' + this.causedBy.stackTrace()
  }
}

/** The joptsimple exceptions a parse or a value conversion raises (all extend joptsimple.OptionException). */
export class OptionException extends JavaException {}
