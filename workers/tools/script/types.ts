/**
 * What the console script parser produces: the whole console buffer as a list of commands, each with the
 * exact source range it came from. Invariants: commands are sorted by `range.start` and never overlap;
 * every command starts on its own line; `range.end` is exclusive and sits just after the command's last
 * non-whitespace character; `line` and `endLine` are 1-based (`endLine` is the line of `end - 1`). A bash
 * list (`a | b && c`) is one command of kind `list` whose pipelines hold simple commands (never a Dev Tools
 * request, never a list), each with its own range inside the list's; the `>` lines after it belong to its console producer that no pipe feeds.
 */
import type { RestRequest } from '../../protocol/es.ts'
import type { ControlOperator, Redirect } from './shell-words.ts'
import type { CurlData, CurlUpload } from './curl.ts'

/** A file redirection the shell applies: `> f` and `>> f` take stdout, `< f` gives stdin. */
export interface FileRedirect {
  op: Exclude<Redirect['op'], '<<' | '<<-' | '<<<'>
  path: string
}

export interface SourceRange {
  start: number
  end: number
  line: number
  endLine: number
}

export type ScriptCommand = (
  | {
      kind: 'kafka'
      range: SourceRange
      /** The command as written (with its `\` continuation lines), without the stdin lines. */
      command: string
      /** The normalised tool name: `kafka-topics` for `./bin/kafka-topics.sh`. */
      tool: string
      /**
       * The shell words after the tool, quotes and escapes removed, expansions (`$X`, `$(...)`) as written:
       * the shell expands them from `command` when it runs the command.
       */
      argv: string[]
      /** The `>` lines that follow (without the `>` and one optional space), or its last here-document's lines. */
      stdin: string[]
      /** Absent when the command has none. */
      redirects?: FileRedirect[]
      /** Present when the line ends with `&`: the command runs as a background job. */
      background?: true
      /** The lines typed under its last line for its here-documents, as written (delimiter lines included); absent without any. */
      typedHereDocuments?: string[]
    }
  | ({
      kind: 'es'
      range: SourceRange
      /** Dev Tools: the request line as written; curl: the whole curl command as written. */
      command: string
      /** `params` keep their percent-encoding, as `path` does: the REST layer decodes both. */
      request: RestRequest
    } & (
      | { via: 'devtools' }
      /** The URL's host as typed, and its port, which names the node (9200 is es-node-1, 9201 es-node-2). */
      | {
          via: 'curl'
          host: string
          port: number
          include?: boolean
          /** Data naming files or stdin (`@file`, `@-`), read when curl runs; `request.body` is then null. */
          data?: CurlData[]
          /** `-T FILE`: the file's bytes (stdin's for `-` or `.`), read when curl runs; `request.body` is then null. */
          upload?: CurlUpload
          /**
           * The lines of its last here-document when that is its stdin (`--data-binary @- <<EOF`); absent
           * without one, or when a later `< file` gives its stdin.
           */
          stdin?: string[]
          /** Its `< file` redirections (curl's stdin), in order; absent without any. */
          redirects?: FileRedirect[]
          /** The lines typed under its last line for its here-documents, as written (delimiter lines included); absent without any. */
          typedHereDocuments?: string[]
        }
    ))
  | {
      kind: 'playground'
      range: SourceRange
      command: string
      /** The command name; '' for a line of assignments only (`NAME=value ...`). */
      name: string
      args: string[]
      /** Its last here-document's lines (`cat > f <<EOF`); absent without one. */
      stdin?: string[]
      /** Absent when the command has none. */
      redirects?: FileRedirect[]
      /** Present when the line ends with `&`: the command runs as a background job. */
      background?: true
      /** The lines typed under its last line for its here-documents, as written (delimiter lines included); absent without any. */
      typedHereDocuments?: string[]
    }
  | { kind: 'error'; range: SourceRange; command: string; message: string }
  | {
      kind: 'list'
      range: SourceRange
      /**
       * The line as written (with its `\` continuation lines, the lines a `|`, `&&` or `||` runs onto and the
       * here-documents read before those).
       */
      command: string
      pipelines: Pipeline[]
      /** The `>` lines its console producer reads, typed after the line (and its here-documents). */
      stdin: string[]
      /** Present when the line ends with `&`: the whole list runs as one background job. */
      background?: true
      /** The lines typed under its last line for its here-documents, as written (delimiter lines included); absent without any. */
      typedHereDocuments?: string[]
    }
) & {
  /**
   * What bash printed on stderr while it read the command, before running it: a warning for each
   * here-document the buffer ended in (`bash: warning: here-document at line 2 delimited by end-of-file
   * (wanted \`EOF')`). Absent when none; never on a simple command of a list (the list carries them).
   */
  warnings?: string[]
}

/** A simple command of a pipeline. */
export type PipelineCommand = Exclude<ScriptCommand, { kind: 'list' }>

export interface Pipeline {
  /** The operator that joins it to the pipeline before it (bash runs it after `;`, on success after `&&`, on failure after `||`); null for the first. */
  after: Exclude<ControlOperator, '|'> | null
  /** Its commands in order: each one's stdout is the next one's stdin. */
  commands: PipelineCommand[]
}
