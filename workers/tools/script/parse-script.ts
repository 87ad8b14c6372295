/**
 * The console script parser: the whole buffer in, every command out with its exact source range, never
 * throwing. A command starts at a line whose first word is an HTTP method (a Kibana Dev Tools request, in
 * any case), `curl`, a Kafka tool, a playground command name or a shell assignment (`NAME=value`; words
 * stay as written: the shell expands `$NAME` and `$(...)` when the command runs); blank lines and `#`, `//`
 * and `/* *\/` comment lines between commands are skipped. A Kafka tool takes the `>` lines after it as its
 * stdin. A shell command with a here-document (`cat > f <<EOF`, `<<'EOF'`, `<<-EOF`) takes the lines after
 * it up to the delimiter line as its stdin, as bash does; they are never commands, and the command's range
 * ends with the delimiter line (a here-document never closed is an error covering the rest of the buffer). A
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
import { leadingAssignments, literalLine, readShellWords, type Redirect } from './shell-words.ts'
import type { FileRedirect, ScriptCommand, SourceRange } from './types.ts'

interface Parsed {
  command: ScriptCommand
  nextLine: number
}

const UNEXPECTED = 'Expected a command or one of GET/POST/PUT/DELETE/HEAD/PATCH'
const ORPHAN_STDIN = 'A `>` line is the stdin of the Kafka tool command just above it, and there is none'
const CURL_BACKGROUND = 'curl: `&` is not supported in the playground: run curl in the foreground'
const STRAY_BODY_START = /^[{}[\]",:0-9]/

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
    return { command: error(lines, range, UNEXPECTED), nextLine: body.nextLine }
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

function shellCommand(lines: LineTable, first: number): Parsed {
  const text = lines.text
  const read = readShellWords(text, first)
  const shell = literalLine(read)
  const range = lines.range(first, shell.end)
  const command = text.slice(range.start, range.end)
  const nextLine = lines.lineOf(shell.end) + 1
  // `NAME=value` words before the command name are assignments, not the command.
  const assignments = leadingAssignments(read.words)
  const [name = '', ...args] = shell.words.slice(assignments)
  const assignsOnly = assignments > 0 && assignments === shell.words.length
  const redirects = shell.redirects ?? []
  const heredoc = redirects.find((r) => r.op === '<<' || r.op === '<<-')
  const heredocBody = heredoc ? readHeredoc(lines, nextLine, heredoc) : null
  const stdin = heredocBody ?? readStdin(lines, nextLine)
  const withStdin = stdin.lines.length > 0 || heredoc ? lines.range(first, stdin.end) : range
  const failed = (message: string): Parsed => ({
    command: { kind: 'error', range: withStdin, command, message },
    nextLine: stdin.nextLine,
  })
  if (shell.error !== null) return failed(shell.error)
  if (heredoc && heredocBody?.closed === false) {
    return failed(
      `here-document at line ${range.line} delimited by end-of-file (wanted \`${heredoc.target}')`,
    )
  }
  const files = redirects.filter(
    (r): r is Redirect & { op: FileRedirect['op'] } => r.op !== '<<' && r.op !== '<<-',
  )
  const fileRedirects =
    files.length > 0 ? { redirects: files.map((r) => ({ op: r.op, path: r.target })) } : {}
  const background = shell.background ? { background: true as const } : {}
  const tool = kafkaToolName(name)
  if (tool !== null) {
    const kafka: ScriptCommand = {
      kind: 'kafka',
      range: withStdin,
      command,
      tool,
      argv: args,
      stdin: stdin.lines,
      ...fileRedirects,
      ...background,
    }
    return { command: kafka, nextLine: stdin.nextLine }
  }
  if (name === 'curl' && shell.background) return failed(CURL_BACKGROUND)
  if (name === 'curl' && redirects.length === 0) {
    const curl = curlRequest(args)
    const parsed: ScriptCommand =
      typeof curl === 'string'
        ? { kind: 'error', range, command, message: curl }
        : { kind: 'es', range, command, via: 'curl', ...curl }
    return { command: parsed, nextLine }
  }
  if (assignsOnly || (name !== 'curl' && isPlaygroundName(name))) {
    const playground: ScriptCommand = {
      kind: 'playground',
      range: heredoc ? withStdin : range,
      command,
      name,
      args,
      ...(heredoc ? { stdin: stdin.lines } : {}),
      ...fileRedirects,
      ...background,
    }
    return { command: playground, nextLine: heredoc ? stdin.nextLine : nextLine }
  }
  if (name === 'curl') return failed('curl: redirections are not supported in the playground')
  return { command: { kind: 'error', range, command, message: UNEXPECTED }, nextLine }
}

/** A here-document's lines, from `line` up to the delimiter line (`<<-` strips leading tabs first). */
function readHeredoc(lines: LineTable, line: number, heredoc: Redirect): Stdin & { closed: boolean } {
  const text = lines.text
  const body: string[] = []
  for (let next = line; next < lines.count; next++) {
    const raw = text.slice(lines.start(next), lines.end(next))
    const content = heredoc.op === '<<-' ? raw.replace(/^\t+/, '') : raw
    if (content === heredoc.target)
      return { lines: body, end: lines.end(next), nextLine: next + 1, closed: true }
    body.push(content)
  }
  return { lines: body, end: text.length, nextLine: lines.count, closed: false }
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
