/**
 * What running one console command produced. Tools (Kafka CLI, playground commands) end with an exit
 * code and their two streams; an Elasticsearch request ends with an HTTP status and a body.
 */
export type CommandOutcome =
  | {
      kind: 'kafka' | 'playground'
      exitCode: number
      stdout: string
      stderr: string
      /**
       * The output as the terminal showed it: both streams in the order the command wrote them (a JVM's log
       * lines on stderr among its records on stdout), after what bash printed while reading the line (its
       * here-document warnings); a background job's with bash's job lines (`[1] 1001` first, the end
       * notification last); a list's (`a | b && c`) ended by a newline where the prompt would follow.
       */
      terminal: string
    }
  | {
      kind: 'es'
      status: number
      contentType: 'application/json' | 'text/plain'
      body: string
      /** The response's deprecation warnings (Warning headers), absent when none. */
      warnings?: string[]
      via: 'devtools' | 'curl'
      /** curl `-i`: the status line and headers print before the body. */
      include?: boolean
      /** What curl printed on stderr before the response (a data file it could not read); absent when nothing. */
      stderr?: string
    }

/** Netty's HttpResponseStatus reason phrases, which ES's HTTP layer writes, for the statuses ES answers. */
const REASONS: Readonly<Record<number, string>> = {
  200: 'OK',
  201: 'Created',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Request Entity Too Large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
}

export function reasonPhrase(status: number): string {
  return REASONS[status] ?? ''
}
