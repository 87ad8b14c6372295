/**
 * joptsimple's OptionParser as Kafka's tools construct it (`new OptionParser(false)`: abbreviations off, so
 * `--top` is not `--topic`). Accepted forms: `--name value`, `--name=value`, `-name value` and `-name=value`
 * (a single dash also takes a whole long name); `--` ends the options; any other word is a non-option
 * argument, which the Kafka tools ignore. A required argument takes the next word even if it starts with
 * `--`, as joptsimple does. A `.required()` option missing from a command line without --help or
 * --version (CommandDefaultOptions' forHelp options) is refused once all words are read. Errors are
 * joptsimple's own exceptions and texts, with the frames joptsimple 5.0.4 records for them (the tool appends
 * its own frames when it prints a trace).
 */
import { OptionException } from '../java-exception.ts'
import type { OptionSpec } from './option-spec.ts'
import { OptionSet } from './option-set.ts'

const UNRECOGNIZED_LONG = [
  'joptsimple.OptionException.unrecognizedOption(OptionException.java:108)',
  'joptsimple.OptionParser.handleLongOptionToken(OptionParser.java:510)',
  'joptsimple.OptionParserState$2.handleArgument(OptionParserState.java:56)',
  'joptsimple.OptionParser.parse(OptionParser.java:396)',
]
const UNRECOGNIZED_SHORT = [
  'joptsimple.OptionException.unrecognizedOption(OptionException.java:108)',
  'joptsimple.OptionParser.validateOptionCharacters(OptionParser.java:633)',
  'joptsimple.OptionParser.handleShortOptionCluster(OptionParser.java:528)',
  'joptsimple.OptionParser.handleShortOptionToken(OptionParser.java:523)',
  'joptsimple.OptionParserState$2.handleArgument(OptionParserState.java:59)',
  'joptsimple.OptionParser.parse(OptionParser.java:396)',
]
const MISSING_ARGUMENT = [
  'joptsimple.RequiredArgumentOptionSpec.detectOptionArgument(RequiredArgumentOptionSpec.java:48)',
  'joptsimple.ArgumentAcceptingOptionSpec.handleOption(ArgumentAcceptingOptionSpec.java:257)',
  'joptsimple.OptionParser.handleLongOptionToken(OptionParser.java:513)',
  'joptsimple.OptionParserState$2.handleArgument(OptionParserState.java:56)',
  'joptsimple.OptionParser.parse(OptionParser.java:396)',
]

function unrecognized(name: string, frames: readonly string[]): OptionException {
  return new OptionException(
    'joptsimple.UnrecognizedOptionException',
    `${name} is not a recognized option`,
    frames,
  )
}

/** Parses argv against the tool's options; throws OptionException as joptsimple does. */
export function parseOptions(specs: readonly OptionSpec[], argv: readonly string[]): OptionSet {
  const byName = new Map(specs.map((spec) => [spec.name, spec]))
  const set = new OptionSet(specs)
  let index = 0
  while (index < argv.length) {
    const word = argv[index++] ?? ''
    if (word === '--') {
      set.addNonOptions(argv.slice(index))
      break
    }
    const long = word.startsWith('--')
    if (!long && (!word.startsWith('-') || word === '-')) {
      set.addNonOptions([word])
      continue
    }
    const body = word.slice(long ? 2 : 1)
    const equals = body.indexOf('=')
    const name = equals === -1 ? body : body.slice(0, equals)
    const attached = equals === -1 ? null : body.slice(equals + 1)
    const spec = byName.get(name)
    if (spec === undefined) {
      throw long ? unrecognized(name, UNRECOGNIZED_LONG) : unrecognized(body.slice(0, 1), UNRECOGNIZED_SHORT)
    }
    if (spec.argument === 'none') {
      set.add(name, null)
    } else if (attached !== null) {
      set.add(name, attached)
    } else if (spec.argument === 'required') {
      const next = argv[index++]
      if (next === undefined) {
        throw new OptionException(
          'joptsimple.OptionMissingRequiredArgumentException',
          `Option ${name} requires an argument`,
          MISSING_ARGUMENT,
        )
      }
      set.add(name, next)
    } else {
      const next = argv[index]
      const takesNext = next !== undefined && !next.startsWith('-')
      if (takesNext) index++
      set.add(name, takesNext ? next : null)
    }
  }
  const missing = specs.filter((spec) => spec.required === true && !set.has(spec.name))
  if (missing.length > 0 && !set.has('help') && !set.has('version'))
    throw new OptionException(
      'joptsimple.MissingRequiredOptionsException',
      `Missing required option(s) [${missing.map((spec) => spec.name).join(', ')}]`,
    )
  return set
}
