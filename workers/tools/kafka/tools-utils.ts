/**
 * Kafka's ToolsUtils.validateBootstrapServer: a blank list, or an entry that is not `host:port`
 * (Utils.getPort's HOST_PORT_PATTERN over the whole entry), ends in printUsageAndExit with a message that
 * itself ends in a newline.
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
