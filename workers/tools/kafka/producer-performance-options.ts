/**
 * kafka-producer-perf-test's arguments (ProducerPerformance.argParser of Kafka 4.1, an argparse4j parser named
 * `producer-performance`) and their checks, as argparse4j reports them: `--name value` or `--name=value`;
 * `--producer-props` takes every following argument up to the next option; an unknown argument, a missing
 * value, a value of the wrong type, a required argument or required choice left out, two of one choice, and
 * ConfigPostProcessor's own checks each end the tool with the usage (wrapped at 80 columns as argparse4j wraps
 * it) and `producer-performance: error: <message>` on stderr, exit 1.
 */
import { patternSplit } from '../../net/java-pattern-split.ts'
import { illegalArgument } from './tool-errors.ts'
import { argparseUsage } from './argparse.ts'
import { INT_RANGE, LONG_RANGE, parseJavaInteger } from '../../net/java-integer.ts'
import { parseJavaDouble } from '../../net/java-double.ts'

const PROGRAM = 'producer-performance'

/** The usage's units in argparse4j's order: required options bare, optional ones bracketed, the choice in (|). */
const USAGE_UNITS = [
  '[-h]',
  '--topic TOPIC',
  '--num-records NUM-RECORDS',
  '(--record-size RECORD-SIZE |',
  '--payload-file PAYLOAD-FILE |',
  '--payload-monotonic)',
  '[--payload-delimiter PAYLOAD-DELIMITER]',
  '--throughput THROUGHPUT',
  '[--producer-props PROP-NAME=PROP-VALUE [PROP-NAME=PROP-VALUE ...]]',
  '[--producer.config CONFIG-FILE]',
  '[--print-metrics]',
  '[--transactional-id TRANSACTIONAL-ID]',
  '[--transaction-duration-ms TRANSACTION-DURATION]',
  '[--warmup-records WARMUP-RECORDS]',
]
/** argparse4j's usage: units joined by spaces, a unit that would pass column 80 starting a new indented line. */
export function producerPerformanceUsage(): string {
  return argparseUsage(PROGRAM, USAGE_UNITS)
}

/** An ArgumentParserException: printed after the usage as `producer-performance: error: <message>`. */
export class ArgumentParserException extends Error {}

export interface ProducerPerformanceConfig {
  readonly topic: string
  readonly numRecords: number
  readonly warmupRecords: number
  readonly recordSize: number | null
  readonly payloadFile: string | null
  readonly payloadDelimiter: string
  readonly payloadMonotonic: boolean
  readonly throughput: number
  readonly producerProps: readonly string[] | null
  readonly producerConfigFile: string | null
  readonly printMetrics: boolean
  readonly transactionalId: string | null
  readonly transactionDurationMs: number | null
  readonly help: boolean
}

type Kind = 'String' | 'Long' | 'Integer' | 'Double' | 'flag' | 'list'

const ARGUMENTS: ReadonlyMap<string, Kind> = new Map([
  ['--topic', 'String'],
  ['--num-records', 'Long'],
  ['--record-size', 'Integer'],
  ['--payload-file', 'String'],
  ['--payload-monotonic', 'flag'],
  ['--payload-delimiter', 'String'],
  ['--throughput', 'Double'],
  ['--producer-props', 'list'],
  ['--producer.config', 'String'],
  ['--print-metrics', 'flag'],
  ['--transactional-id', 'String'],
  ['--transaction-duration-ms', 'Long'],
  ['--warmup-records', 'Long'],
])
const PAYLOAD_CHOICE = ['--record-size', '--payload-file', '--payload-monotonic']
const REQUIRED = ['--topic', '--num-records', '--throughput']

/** An option flag, as argparse4j tells one from a value: a leading `-` not followed by a digit. */
function isOption(arg: string): boolean {
  return /^-[^0-9]/.test(arg) || arg === '-'
}

export function parseProducerPerformanceArgs(argv: readonly string[]): ProducerPerformanceConfig {
  const values = new Map<string, string | string[] | true>()
  let help = false
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '-h' || arg === '--help') {
      help = true
      continue
    }
    const equals = arg.startsWith('--') ? arg.indexOf('=') : -1
    const name = equals > 0 ? arg.slice(0, equals) : arg
    const kind = ARGUMENTS.get(name)
    if (kind === undefined) throw new ArgumentParserException(`unrecognized arguments: '${arg}'`)
    const chosen = PAYLOAD_CHOICE.find(
      (other) => other !== name && PAYLOAD_CHOICE.includes(name) && values.has(other),
    )
    if (chosen !== undefined)
      throw new ArgumentParserException(`argument ${name}: not allowed with argument ${chosen}`)
    if (kind === 'flag') {
      values.set(name, true)
    } else if (kind === 'list') {
      const list = equals > 0 ? [arg.slice(equals + 1)] : []
      while (i + 1 < argv.length && !isOption(argv[i + 1]!)) list.push(argv[++i]!)
      if (list.length === 0)
        throw new ArgumentParserException(`argument ${name}: expected at least one argument`)
      values.set(name, list)
    } else {
      let value: string
      if (equals > 0) value = arg.slice(equals + 1)
      else if (i + 1 < argv.length && !isOption(argv[i + 1]!)) value = argv[++i]!
      else throw new ArgumentParserException(`argument ${name}: expected one argument`)
      if (kind !== 'String') convert(name, kind, value)
      values.set(name, value)
    }
  }
  const text = (name: string): string | null => {
    const value = values.get(name)
    return typeof value === 'string' ? value : null
  }
  if (!help) {
    for (const name of REQUIRED) {
      if (!values.has(name)) throw new ArgumentParserException(`argument ${name} is required`)
    }
    if (!PAYLOAD_CHOICE.some((name) => values.has(name))) {
      throw new ArgumentParserException(`one of the arguments ${PAYLOAD_CHOICE.join(' ')} is required`)
    }
  }
  const number = (name: string, kind: Kind): number | null => {
    const value = text(name)
    return value === null ? null : convert(name, kind, value)
  }
  return {
    topic: text('--topic') ?? '',
    numRecords: number('--num-records', 'Long') ?? 0,
    warmupRecords: Math.max(number('--warmup-records', 'Long') ?? 0, 0),
    recordSize: number('--record-size', 'Integer'),
    payloadFile: text('--payload-file'),
    payloadDelimiter: text('--payload-delimiter') ?? '\\n',
    payloadMonotonic: values.get('--payload-monotonic') === true,
    throughput: number('--throughput', 'Double') ?? 0,
    producerProps: (values.get('--producer-props') as string[] | undefined) ?? null,
    producerConfigFile: text('--producer.config'),
    printMetrics: values.get('--print-metrics') === true,
    transactionalId: text('--transactional-id'),
    transactionDurationMs: number('--transaction-duration-ms', 'Long'),
    help,
  }
}

/** ConfigPostProcessor's checks of the parsed values, in its order. */
export function checkProducerPerformanceConfig(config: ProducerPerformanceConfig): void {
  if (config.numRecords <= 0) throw new ArgumentParserException('--num-records should be greater than zero')
  if (config.warmupRecords >= config.numRecords) {
    throw new ArgumentParserException(
      'The value for --warmup-records must be strictly fewer than the number of records in the test, --num-records.',
    )
  }
  if (config.recordSize !== null && config.recordSize <= 0) {
    throw new ArgumentParserException('--record-size should be greater than zero')
  }
  if (config.producerProps === null && config.producerConfigFile === null) {
    throw new ArgumentParserException('Either --producer-props or --producer.config must be specified.')
  }
  if (config.transactionDurationMs !== null && config.transactionDurationMs <= 0) {
    throw new ArgumentParserException('--transaction-duration-ms should be greater than zero')
  }
}

/** ProducerPerformance.readProps' `--producer-props` part: each `name=value`, split as String.split("="). */
export function producerProps(props: readonly string[]): Map<string, string> {
  const out = new Map<string, string>()
  for (const prop of props) {
    const pieces = patternSplit(prop, /=/g, 0)
    if (pieces.length !== 2) throw illegalArgument(`Invalid property: ${prop}`)
    out.set(pieces[0]!, pieces[1]!)
  }
  return out
}

/** argparse4j's type conversion: Long.valueOf, Integer.valueOf (decimal only), Double.valueOf. */
function convert(name: string, kind: Kind, value: string): number {
  const parsed =
    kind === 'Double'
      ? parseJavaDouble(value)
      : /^[+-]?\d+$/.test(value)
        ? parseJavaInteger(value, kind === 'Integer' ? INT_RANGE : LONG_RANGE)
        : null
  if (parsed === null) {
    const reason = value === '' && kind === 'Double' ? 'empty String' : `For input string: "${value}"`
    throw new ArgumentParserException(`argument ${name}: could not convert '${value}' to ${kind} (${reason})`)
  }
  return Number(parsed)
}
