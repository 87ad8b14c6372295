/**
 * bash's word expansions on the parts shell-words.ts read: parameters (`$NAME`, `${NAME}`, `$?`; an unset one
 * is empty), command substitutions (`$(command)`, `` `command` ``: the command's stdout with its trailing
 * newlines removed), then field splitting of the unquoted results on blanks and newlines (IFS unset), so
 * `$X` with X="a b" gives two words and `"$X"` one; a word whose unquoted expansions give nothing is removed,
 * while `""` or `"$UNSET"` stays an empty word. Substitutions run in the order they are written.
 */
import type { WordPart } from '../script/shell-words.ts'
import type { ShellVariables } from './shell-variables.ts'

export interface Expansions {
  variables: ShellVariables
  /** Runs a command substitution's script and resolves to its stdout. */
  substitute(script: string): Promise<string>
}

const FIELD_SEPARATORS = /[ \t\n]+/

async function partValue(part: WordPart, expansions: Expansions): Promise<string> {
  switch (part.kind) {
    case 'text':
      return part.text
    case 'parameter':
      return expansions.variables.get(part.name) ?? ''
    case 'command':
      return (await expansions.substitute(part.script)).replace(/\n+$/, '')
  }
}

/** One word's fields after expansion and field splitting. */
export async function expandWord(parts: readonly WordPart[], expansions: Expansions): Promise<string[]> {
  const fields: string[] = []
  let current = ''
  let present = false
  for (const part of parts) {
    const value = await partValue(part, expansions)
    if (part.kind === 'text' || part.quoted) {
      current += value
      present = true
      continue
    }
    for (const [i, piece] of value.split(FIELD_SEPARATORS).entries()) {
      if (i > 0 && present) {
        fields.push(current)
        current = ''
        present = false
      }
      if (piece !== '') {
        current += piece
        present = true
      }
    }
  }
  if (present) fields.push(current)
  return fields
}

/** Every word's fields, in order. */
export async function expandWords(
  words: readonly (readonly WordPart[])[],
  expansions: Expansions,
): Promise<string[]> {
  const fields: string[] = []
  for (const word of words) fields.push(...(await expandWord(word, expansions)))
  return fields
}

/** A word expanded without field splitting, as bash expands an assignment's value. */
export async function expandValue(parts: readonly WordPart[], expansions: Expansions): Promise<string> {
  let value = ''
  for (const part of parts) value += await partValue(part, expansions)
  return value
}
