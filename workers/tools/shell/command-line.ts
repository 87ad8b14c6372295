/**
 * A command line as bash has it when it runs the command: the line read again with its expansions
 * (shell-words.ts), the leading `NAME=value` assignments apart with their values expanded, every other word
 * expanded and split into fields, `export`'s `NAME=value` arguments expanded as assignments (never split,
 * as bash treats a declaration builtin's), and each file redirection's target expanded to one word (more or
 * none is bash's `ambiguous redirect`); a here-string's word is expanded as an assignment's value is. Expansions run left to right, assignments first. A here-document whose
 * delimiter is unquoted has its lines expanded (hereDocumentLines), one whose delimiter is quoted stays as typed.
 */
import {
  readHereDocumentLine,
  assignmentName,
  assignmentValue,
  leadingAssignments,
  literalWord,
  readShellWords,
} from '../script/shell-words.ts'
import type { FileRedirect } from '../script/types.ts'
import { expandValue, expandWord, type Expansions } from './expansion.ts'

export interface ExpandedLine {
  assignments: [string, string][]
  /** The command name and its arguments; empty for a line of assignments only. */
  words: string[]
  redirects: FileRedirect[]
  /**
   * True when its stdin is a here-document (`<<EOF`, `<<'EOF'`): its last stdin redirection is one, as bash
   * applies redirections left to right (`cat < f <<EOF` reads the here-document, `cat <<EOF < f` the file).
   */
  hereDocument: boolean
  /** True when that here-document's delimiter is unquoted (`<<EOF`): bash then expands its lines. */
  expandsHereDocument: boolean
  /**
   * The here-string's lines when it gives stdin (`<<< WORD`, the last stdin redirection): the word expanded
   * (never split) and a newline; else null.
   */
  hereString: string[] | null
}

/** The expanded line, or bash's complaint about a redirection. */
export async function expandLine(source: string, expansions: Expansions): Promise<ExpandedLine | string> {
  const read = readShellWords(source, 0)
  const leading = leadingAssignments(read.words)
  const assignments: [string, string][] = []
  for (const word of read.words.slice(0, leading)) {
    const name = assignmentName(word) ?? ''
    assignments.push([name, await expandValue(assignmentValue(word, name), expansions)])
  }
  const words: string[] = []
  const declaration = literalWord(read.words[leading] ?? []) === 'export'
  for (const [i, word] of read.words.slice(leading).entries()) {
    const name = declaration && i > 0 ? assignmentName(word) : null
    if (name === null) words.push(...(await expandWord(word, expansions)))
    else words.push(`${name}=${await expandValue(assignmentValue(word, name), expansions)}`)
  }
  const redirects: FileRedirect[] = []
  let hereDocument = false
  let expandsHereDocument = false
  let hereString: string[] | null = null
  for (const { op, target } of read.redirects) {
    if (op === '<<' || op === '<<-') {
      hereDocument = true
      hereString = null
      expandsHereDocument = target.every((part) => part.kind === 'text' && !part.quoted)
      continue
    }
    if (op === '<<<') {
      hereDocument = false
      hereString = (await expandValue(target, expansions)).split('\n')
      continue
    }
    const fields = await expandWord(target, expansions)
    if (fields.length !== 1) return `bash: ${literalWord(target)}: ambiguous redirect`
    redirects.push({ op, path: fields[0] ?? '' })
    if (op === '<') {
      hereDocument = false
      hereString = null
    }
  }
  return { assignments, words, redirects, hereDocument, expandsHereDocument, hereString }
}

/** A here-document's lines as the command reads them. */
export async function hereDocumentLines(
  lines: readonly string[],
  line: ExpandedLine,
  expansions: Expansions,
): Promise<string[]> {
  if (!line.expandsHereDocument) return [...lines]
  const expanded: string[] = []
  for (const text of lines) expanded.push(await expandValue(readHereDocumentLine(text), expansions))
  return expanded
}
