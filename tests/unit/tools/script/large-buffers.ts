/**
 * Large console buffers of the shapes that could make a parser slow (many commands, one huge body, an
 * unclosed `"""`, a long query string full of blanks), for the scale test and the parser benchmark.
 */
export const MB = 1 << 20

function repeatTo(block: string, size: number): string {
  return block.repeat(Math.ceil(size / block.length))
}

const mixed = `# topic
kafka-topics.sh --bootstrap-server localhost:9092 --create --topic demo --partitions 2
kafka-console-producer.sh --bootstrap-server localhost:9092 --topic demo
> first message
> {"id": 2, "text": "two words"}
PUT demo/_doc/1
{
  "message": "The quick brown fox", // note
  "script": """emit(doc['a'].value)"""
}
POST _bulk
{ "index": { "_index": "demo" } }
{ "message": "second" }
curl -XPUT 'localhost:9200/demo/_doc/3?pretty' -H 'Content-Type: application/json' -d '{"a": 1}'
help
`

export interface BufferShape {
  name: string
  script: (size: number) => string
  /** How many commands the buffer parses into. */
  commands: (size: number) => number
}

export const SHAPES: readonly BufferShape[] = [
  {
    name: 'a mixed console buffer',
    script: (size) => repeatTo(mixed, size),
    commands: (size) => Math.ceil(size / mixed.length) * 6,
  },
  {
    name: 'one huge NDJSON body',
    script: (size) => 'POST _bulk\n' + repeatTo('{ "index": {} }\n{ "message": "a b c" }\n', size),
    commands: () => 1,
  },
  {
    name: 'an unclosed """ followed by prose',
    script: (size) => 'POST _query\n{ "q": """\n' + repeatTo('some prose line\n', size),
    commands: () => 1,
  },
  {
    name: 'a query string full of blanks',
    script: (size) => 'GET _search?q=' + repeatTo('a  ', size),
    commands: () => 1,
  },
]

/** The peer for the benchmark: the same amount of JSON for JSON.parse. */
export function jsonPeer(size: number): string {
  return JSON.stringify(
    Array.from({ length: Math.ceil(size / 40) }, (_, i) => ({ index: {}, message: `a b c ${i}` })),
  )
}
