/**
 * Kafka's CommandLineUtils (server-common) as the 4.1 tools use it. `printUsageAndExit` is modelled as a
 * thrown UsageException that the tool's entry catches: the message goes to stderr, then the help table,
 * exit code 1 (also for `--help` and for no arguments at all, as in Kafka 4.1). `--version` prints the
 * version to stdout and exits 0.
 */
import type { ToolOutput } from '../tool.ts'
import { formatHelp } from './options/help-formatter.ts'
import type { OptionSpec } from './options/option-spec.ts'
import { specText } from './options/option-spec.ts'
import type { OptionSet } from './options/option-set.ts'

export const KAFKA_VERSION = '4.1.0'

/** CommandLineUtils.printUsageAndExit(parser, message). */
export class UsageException extends Error {
  override name = 'UsageException'
}

/** CommandLineUtils.printVersionAndExit(). */
export class VersionRequest extends Error {
  override name = 'VersionRequest'
}

/** Prints what printUsageAndExit or printVersionAndExit prints and returns the exit code. */
export function printUsageOrVersion(
  out: ToolOutput,
  specs: readonly OptionSpec[],
  error: UsageException | VersionRequest,
): number {
  if (error instanceof VersionRequest) {
    out.stdout(KAFKA_VERSION + '\n')
    return 0
  }
  out.stderr(error.message + '\n' + formatHelp(specs))
  return 1
}

/** CommandLineUtils.maybePrintHelpOrVersion: no arguments or --help print usage; --version the version. */
export function maybePrintHelpOrVersion(argv: readonly string[], options: OptionSet, message: string): void {
  if (argv.length === 0 || options.has('help')) throw new UsageException(message)
  if (options.has('version')) throw new VersionRequest()
}

/** CommandLineUtils.checkRequiredArgs. */
export function checkRequiredArgs(options: OptionSet, ...required: string[]): void {
  for (const name of required) {
    if (!options.has(name)) throw new UsageException(`Missing required argument "${specText(name)}"`)
  }
}

/** CommandLineUtils.checkInvalidArgs: `used` may not be combined with any of `invalid`. */
export function checkInvalidArgs(options: OptionSet, used: string, invalid: readonly string[]): void {
  if (!options.has(used)) return
  for (const name of invalid) {
    if (options.has(name)) {
      throw new UsageException(`Option "${specText(used)}" can't be used with option "${specText(name)}"`)
    }
  }
}

/** CommandLineUtils.parseKeyValueArgs: `key=value`, the value may hold '='; a missing value is ''. */
export function parseKeyValueArgs(args: readonly string[]): Map<string, string> {
  const properties = new Map<string, string>()
  for (const arg of args) {
    const equals = arg.indexOf('=')
    if (equals === -1) properties.set(arg, '')
    else properties.set(arg.slice(0, equals), arg.slice(equals + 1))
  }
  return properties
}
