/**
 * The properties files the playground's brokers run with, as the Kafka 4.x distribution lays out
 * `config/server.properties` (its sections and comments): broker 1 runs with `config/server.properties`,
 * broker N >= 2 with `config/server-N.properties` (the quickstart's way to run several brokers on one host:
 * a copy with its own node.id, ports and log.dirs). The values are the ones the brokers really have:
 * node.id and process.roles (staticBrokerConfigs), the static controller quorum the cluster was formatted
 * with (controller.quorum.voters: the first three brokers, each with its controller listener on its client
 * port + 10000), the listeners, and log.dirs (protocol/log-dirs.ts). The settings the distribution's file
 * repeats at their default values (num.partitions=1, log.retention.hours=168, ...) are left out, since the
 * brokers take them as defaults (kafka-configs reports them as DEFAULT_CONFIG).
 */
import { KAFKA_BASE_PORT } from '../../protocol/kafka.ts'
import { logDirFor } from '../../protocol/log-dirs.ts'
import { staticBrokerConfigs } from '../../kafka/config/broker-configs.ts'
import { CONTROLLER_PORT_OFFSET } from '../../kafka/server/kafka-server.ts'

/** The Apache license header every properties file of the distribution starts with. */
export const LICENSE = `# Licensed to the Apache Software Foundation (ASF) under one or more
# contributor license agreements.  See the NOTICE file distributed with
# this work for additional information regarding copyright ownership.
# The ASF licenses this file to You under the Apache License, Version 2.0
# (the "License"); you may not use this file except in compliance with
# the License.  You may obtain a copy of the License at
#
#    http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS,
# WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
# See the License for the specific language governing permissions and
# limitations under the License.
`

const PROPERTIES_FILE = /^(?:\.\/)?config\/server(?:-([1-9]\d*))?\.properties$/

/** The file broker `nodeId` runs with, relative to the Kafka directory. */
export function serverPropertiesPath(nodeId: number): string {
  return nodeId === 1 ? 'config/server.properties' : `config/server-${nodeId}.properties`
}

/** The broker whose properties file `path` names (`config/server.properties` is broker 1), or null. */
export function brokerOfPropertiesPath(path: string): number | null {
  const match = PROPERTIES_FILE.exec(path)
  if (match === null) return null
  return match[1] === undefined ? 1 : Number(match[1])
}

function clientPort(nodeId: number): number {
  return KAFKA_BASE_PORT + nodeId - 1
}

/** The text of broker `nodeId`'s properties file in a cluster formatted with these quorum voters. */
export function serverProperties(nodeId: number, voters: readonly number[]): string {
  const isController = voters.includes(nodeId)
  const statics = staticBrokerConfigs(nodeId, isController)
  const port = clientPort(nodeId)
  const controllerPort = port + CONTROLLER_PORT_OFFSET
  const quorum = voters.map((id) => `${id}@localhost:${clientPort(id) + CONTROLLER_PORT_OFFSET}`).join(',')
  const listeners = isController
    ? `PLAINTEXT://:${port},CONTROLLER://:${controllerPort}`
    : `PLAINTEXT://:${port}`
  const advertised = isController
    ? `PLAINTEXT://localhost:${port},CONTROLLER://localhost:${controllerPort}`
    : `PLAINTEXT://localhost:${port}`
  return `${LICENSE}
############################# Server Basics #############################

# The role of this server. Setting this puts us in KRaft mode
process.roles=${statics.get('process.roles') ?? ''}

# The node id associated with this instance's roles
node.id=${statics.get('node.id') ?? ''}

# The connect string for the controller quorum
controller.quorum.voters=${quorum}

############################# Socket Server Settings #############################

# The address the socket server listens on.
# Combined nodes (i.e. those with \`process.roles=broker,controller\`) must list the controller listener here at a minimum.
# If the broker listener is not defined, the default listener will use a host name that is equal to the value of java.net.InetAddress.getCanonicalHostName(),
# with PLAINTEXT listener name, and port 9092.
#   FORMAT:
#     listeners = listener_name://host_name:port
#   EXAMPLE:
#     listeners = PLAINTEXT://your.host.name:9092
listeners=${listeners}

# Name of listener used for communication between brokers.
inter.broker.listener.name=PLAINTEXT

# Listener name, hostname and port the broker or the controller will advertise to clients.
# If not set, it uses the value for "listeners".
advertised.listeners=${advertised}

# A comma-separated list of the names of the listeners used by the controller.
# If no explicit mapping set in \`listener.security.protocol.map\`, default will be using PLAINTEXT protocol
# This is required if running in KRaft mode.
controller.listener.names=CONTROLLER

# Maps listener names to security protocols, the default is for them to be the same. See the config documentation for more details
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SSL:SSL,SASL_PLAINTEXT:SASL_PLAINTEXT,SASL_SSL:SASL_SSL

############################# Log Basics #############################

# A comma separated list of directories under which to store log files
log.dirs=${logDirFor(nodeId)}
`
}
