/** What the console holds on a first visit: a short tour of both systems, ready to run. */
export const WELCOME = `# Welcome to the Kafka & Elasticsearch Playground.
# Put the cursor on a command and press Ctrl+Enter (Cmd+Enter on macOS), or use "Run all".

kafka-topics.sh --bootstrap-server localhost:9092 --create --topic demo --partitions 2 --replication-factor 1
kafka-topics.sh --bootstrap-server localhost:9092 --describe --topic demo

kafka-console-producer.sh --bootstrap-server localhost:9092 --topic demo
> first message
> second message
> third message

kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic demo --from-beginning --max-messages 3

PUT demo/_doc/1
{
  "message": "The quick brown fox jumps over the lazy dog"
}

GET demo/_doc/1

POST demo/_refresh

GET demo/_search
{
  "query": { "match": { "message": "lazy fox" } }
}
`
