/**
 * Kafka's ToolsUtils: validateBootstrapServer (a blank list, or an entry that is not `host:port`, by
 * Utils.getPort's HOST_PORT_PATTERN over the whole entry, ends in printUsageAndExit with a message that
 * itself ends in a newline) and prettyPrintTable (every cell, the last too, padded to its column's width and
 * followed by a tab; one line per row, headers first).
 */
import { UsageException } from './command-line-utils.ts'
import { javaSplit } from './java-lang.ts'

const HOST_PORT = /^.*?\[?([0-9a-zA-Z\-%._:]*)\]?:([0-9]+)$/

export function validateBootstrapServer(hostPort: string | null): void {
  if (hostPort === null || hostPort.trim() === '') {
    throw new UsageException('Error while validating the bootstrap address\n')
  }
  if (!javaSplit(hostPort, ',').every((entry) => HOST_PORT.test(entry))) {
    throw new UsageException('Please provide valid host:port like host1:9091,host2:9092\n')
  }
}

/** ToolsUtils.prettyPrintTable: the headers and rows, each cell padded to its column's width, then a tab. */
export function prettyPrintTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  )
  return [headers, ...rows]
    .map((row) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0) + '\t').join('') + '\n')
    .join('')
}
