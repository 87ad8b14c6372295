/**
 * A `curl` command line (its shell words after `curl`) turned into the request curl would send to one of
 * the playground's Elasticsearch nodes, with the port it goes to (localhost:9200 is es-node-1, 9201
 * es-node-2, ... 9208 es-node-9), or into the message curl prints when it would fail.
 *
 * Accepted: `-X`/`--request` METHOD, `-I`/`--head`, `-H`/`--header` (Content-Type is sent on, with curl's own
 * default when none is given: `application/x-www-form-urlencoded` with data, `application/json` with `--json`,
 * none with `-T`; other headers are accepted and not sent on), `-d`/`--data`/`--data-ascii`/`--data-binary`/`--data-raw`/`--json` DATA
 * (several are joined with `&`, as curl does; `@file` names a file of the shell and `@-` the command's stdin,
 * both read when the command runs (shell/curl-data.ts): `--data-binary` and `--json` send it as it is, `-d`
 * strips its carriage returns and newlines, as curl does; `--data-raw` sends a leading `@` as text), `-u`/`--user`
 * (ignored), `--url`, and the flags `-s -S -v -i -k -L -g` with their long names (`-i` and `-I` ask for the
 * response's status line and headers to be printed). `-T`/`--upload-file FILE` sends the file's bytes as they
 * are, read when curl runs (`-` or `.` is stdin); when the URL has no query and its path ends with `/` (or is
 * empty), the file's name (after its last `/` or `\`, URL-encoded as curl_easy_escape does) is appended, as
 * curl's add_file_name_to_url does; with data or `-I` it is curl's "only one HTTP request method" warning
 * (muted by `-s`) and exit 2. Short options combine (`-sS`, `-sXPOST`) and take their value glued (`-XPUT`)
 * or as the next word. Without `-X` the method is PUT with `-T`, POST when there is data, HEAD with `-I`, else
 * GET. The URL may omit `http://`; the host must be
 * `localhost` or `127.0.0.1` and the port one of 9200 to 9208, else curl's own connection error is returned
 * (curl 7.88's text; curl 8.x later says "Could not connect to server").
 */
import { ES_BASE_PORT, MAX_ES_NODES, type HttpMethod, type RestRequest } from '../../protocol/es.ts'
import { restTarget } from './rest-target.ts'

/** A `-d`/`--data-binary`/`--json` value: text as given, or a file (`@name`; `-` is stdin) to read when curl runs. */
export type CurlData =
  | { text: string }
  /** `silent`: `-s` came before the option, so a file that cannot be read is not warned about (curl's mute). */
  | { file: string; binary: boolean; silent: boolean }

/** A `-T` upload: the file (`-` or `.`: stdin) whose bytes are the body, read when curl runs. */
export interface CurlUpload {
  file: string
  /** `-s` without `-S`: curl prints no `curl: (26) ...` line when the file cannot be read. */
  silent: boolean
}

/** The request, and the host and port it is sent to (the RestRequest alone crosses to the node). */
export interface CurlRequest {
  request: RestRequest
  /** Present when a data value names a file: the body is made from these when curl runs (request.body is null). */
  data?: CurlData[]
  /** Present with `-T`: the body is the file's bytes, read when curl runs (request.body is null). */
  upload?: CurlUpload
  /** As typed: `localhost` or `127.0.0.1`. */
  host: string
  port: number
  /** `-i`/`--include` (or `-I`/`--head`): curl prints the status line and headers before the body. */
  include?: boolean
}

interface CurlOptions {
  method: string | null
  /** The last `-H 'Content-Type: ...'`: its value, null for `Content-Type:` (curl then sends none). */
  contentType?: string | null
  /** `--json` was given: curl sends `Content-Type: application/json` unless a header replaces it. */
  json: boolean
  head: boolean
  include: boolean
  silent: boolean
  showError: boolean
  data: CurlData[]
  upload: string | null
  urls: string[]
}

type ValueOption = 'request' | 'header' | 'data' | 'data-raw' | 'user' | 'url' | 'upload-file'

const SHORT_VALUES = new Map<string, ValueOption>([
  ['X', 'request'],
  ['H', 'header'],
  ['d', 'data'],
  ['u', 'user'],
  ['T', 'upload-file'],
])
const SHORT_FLAGS = new Set(['s', 'S', 'v', 'i', 'k', 'L', 'g', 'I'])
const LONG_VALUES = new Map<string, ValueOption>([
  ['--request', 'request'],
  ['--header', 'header'],
  ['--data', 'data'],
  ['--data-ascii', 'data'],
  ['--data-binary', 'data'],
  ['--json', 'data'],
  ['--data-raw', 'data-raw'],
  ['--user', 'user'],
  ['--url', 'url'],
  ['--upload-file', 'upload-file'],
])
const LONG_FLAGS = new Set([
  '--silent',
  '--show-error',
  '--verbose',
  '--include',
  '--insecure',
  '--location',
  '--globoff',
  '--head',
])
/** The line helpf prints after its message, with the newline that ends the message. */
export const TRY_HELP = "\ncurl: try 'curl --help' or 'curl --manual' for more information"
const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'PATCH']

/** What curl prints when nothing listens at host:port (exit code 7). */
export function couldNotConnect(host: string, port: number): string {
  return `curl: (7) Failed to connect to ${host} port ${port} after 0 ms: Couldn't connect to server`
}

/** The request, or the error text curl (or the playground, for what it cannot do) prints. */
export function curlRequest(args: readonly string[]): CurlRequest | string {
  const options = readOptions(args)
  if (typeof options === 'string') return options
  const url = options.urls[0]
  if (url === undefined) return `curl: no URL specified!${TRY_HELP}`
  if (options.urls.length > 1) return 'curl: one URL per command in the playground'
  const local = localTarget(url)
  if ('error' in local) return local.error
  const upload = options.upload
  const also = options.head ? 'HEAD (-I, --head)' : options.data.length > 0 ? 'POST (-d, --data)' : null
  if (upload !== null && also !== null) {
    // SetHTTPrequest: -T asks for PUT when the transfer is set up, after the options asked for another.
    const both = `You can only select one HTTP request method! You asked for both PUT (-T, --upload-file) and ${also}.`
    return options.silent ? '' : curlWarning(both).slice(0, -1)
  }
  const name =
    options.method?.toUpperCase() ??
    (upload !== null ? 'PUT' : options.head ? 'HEAD' : options.data.length > 0 ? 'POST' : 'GET')
  const method = METHODS.find((known) => known === name)
  if (method === undefined) return `curl: method ${name} is not supported in the playground`
  const texts = options.data.flatMap((data) => ('text' in data ? [data.text] : []))
  const literal = texts.length === options.data.length
  const target = upload === null ? local.target : uploadTarget(local.target, upload)
  return {
    request: {
      method,
      ...restTarget(target),
      body: options.data.length > 0 && literal ? texts.join('&') : null,
      contentType: sentContentType(options),
    },
    ...(literal ? {} : { data: options.data }),
    ...(upload === null ? {} : { upload: { file: upload, silent: options.silent && !options.showError } }),
    host: local.host,
    port: local.port,
    ...(options.include || options.head ? { include: true } : {}),
  }
}

function readOptions(args: readonly string[]): CurlOptions | string {
  const options: CurlOptions = {
    method: null,
    json: false,
    head: false,
    include: false,
    silent: false,
    showError: false,
    data: [],
    upload: null,
    urls: [],
  }
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? ''
    const value = args[i + 1] ?? null
    let error: string | null = null
    let used = false
    if (arg.startsWith('--')) {
      const option = LONG_VALUES.get(arg)
      if (LONG_FLAGS.has(arg)) {
        options.head ||= arg === '--head'
        options.include ||= arg === '--include'
        options.silent ||= arg === '--silent'
        options.showError ||= arg === '--show-error'
      } else if (option === undefined) error = unsupported(arg)
      else {
        error = apply(options, option, arg, value)
        used = true
      }
    } else if (arg.startsWith('-') && arg.length > 1) {
      const cluster = readShortCluster(options, arg, value)
      error = cluster.error
      used = cluster.usedNext
    } else options.urls.push(arg)
    if (error !== null) return error
    if (used) i++
  }
  return options
}

/** Short options combined in one word (`-sS`, `-sXPOST`); the last may take the next word as its value. */
function readShortCluster(
  options: CurlOptions,
  arg: string,
  nextWord: string | null,
): { error: string | null; usedNext: boolean } {
  for (let at = 1; at < arg.length; at++) {
    const letter = arg.charAt(at)
    const option = SHORT_VALUES.get(letter)
    if (option !== undefined) {
      const glued = at + 1 < arg.length
      return {
        error: apply(options, option, `-${letter}`, glued ? arg.slice(at + 1) : nextWord),
        usedNext: !glued,
      }
    }
    if (!SHORT_FLAGS.has(letter)) return { error: unsupported(`-${letter}`), usedNext: false }
    options.head ||= letter === 'I'
    options.include ||= letter === 'i'
    options.silent ||= letter === 's'
    options.showError ||= letter === 'S'
  }
  return { error: null, usedNext: false }
}

function apply(options: CurlOptions, option: ValueOption, name: string, value: string | null): string | null {
  if (value === null) return `curl: option ${name}: requires parameter${TRY_HELP}`
  if (option === 'request') options.method = value
  else if (option === 'header') readHeader(options, value)
  else if (option === 'url') options.urls.push(value)
  else if (option === 'data-raw') options.data.push({ text: value })
  else if (option === 'upload-file') {
    if (options.upload !== null) return 'curl: one --upload-file per command in the playground'
    options.upload = value
  } else if (option === 'data') {
    const binary = name === '--data-binary' || name === '--json'
    options.json ||= name === '--json'
    const silent = options.silent
    options.data.push(value.startsWith('@') ? { file: value.slice(1), binary, silent } : { text: value })
  }
  return null
}

/**
 * `-H 'Name: value'`: only Content-Type matters to the playground (the others are not sent on). curl sends the
 * last one given; `Name:` with nothing after the colon removes the header curl would add itself.
 */
function readHeader(options: CurlOptions, header: string): void {
  const colon = header.indexOf(':')
  if (colon < 0 || header.slice(0, colon).trim().toLowerCase() !== 'content-type') return
  const value = header.slice(colon + 1).trim()
  options.contentType = value === '' ? null : value
}

/** The Content-Type curl sends: the `-H` one, else application/json with --json, else its form type with data. */
function sentContentType(options: CurlOptions): string | null {
  if (options.contentType !== undefined) return options.contentType
  if (options.json) return 'application/json'
  return options.data.length > 0 ? 'application/x-www-form-urlencoded' : null
}

/** Whether `-T` names stdin rather than a file (curl's stdin_upload). */
export function uploadsStdin(file: string): boolean {
  return file === '-' || file === '.'
}

/**
 * The target with the uploaded file's name appended when the URL names no file (add_file_name_to_url): no
 * query, and a path ending with `/`. Only the part after the name's last `/` or `\\` is appended, escaped
 * as curl_easy_escape does (every byte but letters, digits and `-._~` as `%XX`).
 */
function uploadTarget(target: string, file: string): string {
  const hash = target.indexOf('#')
  const url = hash < 0 ? target : target.slice(0, hash)
  if (uploadsStdin(file) || url.includes('?') || !(url === '' || url.endsWith('/'))) return target
  const name = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1)
  const escaped = encodeURIComponent(name).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )
  return `${url === '' ? '/' : url}${escaped}`
}

const WARNING = 'Warning: '
const WIDTH = 79 - WARNING.length

/**
 * A warning as curl's voutf prints it (unless `-s`): lines of at most 79 characters, each cut after its last
 * blank and starting with `Warning: `; the format's closing newline counts toward the width.
 */
export function curlWarning(message: string): string {
  let text = ''
  let rest = `${message}\n`
  while (rest.length > WIDTH) {
    let cut = WIDTH - 1
    while (cut > 0 && rest.charAt(cut) !== ' ' && rest.charAt(cut) !== '\t') cut--
    if (cut === 0) cut = WIDTH - 1
    text += `${WARNING}${rest.slice(0, cut + 1)}\n`
    rest = rest.slice(cut + 1)
  }
  return `${text}${WARNING}${rest}`
}

function unsupported(name: string): string {
  return `curl: option ${name}: is not supported in the playground`
}

/** The port and the path and query of a URL on a playground node, or curl's error for any other URL. */
function localTarget(url: string): { target: string; host: string; port: number } | { error: string } {
  const scheme = /^([a-zA-Z][\w+.-]*):\/\//.exec(url)
  const protocol = scheme?.[1]?.toLowerCase() ?? 'http'
  if (protocol !== 'http' && protocol !== 'https') {
    return { error: `curl: (1) Protocol "${protocol}" not supported or disabled in libcurl` }
  }
  const rest = scheme === null ? url : url.slice(scheme[0].length)
  const authorityEnd = rest.search(/[/?#]/)
  const authority = authorityEnd < 0 ? rest : rest.slice(0, authorityEnd)
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1)
  const colon = hostPort.lastIndexOf(':')
  const host = colon < 0 ? hostPort : hostPort.slice(0, colon)
  const portText = colon < 0 ? '' : hostPort.slice(colon + 1)
  const port = portText === '' ? (protocol === 'https' ? 443 : 80) : Number(portText)
  if (host === '' || !/^\d*$/.test(portText) || port > 65535) {
    return { error: 'curl: (3) URL using bad/illegal format or missing URL' }
  }
  const local = host.toLowerCase() === 'localhost' || host === '127.0.0.1'
  if (!local || port < ES_BASE_PORT || port >= ES_BASE_PORT + MAX_ES_NODES) {
    return { error: couldNotConnect(host, port) }
  }
  return { target: authorityEnd < 0 ? '/' : rest.slice(authorityEnd), host, port }
}
