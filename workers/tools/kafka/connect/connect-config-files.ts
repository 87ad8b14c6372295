/**
 * The Kafka Connect properties files of the Kafka 4.1 distribution's `config/` directory, as the quickstart's
 * step 6 uses them: the standalone worker's `connect-standalone.properties` (JsonConverter with schemas for
 * keys and values, offsets in /tmp/connect.offsets flushed every 10 s, `plugin.path` left commented out, so
 * the quickstart appends its own line) and the two FileStream connectors' files. Their texts are the
 * distribution's, byte for byte: the connector files end without a newline, as they do in apache/kafka.
 */
import { LICENSE } from '../server-properties.ts'

const STANDALONE = `${LICENSE}
# These are defaults. This file just demonstrates how to override some settings.
bootstrap.servers=localhost:9092

# The converters specify the format of data in Kafka and how to translate it into Connect data. Every Connect user will
# need to configure these based on the format they want their data in when loaded from or stored into Kafka
key.converter=org.apache.kafka.connect.json.JsonConverter
value.converter=org.apache.kafka.connect.json.JsonConverter
# Converter-specific settings can be passed in by prefixing the Converter's setting with the converter we want to apply
# it to
key.converter.schemas.enable=true
value.converter.schemas.enable=true

offset.storage.file.filename=/tmp/connect.offsets
# Flush much faster than normal, which is useful for testing/debugging
offset.flush.interval.ms=10000

# Set to a list of filesystem paths separated by commas (,) to enable class loading isolation for plugins
# (connectors, converters, transformations). The list should consist of top level directories that include 
# any combination of: 
# a) directories immediately containing jars with plugins and their dependencies
# b) uber-jars with plugins and their dependencies
# c) directories immediately containing the package directory structure of classes of plugins and their dependencies
# Note: symlinks will be followed to discover dependencies or plugins.
# Examples: 
# plugin.path=/usr/local/share/java,/usr/local/share/kafka/plugins,/opt/connectors,
#plugin.path=
`

const FILE_SOURCE = `${LICENSE}
name=local-file-source
connector.class=FileStreamSource
tasks.max=1
file=test.txt
topic=connect-test`

const FILE_SINK = `${LICENSE}
name=local-file-sink
connector.class=FileStreamSink
tasks.max=1
file=test.sink.txt
topics=connect-test`

const CONNECT_CONFIG_FILES: ReadonlyMap<string, string> = new Map([
  ['config/connect-standalone.properties', STANDALONE],
  ['config/connect-file-source.properties', FILE_SOURCE],
  ['config/connect-file-sink.properties', FILE_SINK],
])

/** The distribution's text of the Connect file at `path` (relative to the Kafka directory), or null. */
export function connectConfigFile(path: string): string | null {
  return CONNECT_CONFIG_FILES.get(path.replace(/^\.\//, '')) ?? null
}
