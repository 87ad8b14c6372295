/**
 * The console script parser: the whole buffer in, every command out with its exact source range, never
 * throwing. A command starts at a line whose first word is an HTTP method (a Kibana Dev Tools request, in
 * any case), `curl`, a Kafka tool, a playground command name or a shell assignment (`NAME=value`; words
 * stay as written: the shell expands `$NAME` and `$(...)` when the command runs); blank lines and `#`, `//`
 * and `/* *\/` comment lines between commands are skipped. A Kafka tool takes the `>` lines after it as its
 * stdin, unless a here-document or here-string feeds it. A shell command with a here-document (`cat > f <<EOF`,
 * `<<'EOF'`, `<<-EOF`) takes the lines after its physical line up to the delimiter line (shell-list.ts reads
 * them, several in the order of their operators, as bash does; the last one is its stdin); they are never
 * commands, the lines typed under the command's last line are kept as written (`typedHereDocuments`), and the
 * command's range ends with the last delimiter line (a here-document never closed runs to the end of the
 * buffer, and the command carries bash's warning for it in `warnings`). A
 * Kafka tool or a shell command whose line ends with `&` is marked `background` (curl with `&` is an error). A
 * Dev Tools request takes the lines after it as its body, up to the next line that starts a command
 * (outside `"""` strings and block comments) or, outside every `{ }` object, a blank or comment line
 * (see body-extent.ts). An error covers the text that caused it and parsing resumes at the next line that
 * can start a command, as Kibana's console parser recovers at the next request line.
 *
 * Linear in the buffer's length: each line is visited a bounded number of times.
 */
import type { HttpMethod } from '../../protocol/es.ts'
import { bodyExtent } from './body-extent.ts'
import { isPlaygroundName, kafkaToolName, methodAt } from './command-words.ts'
import { curlRequest } from './curl.ts'
import { kibanaRequestBody } from './kibana-body.ts'
import { LineTable } from './line-table.ts'
import { requestLineUrl } from './request-line.ts'
import { restTarget } from './rest-target.ts'
import { readShellList, UNEXPECTED_END, type HereDocumentBody, type ListCommand } from './shell-list.ts'
import { leadingAssignments, literalLine, type Redirect, type ShellLine } from './shell-words.ts'
import type { FileRedirect, Pipeline, PipelineCommand, ScriptCommand, SourceRange } from './types.ts'

interface Parsed {
  command: ScriptCommand
  nextLine: number
}

const UNEXPECTED = 'Expected a command or one of GET/POST/PUT/DELETE/HEAD/PATCH'
const ORPHAN_STDIN = 'A `>` line is the stdin of the Kafka tool command just above it, and there is none'
const CURL_BACKGROUND = 'curl: `&` is not supported in the playground: run curl in the foreground'
const STRAY_BODY_START = /^[{}[\]",:0-9]/
/** The one Kafka tool that reads its stdin. */
const STDIN_TOOL = 'kafka-console-producer'

export function parseScript(text: string): ScriptCommand[] {
  const lines = new LineTable(text)
  const commands: ScriptCommand[] = []
  let line = 0
  while (line < lines.count) {
    const first = lines.firstNonBlank(line)
    if (first < 0 || text.charAt(first) === '#' || text.startsWith('//', first)) {
      line++
      continue
    }
    if (text.startsWith('/*', first)) {
      const close = text.indexOf('*/', first + 2)
      line = close < 0 ? line + 1 : lines.lineOf(close) + 1
      continue
    }
    const parsed = parseCommand(lines, line, first)
    commands.push(parsed.command)
    line = parsed.nextLine
  }
  return commands
}

function parseCommand(lines: LineTable, line: number, first: number): Parsed {
  const text = lines.text
  const method = methodAt(text, first, lines.end(line))
  if (method !== null) return devToolsRequest(lines, line, first, method)
  if (text.charAt(first) === '>') {
    const stdin = readStdin(lines, line)
    return { command: error(lines, lines.range(first, stdin.end), ORPHAN_STDIN), nextLine: stdin.nextLine }
  }
  if (STRAY_BODY_START.test(text.charAt(first))) {
    const body = bodyExtent(lines, line)
    const range = lines.range(first, lines.end(Math.max(line, body.lastLine)))
    // The stray line itself is taken even when the body's recovery would stop at it (a `"""` that never closes
    // on a line that also reads as a tool's path): parsing always moves past it.
    return { command: error(lines, range, UNEXPECTED), nextLine: Math.max(body.nextLine, line + 1) }
  }
  return shellCommand(lines, first)
}

function devToolsRequest(lines: LineTable, line: number, first: number, method: HttpMethod): Parsed {
  const text = lines.text
  const lineEnd = lines.end(line)
  const url = requestLineUrl(text.slice(first + method.length, lineEnd))
  const body = bodyExtent(lines, line + 1)
  const hasBody = body.lastLine > line
  const range = lines.range(first, hasBody ? lines.end(body.lastLine) : lineEnd)
  const command = text.slice(first, lineEnd).trimEnd()
  const nextLine = body.nextLine
  if (body.unclosed !== null) {
    return {
      command: { kind: 'error', range, command, message: `failed to find closing '${body.unclosed}'` },
      nextLine,
    }
  }
  if (url === '') return { command: { kind: 'error', range, command, message: 'Missing url' }, nextLine }
  const bodyText = hasBody ? text.slice(lines.start(line + 1), lines.end(body.lastLine)) : ''
  const request = { method, ...restTarget(url), body: kibanaRequestBody(bodyText) }
  return { command: { kind: 'es', range, command, request, via: 'devtools' }, nextLine }
}

/** One simple command of a shell line, with the body of its last here-document (the one it reads). */
interface Part {
  list: ListCommand
  shell: ShellLine
  body: HereDocumentBody | undefined
  /** Its last stdin redirection (`<`, `<<`, `<<-` or `<<<`): bash applies them in order, the last one wins. */
  input: Redirect | undefined
}

function shellCommand(lines: LineTable, first: number): Parsed {
  const text = lines.text
  const list = readShellList(text, first)
  // The command as written runs to its last line, with the here-documents read before that line.
  const lineRange = lines.range(first, list.end)
  const command = text.slice(lineRange.start, lineRange.end)
  let nextLine = lines.lineOf(list.bodiesEnd) + 1
  let end = list.bodiesEnd
  const parts = list.commands.map((listed): Part => {
    const shell = literalLine(listed.read)
    const input = shell.redirects?.filter((r) => r.op !== '>' && r.op !== '>>').pop()
    const body = listed.hereDocuments[listed.hereDocuments.length - 1]
    return { list: listed, shell, body, input }
  })
  const last = parts[parts.length - 1]
  // The `>` lines are what the terminal types: a lone Kafka tool reads them at its prompt; in a list, the
  // console producer that neither a pipe nor a here-document (or here-string) feeds reads them.
  const reader =
    parts.length === 1
      ? parts.find((part) => list.error !== null || kafkaToolName(commandName(part)) !== null)
      : parts.find((part) => kafkaToolName(commandName(part)) === STDIN_TOOL && part.list.after !== '|')
  const fed = reader?.shell.redirects?.some((r) => r.op.startsWith('<<')) === true
  const typed = reader !== undefined && !fed ? readStdin(lines, nextLine) : null
  if (typed !== null && typed.lines.length > 0) ({ nextLine, end } = typed)
  const range = lines.range(first, end)
  // bash reads every here-document before it runs the line, warning of each one the text ended in.
  const warnings = parts.flatMap((part) =>
    part.list.hereDocuments.filter((body) => !body.closed).map((body) => endOfFileWarning(lines, body)),
  )
  const warned = warnings.length > 0 ? { warnings } : {}
  if (list.error !== null || last === undefined) {
    // A syntax error within the line stops bash before it reads the here-documents; the text's end does not.
    const read = list.error === UNEXPECTED_END ? warned : {}
    const message = list.error ?? UNEXPECTED
    return { command: { kind: 'error', range, command, message, ...read }, nextLine }
  }
  const background = last.shell.background === true
  // The here-documents typed under the command's last line, as written (delimiter lines included).
  const typedBodies =
    list.bodiesEnd > list.end
      ? { typedHereDocuments: text.slice(list.end + 1, list.bodiesEnd).split(/\r?\n/) }
      : {}
  const stdinOf = (part: Part): string[] => part.body?.lines ?? (part === reader ? (typed?.lines ?? []) : [])
  if (parts.length === 1) {
    const simple = simpleCommand(last, range, command, stdinOf(last), background)
    return { command: { ...simple, ...(simple.kind === 'error' ? {} : typedBodies), ...warned }, nextLine }
  }
  const pipelines: Pipeline[] = []
  for (const part of parts) {
    const partRange = lines.range(part.list.start, part.list.read.end)
    const partCommand = text.slice(partRange.start, partRange.end)
    const simple = simpleCommand(part, partRange, partCommand, stdinOf(part), false)
    const current = pipelines[pipelines.length - 1]
    const after = part.list.after
    if (after === '|' && current !== undefined) current.commands.push(simple)
    else pipelines.push({ after: after === '|' ? null : after, commands: [simple] })
  }
  const listed: ScriptCommand = {
    kind: 'list',
    range,
    command,
    pipelines,
    stdin: typed?.lines ?? [],
    ...typedBodies,
    ...warned,
    ...(background ? { background: true as const } : {}),
  }
  return { command: listed, nextLine }
}

/**
 * bash's warning for a here-document the text ended in (make_cmd.c's make_here_document through
 * internal_warning, as an interactive shell prints it: no `line N:` before it). Its line is the one bash had
 * read last when it began the body: the operator's, or the one holding the previous body's delimiter.
 */
function endOfFileWarning(lines: LineTable, body: HereDocumentBody): string {
  const line = lines.lineOf(body.startsAfter) + 1
  return `bash: warning: here-document at line ${line} delimited by end-of-file (wanted \`${body.delimiter}')`
}

/** The command name of a simple command: its first word after the leading `NAME=value` assignments. */
function commandName(part: Part): string {
  return part.shell.words[leadingAssignments(part.list.read.words)] ?? ''
}

/** What a simple command is by its name: a Kafka tool, a curl request, a playground command, or an error. */
function simpleCommand(
  part: Part,
  range: SourceRange,
  command: string,
  stdin: string[],
  background: boolean,
): PipelineCommand {
  const assignments = leadingAssignments(part.list.read.words)
  const [name = '', ...args] = part.shell.words.slice(assignments)
  const assignsOnly = assignments > 0 && assignments === part.shell.words.length
  const redirects = part.shell.redirects ?? []
  const files = redirects.filter((r): r is Redirect & { op: FileRedirect['op'] } => !r.op.startsWith('<<'))
  const fileRedirects =
    files.length > 0 ? { redirects: files.map((r) => ({ op: r.op, path: r.target })) } : {}
  const inBackground = background ? { background: true as const } : {}
  const failed = (message: string): PipelineCommand => ({ kind: 'error', range, command, message })
  const tool = kafkaToolName(name)
  if (tool !== null) {
    return { kind: 'kafka', range, command, tool, argv: args, stdin, ...fileRedirects, ...inBackground }
  }
  if (name === 'curl') {
    if (background) return failed(CURL_BACKGROUND)
    // Its stdin may be a here-document (`--data-binary @- <<EOF`), a here-string (the word as written and a
    // newline: curl lines are not expanded) or a `< file`, the last one given; its output is not redirected.
    if (files.some((r) => r.op !== '<'))
      return failed('curl: redirections are not supported in the playground')
    const curl = curlRequest(args)
    if (typeof curl === 'string') return failed(curl)
    const given = part.input
    const input =
      given?.op === '<<<'
        ? { stdin: given.target.split('\n') }
        : given?.op.startsWith('<<') === true
          ? { stdin }
          : {}
    return { kind: 'es', range, command, via: 'curl', ...curl, ...input, ...fileRedirects }
  }
  if (!assignsOnly && !isPlaygroundName(name)) return failed(UNEXPECTED)
  const heredoc = part.body ? { stdin } : {}
  return { kind: 'playground', range, command, name, args, ...heredoc, ...fileRedirects, ...inBackground }
}

interface Stdin {
  lines: string[]
  /** The end of the last `>` line (the start of `line` when there is none). */
  end: number
  nextLine: number
}

/** The `>` lines from `line` on: the text after `>` and one optional space. */
function readStdin(lines: LineTable, line: number): Stdin {
  const text = lines.text
  const stdin: string[] = []
  let end = lines.start(line)
  let next = line
  for (; next < lines.count; next++) {
    const first = lines.firstNonBlank(next)
    if (first < 0 || text.charAt(first) !== '>') break
    end = lines.end(next)
    const content = text.charAt(first + 1) === ' ' ? first + 2 : first + 1
    stdin.push(text.slice(content, end))
  }
  return { lines: stdin, end, nextLine: next }
}

function error(lines: LineTable, range: SourceRange, message: string): ScriptCommand {
  const firstLineEnd = lines.end(range.line - 1)
  return {
    kind: 'error',
    range,
    command: lines.text.slice(range.start, Math.min(range.end, firstLineEnd)),
    message,
  }
}
