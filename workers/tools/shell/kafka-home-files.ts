/**
 * The shell's files as seen from the Kafka directory, where the quickstart's commands run: the learner's own
 * files, and beside them the properties files the brokers run with (`config/server.properties` for broker
 * 1, `config/server-N.properties` for broker N; tools/kafka/server-properties.ts), generated from the
 * cluster as it is now, and the distribution's Kafka Connect files (`config/connect-standalone.properties`,
 * `config/connect-file-source.properties`, `config/connect-file-sink.properties`;
 * tools/kafka/connect/connect-config-files.ts), and the Elasticsearch nodes' `config/elasticsearch.yml`
 * (elasticsearch-yml.ts). A learner's file of the same name (written with `cat >`, `>`
 * or `>>`) takes their place, as an edited copy would; `ls` lists the learner's files only.
 */
import { brokerOfPropertiesPath, serverProperties } from '../kafka/server-properties.ts'
import { connectConfigFile } from '../kafka/connect/connect-config-files.ts'
import type { BrokerControl } from './broker-control.ts'
import { normalizeHomePath, type ShellFileSystem } from './shell-files.ts'
import { ELASTICSEARCH_YML_PATH, INSTALLED_ELASTICSEARCH_YML } from './elasticsearch-yml.ts'

export class KafkaHomeFiles implements ShellFileSystem {
  constructor(
    private readonly files: ShellFileSystem,
    private readonly brokers: BrokerControl,
  ) {}

  read(path: string): string | null {
    return this.files.read(path) ?? this.installed(path)
  }

  write(path: string, text: string): void {
    this.files.write(path, text)
  }

  append(path: string, text: string): void {
    this.files.write(path, (this.read(path) ?? '') + text)
  }

  remove(path: string): boolean {
    return this.files.remove(path)
  }

  list(): string[] {
    return this.files.list()
  }

  private installed(path: string): string | null {
    if (normalizeHomePath(path) === ELASTICSEARCH_YML_PATH) return INSTALLED_ELASTICSEARCH_YML
    const id = brokerOfPropertiesPath(path)
    if (id === null) return connectConfigFile(path)
    if (!this.brokers.ids().includes(id)) return null
    return serverProperties(id, this.brokers.voters())
  }
}
