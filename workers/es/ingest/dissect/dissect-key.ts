/**
 * DissectKey (libs/dissect, ES 8): one `%{...}` key of a dissect pattern, read into its name and modifier.
 *
 * The modifier is found anywhere in the key text: `+` append, `+` then `/n` append in order n (a Java
 * short), `*` the value names a field, `&` the value goes to the field `*` named, `?` named skip, none
 * plain. Any other second modifier fails with `multiple modifiers are not allowed.`. A trailing `->` skips
 * repeated delimiters to the key's right. The name is what follows the modifier (`b+a` appends to `a`);
 * an empty plain name or a `?` key is skipped; an empty or unreadable name otherwise fails with `The key
 * name could not be determined`. `$` in these patterns is Java's (JAVA_END).
 */
import type { EsException } from '../../errors/index.ts'
import { JAVA_END } from '../java-regex.ts'
import { dissectException, numberFormatException } from './dissect-exception.ts'

export type Modifier = 'NONE' | 'APPEND_WITH_ORDER' | 'APPEND' | 'FIELD_NAME' | 'FIELD_VALUE' | 'NAMED_SKIP'

export interface DissectKey {
  readonly modifier: Modifier
  readonly name: string
  /** The value is matched but not kept. */
  readonly skip: boolean
  /** `->`: repeated delimiters after the value are skipped. */
  readonly skipRightPadding: boolean
  readonly appendPosition: number
}

const MODIFIERS: ReadonlyMap<string, Modifier> = new Map([
  ['/', 'APPEND_WITH_ORDER'],
  ['+', 'APPEND'],
  ['*', 'FIELD_NAME'],
  ['&', 'FIELD_VALUE'],
  ['?', 'NAMED_SKIP'],
])

const RIGHT_PADDING = new RegExp(`^(.*?)(->)?${JAVA_END}`, 's')
const LEFT_MODIFIER = new RegExp(`([+*&?])(.*?)(->)?${JAVA_END}`, 's')
const APPEND_WITH_ORDER = new RegExp(`[+](.*?)(/)([0-9]+)(->)?${JAVA_END}`, 's')

const SHORT_MAX = 32767
const INT_MAX = 2147483647

function keyParse(key: string, reason: string): EsException {
  return dissectException('KeyParse', `Unable to parse key: ${key} Reason: ${reason}`)
}

function findModifier(key: string): Modifier {
  let modifier: Modifier = 'NONE'
  let matches = 0
  for (const c of key) {
    const found = MODIFIERS.get(c)
    if (found === undefined) continue
    const prior = modifier
    modifier = found
    if (++matches > 1 && !(prior === 'APPEND' && modifier === 'APPEND_WITH_ORDER')) {
      throw keyParse(key, 'multiple modifiers are not allowed.')
    }
  }
  return modifier
}

/** Short.valueOf of the digits after `/`. */
function appendPosition(digits: string): number {
  const value = Number(digits)
  if (value > INT_MAX) throw numberFormatException(`For input string: "${digits}"`)
  if (value > SHORT_MAX) throw numberFormatException(`Value out of range. Value:"${digits}" Radix:10`)
  return value
}

export function parseDissectKey(key: string): DissectKey {
  const modifier = findModifier(key)
  let name: string | null = null
  let skipRightPadding = false
  let position = 0
  let skip = modifier === 'NAMED_SKIP'
  if (modifier === 'NONE') {
    const match = RIGHT_PADDING.exec(key)!
    name = match[1]!
    skipRightPadding = match[2] !== undefined
    skip = name === ''
  } else if (modifier === 'APPEND_WITH_ORDER') {
    const match = APPEND_WITH_ORDER.exec(key)
    if (match !== null) {
      name = match[1]!
      position = appendPosition(match[3]!)
      skipRightPadding = match[4] !== undefined
    }
  } else {
    const match = LEFT_MODIFIER.exec(key)
    if (match !== null) {
      name = match[2]!
      skipRightPadding = match[3] !== undefined
    }
  }
  if (name === null || (name === '' && !skip)) throw keyParse(key, 'The key name could not be determined')
  return { modifier, name, skip, skipRightPadding, appendPosition: position }
}
