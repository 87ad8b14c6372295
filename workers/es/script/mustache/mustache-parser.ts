/**
 * The Mustache template compiler as ES's lang-mustache runs it: mustache.java's MustacheParser with
 * CustomMustacheFactory's visitor (the `toJson`, `join`, `join delimiter='…'` and `url` functions). The
 * template is read once, character by character, into a tree of codes; text is never a code of its own after
 * the first one, it is appended to the code before it (DefaultMustacheVisitor.write), which is what decides
 * whether a function's body is "one and only one identifier".
 *
 * Whitespace follows mustache.java, not the Mustache spec: a `\r` is kept only before a `\n`; the newline that
 * ends a line holding only whitespace after a section tag (`{{#x}}`, `{{^x}}`, or a `{{/x}}` whose section
 * spans lines) is dropped; the whitespace before a section's open tag is dropped when the section spans lines,
 * and before its close tag when that tag starts its line. Sections are `#` and `^`; `{{{x}}}` and `{{&x}}` are
 * unescaped values, `{{!…}}` comments, `{{=<% %>=}}` changes delimiters, `{{%…}}` pragmas are ignored;
 * partials (`{{>x}}`) cannot be found (there are no template files). A failure is a MustacheCompileError with
 * mustache.java's message, its TemplateContext (`@[query-template:<line>]`) appended.
 */

export const TEMPLATE_FILE = 'query-template'

export class MustacheCompileError extends Error {}

function contextError(message: string, line: number): MustacheCompileError {
  return new MustacheCompileError(`${message} @[${TEMPLATE_FILE}:${line}]`)
}

export type MustacheFunction = 'toJson' | 'join' | 'url'

/** A code of the template; `appended` is the text written after it. */
export type MustacheCode =
  | { kind: 'text'; appended: string }
  | { kind: 'comment'; text: string; appended: string }
  | { kind: 'value'; name: string; escaped: boolean; appended: string }
  | {
      kind: 'section'
      name: string
      inverted: boolean
      body: MustacheCode[]
      sm: string
      em: string
      appended: string
    }
  /** `variable`: the identifier the function's body names (extractVariableName). */
  | {
      kind: 'function'
      fn: MustacheFunction
      code: string
      variable: string
      delimiter: string
      body: MustacheCode[]
      sm: string
      em: string
      appended: string
    }

class Reader {
  private at = 0
  constructor(private readonly text: string) {}
  /** The next character, or null at the end. */
  read(): string | null {
    const c = this.at < this.text.length ? this.text[this.at]! : null
    this.at++
    return c
  }
  /** Steps back over the character just read (BufferedReader.reset after mark(1)). */
  unread(): void {
    this.at--
  }
}

class CodeList {
  readonly codes: MustacheCode[] = []
  write(text: string): void {
    if (text === '') return
    const last = this.codes.at(-1)
    if (last === undefined) this.codes.push({ kind: 'text', appended: text })
    else last.appended += text
  }
}

const JOIN_DELIMITER = /^join delimiter='(.*)'$/s

/** Compiles a whole template. */
export function compileMustache(text: string): MustacheCode[] {
  return compile(new Reader(text), null, { line: 0 }, '{{', '}}', true)
}

function compile(
  reader: Reader,
  tag: string | null,
  position: { line: number },
  startSm: string,
  startEm: string,
  startOfLineIn: boolean,
): MustacheCode[] {
  let sm = startSm
  let em = startEm
  let startOfLine = startOfLineIn
  const startLine = position.line
  let iterable = position.line !== 0
  if (position.line === 0) position.line = 1
  let onlyWhitespace = true
  let sawCR = false
  let out = ''
  const list = new CodeList()
  for (let c = reader.read(); c !== null; c = reader.read()) {
    if (c === '\r') {
      sawCR = true
      continue
    }
    if (c === '\n') {
      position.line++
      if (!iterable || !onlyWhitespace) out += (sawCR ? '\r' : '') + '\n'
      list.write(out)
      out = ''
      iterable = false
      onlyWhitespace = true
      startOfLine = true
      continue
    }
    sawCR = false
    if (c === sm[0]) {
      if (sm.length === 1 || reader.read() === sm[1]) {
        const { command, ended } = readCommand(reader, em)
        if (command.length === 0) throw contextError('Empty mustache', position.line)
        const ch = command[0]!
        const variable = command.slice(1).trim()
        switch (ch) {
          case '#':
          case '^': {
            startOfLine = startOfLine && onlyWhitespace
            const line = position.line
            const body = compile(reader, variable, position, sm, em, startOfLine)
            const lines = position.line - line
            if (!onlyWhitespace || lines === 0) list.write(out)
            out = ''
            list.codes.push(sectionCode(ch === '^', variable, body, sm, em))
            iterable = lines !== 0
            break
          }
          case '/': {
            if (!startOfLine || !onlyWhitespace) list.write(out)
            if (variable !== tag) {
              throw contextError(
                `Mismatched start/end tags: ${tag} != ${variable} in ${TEMPLATE_FILE}:${position.line}`,
                position.line,
              )
            }
            return list.codes
          }
          case '>':
            list.write(out)
            throw new MustacheCompileError(`Template ${variable} not found`)
          case '{': {
            list.write(out)
            out = ''
            const name = em[1] !== '}' ? variable.slice(0, -1) : variable
            if (em[1] === '}' && reader.read() !== '}') {
              throw contextError(
                `Improperly closed variable in ${TEMPLATE_FILE}:${position.line}`,
                position.line,
              )
            }
            list.codes.push({ kind: 'value', name, escaped: false, appended: '' })
            break
          }
          case '&':
            list.write(out)
            out = ''
            list.codes.push({ kind: 'value', name: variable, escaped: false, appended: '' })
            break
          case '%':
            list.write(out)
            out = ''
            break
          case '!':
            list.codes.push({ kind: 'comment', text: variable, appended: '' })
            list.write(out)
            out = ''
            break
          case '=': {
            list.write(out)
            out = ''
            const delimiters = command.replace(/\s+/g, '')
            const length = delimiters.length
            if (length > 6 || length % 2 !== 0) throw contextError('Invalid delimiter string', position.line)
            sm = delimiters.slice(1, length / 2)
            em = delimiters.slice(length / 2, length - 1)
            break
          }
          default:
            if (!ended) throw contextError('Improperly closed variable', position.line)
            list.write(out)
            out = ''
            list.codes.push({ kind: 'value', name: command.trim(), escaped: true, appended: '' })
        }
        startOfLine = false
        continue
      } else if (sm.length > 1) {
        reader.unread()
      }
    }
    onlyWhitespace = onlyWhitespace && (c === ' ' || c === '\t' || c === '\r')
    out += c
  }
  list.write(out)
  if (tag !== null) throw contextError(`Failed to close '${tag}' tag`, startLine)
  return list.codes
}

/** The command between the delimiters; `ended`: false when the template ended first. */
function readCommand(reader: Reader, em: string): { command: string; ended: boolean } {
  let command = ''
  for (let c = reader.read(); c !== null; c = reader.read()) {
    if (c === em[0]) {
      if (em.length === 1) return { command, ended: true }
      if (reader.read() === em[1]) return { command, ended: true }
      reader.unread()
    }
    command += c
  }
  return { command, ended: false }
}

/** CustomMustacheVisitor.iterable: ES's functions, or a plain section. */
function sectionCode(
  inverted: boolean,
  variable: string,
  body: MustacheCode[],
  sm: string,
  em: string,
): MustacheCode {
  const lower = variable.toLowerCase()
  if (inverted) return { kind: 'section', name: variable, inverted, body, sm, em, appended: '' }
  const join = JOIN_DELIMITER.exec(variable)
  const fn: MustacheFunction | null =
    lower === 'tojson' ? 'toJson' : lower === 'join' || join ? 'join' : lower === 'url' ? 'url' : null
  if (fn === null) return { kind: 'section', name: variable, inverted, body, sm, em, appended: '' }
  const code = fn === 'url' ? variable : fn
  return {
    kind: 'function',
    fn,
    code,
    variable: fn === 'url' ? '' : extractVariableName(fn, body),
    delimiter: join ? join[1]! : ',',
    body,
    sm,
    em,
    appended: '',
  }
}

/** CustomCode.extractVariableName: the body's one code, as text (a text code) or its identity. */
function extractVariableName(fn: string, body: MustacheCode[]): string {
  if (body.length !== 1) {
    throw new MustacheCompileError(`Mustache function [${fn}] must contain one and only one identifier`)
  }
  return identity(body)
}

/** Code.identity: the template text a code list stands for. */
export function identity(codes: readonly MustacheCode[], sm = '{{', em = '}}'): string {
  let out = ''
  for (const code of codes) {
    switch (code.kind) {
      case 'text':
        break
      case 'comment':
        out += `${sm}!${code.text}${em}`
        break
      case 'value':
        out += code.escaped ? `${sm}${code.name}${em}` : `${sm}{${code.name}}${em}`
        break
      case 'section':
        out += `${code.sm}${code.inverted ? '^' : '#'}${code.name}${code.em}`
        out += identity(code.body, code.sm, code.em) + `${code.sm}/${code.name}${code.em}`
        break
      case 'function':
        out += `${code.sm}#${code.code}${code.em}${identity(code.body, code.sm, code.em)}`
        out += `${code.sm}/${code.code}${code.em}`
    }
    out += code.appended
  }
  return out
}
