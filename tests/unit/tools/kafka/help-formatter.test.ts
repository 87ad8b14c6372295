// The help tables against the output of joptsimple 5.0.4 itself: the fixtures were printed by
// `parser.printHelpOn` on parsers declared exactly as Kafka 4.1's tools declare them (JDK 17).
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { formatHelp } from '../../../../workers/tools/kafka/options/help-formatter.ts'
import { flag, withArgument } from '../../../../workers/tools/kafka/options/option-spec.ts'
import { TOPIC_COMMAND_OPTIONS } from '../../../../workers/tools/kafka/topic-command-options.ts'
import { CONSOLE_PRODUCER_OPTIONS } from '../../../../workers/tools/kafka/console-producer-options.ts'
import { CONSOLE_CONSUMER_OPTIONS } from '../../../../workers/tools/kafka/console-consumer-options.ts'

function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}-help.txt`, import.meta.url), 'utf8')
}

describe('formatHelp', () => {
  it.each([
    ['kafka-topics', TOPIC_COMMAND_OPTIONS],
    ['kafka-console-producer', CONSOLE_PRODUCER_OPTIONS],
    ['kafka-console-consumer', CONSOLE_CONSUMER_OPTIONS],
  ] as const)('prints the %s table byte for byte as joptsimple does', (tool, specs) => {
    expect(formatHelp(specs)).toBe(fixture(tool))
  })

  it('narrows both columns to the widest cell when everything is short (as joptsimple prints it)', () => {
    expect(
      formatHelp([flag('b', 'Bee.'), withArgument('aa', 'An a.', { type: 'Integer', defaultsTo: '3' })]),
    ).toBe(
      'Option          Description       \n' +
        '------          -----------       \n' +
        '--aa <Integer>  An a. (default: 3)\n' +
        '-b              Bee.              \n',
    )
  })

  it('heads the table `Option (* = required)` and leads a .required() option with `* `, as joptsimple does', () => {
    expect(formatHelp([flag('b', 'Bee.'), withArgument('aa', 'An a.', { required: true })])).toBe(
      'Option (* = required)  Description\n' +
        '---------------------  -----------\n' +
        '* --aa <String>        An a.      \n' +
        '-b                     Bee.       \n',
    )
  })
})
