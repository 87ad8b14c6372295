/**
 * A Kafka tool's entry as its `main` runs `mainNoExit` and exits with the status it returns: the tool's body
 * resolves with its exit code (0 when it resolves with nothing); what it throws is printed on stderr and the exit code is 1, unless it is a
 * joptsimple tool's CommandLineUtils.printUsageAndExit / printVersionAndExit (command-line-utils.ts: the
 * help and exit 1, or the version and exit 0). An argparse4j rejection prints its usage and message
 * (ArgumentParsers' handleError); a TerseException its message alone (`System.err.println(e.getMessage())`,
 * no trace); anything else the way the tool's own catch prints it (its message and trace, or the JVM's
 * `Exception in thread "main"` for an exception main lets out), after asJavaException gives it its Java class.
 */
import type { ToolOutput } from '../tool.ts'
import { ArgumentParserError } from './argparse.ts'
import { printUsageOrVersion, UsageException, VersionRequest } from './command-line-utils.ts'
import type { JavaException } from './java-exception.ts'
import type { OptionSpec } from './options/option-spec.ts'
import { asJavaException, TerseException } from './tool-errors.ts'

/** How one tool reports what its body threw. */
export interface ToolFailures {
  /** The stderr text for an exception the tool does not report tersely. */
  uncaught(exception: JavaException): string
  /** A joptsimple tool's options, whose help printUsageAndExit prints. */
  options?: readonly OptionSpec[]
  /** The stderr text for a TerseException's message; the message and a newline when absent. */
  terse?(message: string): string
  /** What follows the failure's text (StorageTool's hint after a failed format). */
  after?(exception: JavaException): string
}

export async function runToolMain(
  out: ToolOutput,
  main: () => Promise<number | void>,
  failures: ToolFailures,
): Promise<number> {
  try {
    return (await main()) ?? 0
  } catch (error) {
    const usage = error instanceof UsageException || error instanceof VersionRequest ? error : null
    if (usage !== null && failures.options !== undefined)
      return printUsageOrVersion(out, failures.options, usage)
    if (error instanceof ArgumentParserError) {
      out.stderr(error.text())
      return 1
    }
    const exception = asJavaException(error)
    const message = exception.javaMessage ?? ''
    const text =
      exception instanceof TerseException
        ? (failures.terse?.(message) ?? `${message}\n`)
        : failures.uncaught(exception)
    out.stderr(text + (failures.after?.(exception) ?? ''))
    return 1
  }
}
