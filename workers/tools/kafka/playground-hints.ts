/**
 * The playground's own one-line hints, printed after the real tool's output when a learner uses an option
 * that Kafka 4.x removed (`--zookeeper`, `--broker-list` for the console producer, `--authorizer-properties`
 * for kafka-acls). Marked
 * `[playground]` so nobody mistakes them for Kafka's text; empty when the option was not used.
 */
function used(argv: readonly string[], name: string): boolean {
  return argv.some((word) => word === `--${name}` || word.startsWith(`--${name}=`))
}

export function zookeeperHint(argv: readonly string[]): string {
  return used(argv, 'zookeeper')
    ? '[playground] Kafka 4.x runs in KRaft mode without ZooKeeper: use --bootstrap-server localhost:9092 instead of --zookeeper.\n'
    : ''
}

export function brokerListHint(argv: readonly string[]): string {
  return used(argv, 'broker-list')
    ? '[playground] Kafka 4.0 removed --broker-list from kafka-console-producer: use --bootstrap-server localhost:9092 instead.\n'
    : ''
}

export function authorizerPropertiesHint(argv: readonly string[]): string {
  return used(argv, 'authorizer-properties')
    ? '[playground] Kafka 4.0 removed --authorizer-properties from kafka-acls: the brokers keep the ACLs, use --bootstrap-server localhost:9092.\n'
    : ''
}
