// The joptsimple parser as Kafka's tools configure it. Expected texts were produced by joptsimple 5.0.4
// (the version Kafka 4.1 ships) on the kafka-topics option set, run on JDK 17.
import { describe, expect, it } from 'vitest'
import { OptionException } from '../../../../workers/tools/kafka/java-exception.ts'
import { parseOptions } from '../../../../workers/tools/kafka/options/option-parser.ts'
import { HELP_AND_VERSION, flag, withArgument } from '../../../../workers/tools/kafka/options/option-spec.ts'
import { TOPIC_COMMAND_OPTIONS } from '../../../../workers/tools/kafka/topic-command-options.ts'

const parse = (...argv: string[]) => parseOptions(TOPIC_COMMAND_OPTIONS, argv)

function failure(argv: string[]): OptionException {
  try {
    parse(...argv)
  } catch (error) {
    if (error instanceof OptionException) return error
  }
  throw new Error('expected an OptionException')
}

describe('parseOptions', () => {
  it('takes `--name value`, `--name=value` (keeping later = signs) and `-name value`', () => {
    const options = parse('-partitions', '3', '--topic=a=b', '--list')
    expect(options.numberOf('partitions')).toBe(3)
    expect(options.valueOf('topic')).toBe('a=b')
    expect(options.has('list')).toBe(true)
  })

  it('does not accept abbreviations: --top is unrecognized', () => {
    const error = failure(['--top', 'x'])
    expect(error.toString()).toBe('joptsimple.UnrecognizedOptionException: top is not a recognized option')
  })

  it('names a removed long option, with joptsimple frames', () => {
    expect(failure(['--zookeeper', 'x']).stackTrace()).toBe(
      'joptsimple.UnrecognizedOptionException: zookeeper is not a recognized option\n' +
        '\tat joptsimple.OptionException.unrecognizedOption(OptionException.java:108)\n' +
        '\tat joptsimple.OptionParser.handleLongOptionToken(OptionParser.java:510)\n' +
        '\tat joptsimple.OptionParserState$2.handleArgument(OptionParserState.java:56)\n' +
        '\tat joptsimple.OptionParser.parse(OptionParser.java:396)\n',
    )
  })

  it('reads an unknown single-dash word as a cluster of short options and names its first letter', () => {
    expect(failure(['-zookeeper', 'x']).message).toBe('z is not a recognized option')
    expect(failure(['-p', '3']).message).toBe('p is not a recognized option')
    expect(failure(['--=3']).message).toBe(' is not a recognized option')
  })

  it('reports a missing required argument', () => {
    const error = failure(['--list', '--topic'])
    expect(error.toString()).toBe(
      'joptsimple.OptionMissingRequiredArgumentException: Option topic requires an argument',
    )
  })

  it('refuses a command line without a .required() option, unless it asks for --help or --version', () => {
    const specs = [
      ...HELP_AND_VERSION,
      withArgument('bootstrap-server', 'Server.', { required: true }),
      flag('list', 'List.'),
    ]
    expect(() => parseOptions(specs, ['--list'])).toThrow(
      new OptionException(
        'joptsimple.MissingRequiredOptionsException',
        'Missing required option(s) [bootstrap-server]',
      ),
    )
    expect(parseOptions(specs, ['--help']).has('help')).toBe(true)
    expect(parseOptions(specs, ['--version']).has('version')).toBe(true)
    expect(parseOptions(specs, ['--bootstrap-server', 'b']).valueOf('bootstrap-server')).toBe('b')
  })

  it('lets a required argument swallow the next word even when it looks like an option', () => {
    const options = parse('--topic', '--partitions', '3')
    expect(options.valueOf('topic')).toBe('--partitions')
    expect(options.has('partitions')).toBe(false)
    expect(options.nonOptionArguments()).toEqual(['3'])
  })

  it('keeps repeated values in order and refuses valueOf on them', () => {
    const options = parse('--config', 'a=1', '--config', 'b=2', '--topic', 'a', '--topic', 'b')
    expect(options.valuesOf('config')).toEqual(['a=1', 'b=2'])
    expect(() => options.valueOf('topic')).toThrow(
      'Found multiple arguments for option topic, but you asked for only one',
    )
  })

  it('treats `--` as the end of options and a lone `-` as a non-option', () => {
    const options = parse('-', '--', '--list')
    expect(options.has('list')).toBe(false)
    expect(options.nonOptionArguments()).toEqual(['-', '--list'])
  })

  it('converts Integer arguments as Integer.valueOf does, when read', () => {
    expect(parse('--partitions', '+7').numberOf('partitions')).toBe(7)
    for (const bad of ['abc', '', ' 7', '99999999999']) {
      expect(() => parse(`--partitions=${bad}`).numberOf('partitions')).toThrow(
        `Cannot parse argument '${bad}' of option partitions`,
      )
    }
  })

  it('ignores a value attached to a flag', () => {
    expect(parse('-list=x').has('list')).toBe(true)
    expect(parse('--list=').has('list')).toBe(true)
  })
})
