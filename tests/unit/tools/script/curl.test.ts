// curl command lines: options as curl 7.88 reads them, and its exact error texts (checked against the
// real binary: `curl localhost:9209` prints "curl: (7) Failed to connect to localhost port 9209 after 0 ms:
// Couldn't connect to server"; `curl -X` prints "curl: option -X: requires parameter" + the help line).
// Ports 9200 to 9208 are es-node-1 to es-node-9.
import { describe, expect, it } from 'vitest'
import type { RestRequest } from '../../../../workers/protocol/es.ts'
import { curlRequest, type CurlData } from '../../../../workers/tools/script/curl.ts'
import { curlBody, uploadBody } from '../../../../workers/tools/shell/curl-data.ts'
import { ShellFiles } from '../../../../workers/tools/shell/shell-files.ts'

const TRY_HELP = "\ncurl: try 'curl --help' or 'curl --manual' for more information"

describe('curlRequest', () => {
  it.each<[string, number]>([
    ['localhost:9200/_cat/nodes', 9200],
    ['http://localhost:9201/_cat/nodes', 9201],
    ['127.0.0.1:9204/_cat/nodes', 9204],
    ['https://localhost:9208/_cat/nodes', 9208],
  ])('%s goes to port %i, carried beside the request', (url, port) => {
    expect(curlRequest(['-s', url])).toEqual({
      request: { method: 'GET', path: '/_cat/nodes', params: [], body: null, contentType: null },
      host: url.includes('127.0.0.1') ? '127.0.0.1' : 'localhost',
      port,
    })
  })

  it('keeps the host as typed for the connection error', () => {
    expect(curlRequest(['LOCALHOST:9203'])).toMatchObject({ host: 'LOCALHOST', port: 9203 })
  })

  it.each<[string, string[], RestRequest]>([
    [
      '-XPUT glued, -H, -d',
      [
        '-XPUT',
        'localhost:9200/demo/_doc/3?pretty',
        '-H',
        'Content-Type: application/json',
        '-d',
        '{"a": 1}',
      ],
      {
        method: 'PUT',
        path: '/demo/_doc/3',
        params: [['pretty', '']],
        body: '{"a": 1}',
        contentType: 'application/json',
      },
    ],
    [
      '-X GET with a scheme',
      ['-X', 'GET', 'http://localhost:9200/_cluster/health?pretty'],
      { method: 'GET', path: '/_cluster/health', params: [['pretty', '']], body: null, contentType: null },
    ],
    [
      'a bare host:port',
      ['localhost:9200'],
      { method: 'GET', path: '/', params: [], body: null, contentType: null },
    ],
    [
      '127.0.0.1',
      ['127.0.0.1:9200/_cat/nodes?v'],
      { method: 'GET', path: '/_cat/nodes', params: [['v', '']], body: null, contentType: null },
    ],
    [
      '-d without -X means POST',
      ['localhost:9200/i/_search', '-d', '{}'],
      {
        method: 'POST',
        path: '/i/_search',
        params: [],
        body: '{}',
        contentType: 'application/x-www-form-urlencoded',
      },
    ],
    [
      '--data-binary',
      ['--data-binary', '{}', 'localhost:9200/i/_doc'],
      {
        method: 'POST',
        path: '/i/_doc',
        params: [],
        body: '{}',
        contentType: 'application/x-www-form-urlencoded',
      },
    ],
    [
      '--json',
      ['--json', '{"a":1}', 'localhost:9200/i/_doc'],
      { method: 'POST', path: '/i/_doc', params: [], body: '{"a":1}', contentType: 'application/json' },
    ],
    [
      'several -d joined with &',
      ['-d', 'a', '--data', 'b', 'localhost:9200/x'],
      {
        method: 'POST',
        path: '/x',
        params: [],
        body: 'a&b',
        contentType: 'application/x-www-form-urlencoded',
      },
    ],
    [
      '--data-raw keeps a leading @',
      ['--data-raw', '@x', 'localhost:9200/x'],
      {
        method: 'POST',
        path: '/x',
        params: [],
        body: '@x',
        contentType: 'application/x-www-form-urlencoded',
      },
    ],
    [
      '-X overrides the POST of -d',
      ['-X', 'GET', '-d', '{}', 'localhost:9200/_search'],
      {
        method: 'GET',
        path: '/_search',
        params: [],
        body: '{}',
        contentType: 'application/x-www-form-urlencoded',
      },
    ],
    [
      'combined flags and a glued value',
      ['-sSXDELETE', 'localhost:9200/i'],
      { method: 'DELETE', path: '/i', params: [], body: null, contentType: null },
    ],
    [
      '--request',
      ['--request', 'PUT', 'localhost:9200/i'],
      { method: 'PUT', path: '/i', params: [], body: null, contentType: null },
    ],
    [
      'a lower-case method',
      ['-X', 'get', 'localhost:9200/'],
      { method: 'GET', path: '/', params: [], body: null, contentType: null },
    ],
    [
      '-I means HEAD',
      ['-I', 'localhost:9200/i'],
      { method: 'HEAD', path: '/i', params: [], body: null, contentType: null },
    ],
    [
      '--head',
      ['--head', 'localhost:9200/i'],
      { method: 'HEAD', path: '/i', params: [], body: null, contentType: null },
    ],
    [
      'https, -u and -k as in ES 8 notes',
      ['-k', '-u', 'elastic:changeme', 'https://localhost:9200/_cat/indices?v'],
      { method: 'GET', path: '/_cat/indices', params: [['v', '']], body: null, contentType: null },
    ],
    [
      'credentials in the URL',
      ['http://elastic:pw@127.0.0.1:9200/'],
      { method: 'GET', path: '/', params: [], body: null, contentType: null },
    ],
    [
      'LOCALHOST in capitals',
      ['LOCALHOST:9200'],
      { method: 'GET', path: '/', params: [], body: null, contentType: null },
    ],
    [
      'flags -v -i -L -g and long names',
      [
        '-v',
        '-i',
        '-L',
        '-g',
        '--silent',
        '--show-error',
        '--verbose',
        '--include',
        '--insecure',
        '--location',
        '--globoff',
        'localhost:9200',
      ],
      { method: 'GET', path: '/', params: [], body: null, contentType: null },
    ],
    [
      '--url',
      ['--url', 'localhost:9200/x'],
      { method: 'GET', path: '/x', params: [], body: null, contentType: null },
    ],
    [
      'a fragment is not sent',
      ['localhost:9200/_search#top'],
      { method: 'GET', path: '/_search', params: [], body: null, contentType: null },
    ],
  ])('%s', (_name, args, request) => {
    const curl = curlRequest(args)
    expect(typeof curl === 'string' ? curl : curl.request).toEqual(request)
    expect(typeof curl === 'string' ? null : curl.port).toBe(9200)
  })

  it.each<[string, string[], string]>([
    [
      'a port past the last node (9208 is es-node-9)',
      ['localhost:9209'],
      "curl: (7) Failed to connect to localhost port 9209 after 0 ms: Couldn't connect to server",
    ],
    [
      'a port below the first node',
      ['127.0.0.1:9199/'],
      "curl: (7) Failed to connect to 127.0.0.1 port 9199 after 0 ms: Couldn't connect to server",
    ],
    [
      'another host',
      ['http://es01:9200/'],
      "curl: (7) Failed to connect to es01 port 9200 after 0 ms: Couldn't connect to server",
    ],
    [
      'no port: http is 80',
      ['http://127.0.0.1/'],
      "curl: (7) Failed to connect to 127.0.0.1 port 80 after 0 ms: Couldn't connect to server",
    ],
    [
      'no port: https is 443',
      ['https://localhost'],
      "curl: (7) Failed to connect to localhost port 443 after 0 ms: Couldn't connect to server",
    ],
    [
      'another protocol',
      ['ftp://localhost:9200'],
      'curl: (1) Protocol "ftp" not supported or disabled in libcurl',
    ],
    ['a port out of range', ['localhost:99999'], 'curl: (3) URL using bad/illegal format or missing URL'],
    [
      'a port that is not a number',
      ['localhost:abc/x'],
      'curl: (3) URL using bad/illegal format or missing URL',
    ],
    ['no URL', ['-X', 'GET'], `curl: no URL specified!${TRY_HELP}`],
    ['a missing option value', ['localhost:9200', '-X'], `curl: option -X: requires parameter${TRY_HELP}`],
    [
      'a missing long option value',
      ['localhost:9200', '--data'],
      `curl: option --data: requires parameter${TRY_HELP}`,
    ],
    [
      'an unsupported long option',
      ['--output', 'x', 'localhost:9200'],
      'curl: option --output: is not supported in the playground',
    ],
    [
      'an unsupported short option in a cluster',
      ['-so', 'x', 'localhost:9200'],
      'curl: option -o: is not supported in the playground',
    ],
    [
      'an unsupported method',
      ['-X', 'OPTIONS', 'localhost:9200'],
      'curl: method OPTIONS is not supported in the playground',
    ],
    ['two URLs', ['localhost:9200/a', 'localhost:9200/b'], 'curl: one URL per command in the playground'],
  ])('%s is an error', (_name, args, message) => {
    expect(curlRequest(args)).toBe(message)
  })
})

describe('curl data from files', () => {
  it('keeps @file and @- values to read when curl runs, the literal ones as text', () => {
    const request = curlRequest([
      '-d',
      'a=1',
      '--data-binary',
      '@bulk.ndjson',
      '-d',
      '@-',
      'localhost:9200/_bulk',
    ])
    expect(request).toMatchObject({
      request: {
        method: 'POST',
        path: '/_bulk',
        body: null,
        contentType: 'application/x-www-form-urlencoded',
      },
      data: [{ text: 'a=1' }, { file: 'bulk.ndjson', binary: true }, { file: '-', binary: false }],
    })
    expect(curlRequest(['--json', '@doc.json', 'localhost:9200/i/_doc'])).toMatchObject({
      data: [{ file: 'doc.json', binary: true }],
    })
    expect(curlRequest(['--data-raw', '@x', 'localhost:9200/x'])).not.toHaveProperty('data')
  })

  it('reads the files as curl does: -d strips newlines, --data-binary keeps them, a missing file warns', async () => {
    const files = new ShellFiles()
    files.write('bulk.ndjson', '{"index":{}}\r\n{"a":1}\n')
    const warnings: string[] = []
    const warn = (text: string) => void warnings.push(text)
    const file = (name: string, binary: boolean, silent = false): CurlData => ({ file: name, binary, silent })
    expect(await curlBody([file('bulk.ndjson', true)], files, null, warn)).toBe('{"index":{}}\r\n{"a":1}\n')
    expect(await curlBody([file('bulk.ndjson', false), { text: 'x' }], files, null, warn)).toBe(
      '{"index":{}}{"a":1}&x',
    )
    expect(await curlBody([file('-', true)], files, ['l1', 'l2'], warn)).toBe('l1\nl2\n')
    expect(warnings).toEqual([])
    expect(await curlBody([file('nope.json', true)], files, null, warn)).toBe('')
    // curl's voutf wraps at 79 columns with the prefix, the format's newline counted, cutting after a blank.
    await curlBody([file('/etc/filebeat/filebeat.template.json', true)], files, null, warn)
    await curlBody([file('abcdefghijkl', true)], files, null, warn)
    // -s before the option mutes the warning.
    await curlBody([file('nope.json', true, true)], files, null, warn)
    expect(warnings).toEqual([
      'Warning: Couldn\'t read data from file "nope.json", this makes an empty POST.\n',
      'Warning: Couldn\'t read data from file "/etc/filebeat/filebeat.template.json", \nWarning: this makes an empty POST.\n',
      'Warning: Couldn\'t read data from file "abcdefghijkl", this makes an empty \nWarning: POST.\n',
    ])
  })
})

// -T/--upload-file as curl's single_transfer and add_file_name_to_url read it: PUT unless -X, the file's name
// appended to a URL with no query whose path ends with `/`, `-` and `.` for stdin (checked against curl 7.88.1
// talking to a local listener; the query rule and the `cannot open` text are curl 8's sources).
describe('curl -T', () => {
  it.each<[string, string[], RestRequest, string]>([
    [
      'a path naming a file',
      ['-T', 'books.ndjson', 'localhost:9200/_bulk'],
      { method: 'PUT', path: '/_bulk', params: [], body: null, contentType: null },
      'books.ndjson',
    ],
    [
      'a path ending with / gets the name after its last / or \\',
      ['--upload-file', 'data/set\\doc 1+ü.json', 'localhost:9200/books/_doc/'],
      { method: 'PUT', path: '/books/_doc/doc%201%2B%C3%BC.json', params: [], body: null, contentType: null },
      'data/set\\doc 1+ü.json',
    ],
    [
      'no path at all',
      ['-T', 'x.json', 'http://localhost:9200'],
      { method: 'PUT', path: '/x.json', params: [], body: null, contentType: null },
      'x.json',
    ],
    [
      'a query keeps the URL as it is',
      ['-T', 'x.json', 'localhost:9200/books/_doc/?refresh'],
      { method: 'PUT', path: '/books/_doc/', params: [['refresh', '']], body: null, contentType: null },
      'x.json',
    ],
    [
      '-X wins, and stdin names no file',
      ['-sXPOST', '-T', '-', 'localhost:9200/_bulk/'],
      { method: 'POST', path: '/_bulk/', params: [], body: null, contentType: null },
      '-',
    ],
    [
      '. is stdin too',
      ['-T.', 'localhost:9200/i/_doc/'],
      { method: 'PUT', path: '/i/_doc/', params: [], body: null, contentType: null },
      '.',
    ],
  ])('%s', (_, args, request, file) => {
    expect(curlRequest(args)).toEqual({
      request,
      upload: { file, silent: args.includes('-sXPOST') },
      host: 'localhost',
      port: 9200,
    })
  })

  it('is muted by -s unless -S, for the (26) line only', () => {
    expect(curlRequest(['-s', '-T', 'f', 'localhost:9200/'])).toHaveProperty('upload', {
      file: 'f',
      silent: true,
    })
    expect(curlRequest(['-sS', '-T', 'f', 'localhost:9200/'])).toHaveProperty('upload', {
      file: 'f',
      silent: false,
    })
    expect(curlRequest(['--silent', '--show-error', '-T', 'f', 'localhost:9200/'])).toHaveProperty('upload', {
      file: 'f',
      silent: false,
    })
  })

  it("refuses data or -I beside it with curl's warning, which -s mutes", () => {
    const both = (other: string) =>
      `Warning: You can only select one HTTP request method! You asked for both PUT \nWarning: (-T, --upload-file) and ${other}.`
    expect(curlRequest(['-d', 'x', '-T', 'f', 'localhost:9200/'])).toBe(both('POST (-d, --data)'))
    expect(curlRequest(['-T', 'f', '--json', '{}', 'localhost:9200/'])).toBe(both('POST (-d, --data)'))
    expect(curlRequest(['-T', 'f', '-I', 'localhost:9200/'])).toBe(both('HEAD (-I, --head)'))
    expect(curlRequest(['-T', 'f', '-d', 'x', '-s', 'localhost:9200/'])).toBe('')
    expect(curlRequest(['-T'])).toBe(`curl: option -T: requires parameter${TRY_HELP}`)
    expect(curlRequest(['-T', 'a', '-T', 'b', 'localhost:9200/'])).toBe(
      'curl: one --upload-file per command in the playground',
    )
  })

  it("reads the file's bytes as they are, or stdin's, and complains of a missing one", async () => {
    const files = new ShellFiles()
    files.write('bulk.ndjson', '{"index":{}}\r\n{"a":1}\n')
    const complaints: string[] = []
    const complain = (text: string) => void complaints.push(text)
    const read = (file: string, silent = false, stdin: string[] | null = null) =>
      uploadBody({ file, silent }, files, stdin, complain)
    expect(await read('bulk.ndjson')).toBe('{"index":{}}\r\n{"a":1}\n')
    expect(await read('-', false, ['l1', 'l2'])).toBe('l1\nl2\n')
    expect(await read('.', false, null)).toBe('')
    expect(complaints).toEqual([])
    expect(await read('nope.json')).toBeNull()
    expect(await read('nope.json', true)).toBeNull()
    expect(complaints).toEqual([
      `curl: cannot open 'nope.json'${TRY_HELP}\ncurl: (26) Failed to open/read local data from file/application\n`,
      `curl: cannot open 'nope.json'${TRY_HELP}\n`,
    ])
  })
})
