/**
 * The status line of an ES answer carries Netty's reason phrase (HttpResponseStatus), as Kibana's console
 * and `curl -i` show it: a `_cluster/health` that times out answers `408 Request Timeout`, a body in a
 * media type ES cannot read `406 Not Acceptable`.
 */
import { describe, expect, it } from 'vitest'
import { reasonPhrase } from '../../../workers/tools/shell/command-outcome.ts'
import { formatOutcome } from '../../../workers/tools/scenario/transcript.ts'

describe('reasonPhrase', () => {
  it("names 406 and 408 as Netty's HttpResponseStatus does", () => {
    expect(reasonPhrase(406)).toBe('Not Acceptable')
    expect(reasonPhrase(408)).toBe('Request Timeout')
  })

  it("prints a timed-out health answer's status line with its phrase", () => {
    const line = formatOutcome({
      kind: 'es',
      status: 408,
      contentType: 'application/json',
      body: '{}',
      via: 'devtools',
    }).split('\n')[0]
    expect(line).toBe('408 Request Timeout')
  })
})
