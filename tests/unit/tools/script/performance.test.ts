// parseScript is linear: a 1 MB console buffer, and 1 MB of each worst case (one huge body, an unclosed
// """, a long query string full of blanks), parse in under 100 ms, and twice the text takes about twice
// the time. On a loaded machine the 100 ms budget stretches with the time JSON.parse (the peer, measured
// in the same run) takes for 1 MB: parseScript must stay within 12 times that.
import { describe, expect, it } from 'vitest'
import { parseScript } from '../../../../workers/tools/script/parse-script.ts'

const MB = 1 << 20

function repeatTo(block: string, size: number): string {
  return block.repeat(Math.ceil(size / block.length))
}

function fastest(work: () => unknown): number {
  let best = Infinity
  for (let run = 0; run < 5; run++) {
    const started = performance.now()
    work()
    best = Math.min(best, performance.now() - started)
  }
  return best
}

const jsonPeer = JSON.stringify(
  Array.from({ length: MB / 40 }, (_, i) => ({ index: {}, message: `a b c ${i}` })),
)

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

describe('parseScript performance', () => {
  it.each<[string, (size: number) => string, (size: number) => number]>([
    ['a mixed console buffer', (size) => repeatTo(mixed, size), (size) => Math.ceil(size / mixed.length) * 6],
    [
      'one huge NDJSON body',
      (size) => 'POST _bulk\n' + repeatTo('{ "index": {} }\n{ "message": "a b c" }\n', size),
      () => 1,
    ],
    [
      'an unclosed """ followed by prose',
      (size) => 'POST _query\n{ "q": """\n' + repeatTo('some prose line\n', size),
      () => 1,
    ],
    ['a query string full of blanks', (size) => 'GET _search?q=' + repeatTo('a  ', size), () => 1],
  ])('%s', (_name, script, count) => {
    const text = script(MB)
    expect(parseScript(text)).toHaveLength(count(MB))
    const once = fastest(() => parseScript(text))
    expect(once).toBeLessThan(Math.max(100, 12 * fastest(() => JSON.parse(jsonPeer))))
    // twice the text takes about twice the time: a quadratic step would take four times as long
    const double = script(2 * MB)
    expect(fastest(() => parseScript(double))).toBeLessThan(3 * once + 5)
  })
})
