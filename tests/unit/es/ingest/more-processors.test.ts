// The ingest-common processors terminate, sort, urldecode, csv, fingerprint, date_index_name, community_id and
// network_direction, with the options, results and error texts of ES 8's TerminateProcessor, SortProcessor,
// URLDecodeProcessor (java.net.URLDecoder), CsvProcessor/CsvParser, FingerprintProcessor, DateIndexNameProcessor,
// CommunityIdProcessor (its unit tests' flow vectors) and NetworkDirectionProcessor, and their YAML REST tests.
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { parseJson, type XContentObject } from '../../../../workers/es/xcontent/index.ts'
import { startIngest, NOW } from './ingest-fixture.ts'
import { NO_INDEX_PIPELINES, pipelinesOf } from './ingest-fixture.ts'
import { ingest, sorted, text } from './ingest-run.ts'

async function putError(processor: unknown): Promise<string> {
  const { send } = startIngest()
  const put = await send('PUT', '/_ingest/pipeline/p', { processors: [processor] })
  const error = (JSON.parse(put.body) as { error: { type: string; reason: string } }).error
  return `${put.status} ${error.type}: ${error.reason}`
}

describe('terminate', () => {
  it('ends the running pipeline only: the final pipeline and a calling pipeline go on (330_terminate_processor)', async () => {
    const { send, service } = startIngest()
    await send('PUT', '/_ingest/pipeline/test', {
      processors: [
        { append: { field: 'steps', value: 'before' } },
        { terminate: { if: 'ctx.number < 50' } },
        { append: { field: 'steps', value: 'after' } },
      ],
    })
    await send('PUT', '/_ingest/pipeline/final', {
      processors: [{ append: { field: 'steps', value: 'final' } }],
    })
    await send('PUT', '/_ingest/pipeline/outer', {
      processors: [{ pipeline: { name: 'test' } }, { append: { field: 'steps', value: 'outer' } }],
    })
    const run = (ids: string[], source: string) =>
      text(
        service.execute(
          pipelinesOf(ids),
          { index: 'i', id: '1', routing: null, version: null, source: parseJson(source) as XContentObject },
          NOW,
          NO_INDEX_PIPELINES,
        ),
      )
    expect(run(['test', 'final'], '{"number":40,"steps":[]}')).toBe(
      '{"number":40,"steps":["before","final"]}',
    )
    expect(run(['test', 'final'], '{"number":60,"steps":[]}')).toBe(
      '{"number":60,"steps":["before","after","final"]}',
    )
    expect(run(['outer'], '{"number":40,"steps":[]}')).toBe('{"number":40,"steps":["before","outer"]}')
  })
})

describe('sort', () => {
  it('sorts a copy in natural order, asc or desc, into target_field', async () => {
    const result = await ingest(
      [{ sort: { field: 'words' } }, { sort: { field: 'nums', order: 'desc', target_field: 'sorted' } }],
      '{"words":["b","B","a","é"],"nums":[3,-1,2]}',
    )
    expect(sorted(result)).toBe('{"nums":[3,-1,2],"sorted":[3,2,-1],"words":["B","a","b","é"]}')
  })

  it('refuses a bad order, a null field, a non-list and elements of different classes', async () => {
    expect(await putError({ sort: { field: 'a', order: 'up' } })).toBe(
      '400 parse_exception: [order] Sort direction [up] not recognized. Valid values are: [asc, desc]',
    )
    expect(text(await ingest([{ sort: { field: 'a' } }], '{"a":null}'))).toBe(
      'illegal_argument_exception: field [a] is null, cannot sort.',
    )
    expect(text(await ingest([{ sort: { field: 'a' } }], '{"a":"x"}'))).toBe(
      'illegal_argument_exception: field [a] of type [java.lang.String] cannot be cast to [java.util.List]',
    )
    expect(text(await ingest([{ sort: { field: 'a' } }], '{"a":[1,"x"]}'))).toMatch(
      /^class_cast_exception: class java\.lang\.(String|Integer) cannot be cast to class java\.lang\.(Integer|String)/,
    )
  })
})

describe('urldecode', () => {
  it('decodes as URLDecoder does: + is a space, %xx runs are UTF-8, malformed bytes U+FFFD', async () => {
    const result = await ingest(
      [{ urldecode: { field: 'u' } }, { urldecode: { field: 'l', target_field: 'out' } }],
      '{"u":"a%20b+c%E2%82%AC%ff","l":["x%2Fy"]}',
    )
    expect(sorted(result)).toBe('{"l":["x%2Fy"],"out":["x/y"],"u":"a b c€\uFFFD"}')
  })

  it('fails with URLDecoder messages', async () => {
    expect(text(await ingest([{ urldecode: { field: 'u' } }], '{"u":"%zz"}'))).toBe(
      'illegal_argument_exception: URLDecoder: Illegal hex characters in escape (%) pattern - Error at index 0 in: "zz"',
    )
    expect(text(await ingest([{ urldecode: { field: 'u' } }], '{"u":"%-1"}'))).toBe(
      'illegal_argument_exception: URLDecoder: Illegal hex characters in escape (%) pattern - negative value',
    )
    expect(text(await ingest([{ urldecode: { field: 'u' } }], '{"u":"a%4"}'))).toBe(
      'illegal_argument_exception: URLDecoder: Incomplete trailing escape (%) pattern',
    )
  })
})

describe('csv', () => {
  it("splits a line into the target fields: quotes, doubled quotes, trim (not of the last field's end), empty values", async () => {
    const result = await ingest(
      [
        { csv: { field: 'v', target_fields: ['a', 'b', 'c', 'd', 'e'] } },
        { csv: { field: 'w', target_fields: ['x', 'y', 'z'], trim: true, separator: ';', empty_value: 'E' } },
      ],
      '{"v":"aa,\\"b \\"\\"q\\"\\" b\\" ,,dd","w":"  x ;; z  "}',
    )
    expect(sorted(result)).toBe(
      '{"a":"aa","b":"b \\"q\\" b","d":"dd","v":"aa,\\"b \\"\\"q\\"\\" b\\" ,,dd","w":"  x ;; z  ","x":"x","y":"E","z":"z  "}',
    )
  })

  it('refuses bad options and bad lines', async () => {
    expect(await putError({ csv: { field: 'v', target_fields: [] } })).toBe(
      "400 parse_exception: [target_fields] target fields list can't be empty",
    )
    expect(await putError({ csv: { field: 'v', target_fields: ['a'], quote: "''" } })).toBe(
      `400 parse_exception: [quote] quote has to be single character like " or '`,
    )
    expect(text(await ingest([{ csv: { field: 'v', target_fields: ['a'] } }], '{"v":"\\"abc"}'))).toBe(
      'illegal_argument_exception: Unmatched quote',
    )
    expect(text(await ingest([{ csv: { field: 'v', target_fields: ['a', 'b'] } }], '{"v":"ab\\"c"}'))).toBe(
      'illegal_argument_exception: Illegal character inside unquoted field at 2',
    )
    expect(text(await ingest([{ csv: { field: 'v', target_fields: ['a', 'b'] } }], '{"v":"\\"a\\"x"}'))).toBe(
      "illegal_argument_exception: character 'x' after quoted field at 3",
    )
  })
})

describe('fingerprint', () => {
  const bytes = (...parts: Array<string | number[]>) =>
    Buffer.concat(
      parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part))),
    )
  const hash = (algorithm: string, data: Buffer) => createHash(algorithm).update(data).digest('base64')

  it('hashes the salt, then the fields in name order, maps by key, with typed bytes', async () => {
    const result = await ingest(
      [
        { fingerprint: { fields: ['z', 'a'] } },
        { fingerprint: { fields: ['m'], salt: 'pepper', method: 'SHA-256', target_field: 'f256' } },
        { fingerprint: { fields: ['n'], method: 'MD5', target_field: 'fmd5' } },
        { fingerprint: { fields: ['z'], method: 'SHA-512', target_field: 'f512' } },
      ],
      '{"z":"x","a":[true,false,null],"m":{"k2":1,"k1":"v"},"n":[1,4294967296,1.5]}',
    )
    const parsed = JSON.parse(result.kind === 'indexed' ? result.text : '{}') as Record<string, string>
    expect(parsed.fingerprint).toBe(hash('sha1', bytes([0, 1], [0, 2], [0], [0], 'x')))
    expect(parsed.f256).toBe(hash('sha256', bytes('pepper', [0], 'k1', [0], 'v', [0], 'k2', [0, 1, 0, 0, 0])))
    const double = Buffer.alloc(8)
    double.writeDoubleLE(1.5)
    const long = Buffer.alloc(8)
    long.writeBigInt64LE(4294967296n)
    expect(parsed.fmd5).toBe(
      hash('md5', Buffer.concat([bytes([0, 1, 0, 0, 0], [0]), long, bytes([0]), double])),
    )
    expect(parsed.f512).toBe(hash('sha512', bytes([0], 'x')))
  })

  it('MurmurHash3 is the x64 128-bit hash, h1 then h2 big-endian', async () => {
    const result = await ingest([{ fingerprint: { fields: ['a'], method: 'MurmurHash3' } }], '{"a":"hello"}')
    // MurmurHash3_x64_128 of the bytes 00 68 65 6c 6c 6f (seed 0), the two halves as big-endian longs.
    expect(sorted(result)).toMatch(/^\{"a":"hello","fingerprint":"[A-Za-z0-9+/]{22}=="\}$/)
  })

  it('refuses an unknown method and a missing field', async () => {
    expect(await putError({ fingerprint: { fields: ['a'], method: 'sha-1' } })).toBe(
      '400 parse_exception: [method] [sha-1] must be one of the supported hash methods [MD5,SHA-1,SHA-256,SHA-512,MurmurHash3]',
    )
    expect(await putError({ fingerprint: { fields: [] } })).toBe(
      '400 parse_exception: [fields] must specify at least one field',
    )
    expect(text(await ingest([{ fingerprint: { fields: ['a', 'b', 'c'] } }], '{"b":1}'))).toBe(
      'illegal_argument_exception: missing field [c] when calculating fingerprint',
    )
    expect(text(await ingest([{ fingerprint: { fields: ['a'], ignore_missing: true } }], '{"b":1}'))).toBe(
      '{"b":1}',
    )
  })
})

describe('date_index_name', () => {
  it('sets _index to a date math expression (100_date_index_name_processor)', async () => {
    const result = await ingest(
      [{ date_index_name: { field: 'date', index_name_prefix: 'events-', date_rounding: 'd' } }],
      '{"date":"2016-04-25T12:24:20.101Z"}',
    )
    expect(result.kind === 'indexed' && result.index).toBe('<events-{2016-04-25||/d{yyyy-MM-dd|UTC}}>')
    const zoned = await ingest(
      [
        {
          date_index_name: {
            field: 'date',
            date_rounding: 'M',
            date_formats: ['UNIX_MS'],
            timezone: '+01:00',
            index_name_format: 'yyyy.MM',
          },
        },
      ],
      '{"date":1461621860101}',
    )
    expect(zoned.kind === 'indexed' && zoned.index).toBe('<{2016.04||/M{yyyy.MM|+01:00}}>')
  })

  it('requires date_rounding and fails on a date no format parses', async () => {
    expect(await putError({ date_index_name: { field: 'date' } })).toBe(
      '400 parse_exception: [date_rounding] required property is missing',
    )
    expect(
      text(await ingest([{ date_index_name: { field: 'date', date_rounding: 'd' } }], '{"date":"nope"}')),
    ).toBe('illegal_argument_exception: unable to parse date [nope]')
  })
})

describe('community_id', () => {
  const flow = (
    source: string,
    destination: string,
    protocol: number,
    sourcePort: number,
    destinationPort: number,
  ) =>
    JSON.stringify({
      source: { ip: source, port: sourcePort },
      destination: { ip: destination, port: destinationPort },
      network: { iana_number: protocol },
      icmp: { type: sourcePort, code: destinationPort },
    })
  const id = async (source: string) => {
    const result = await ingest([{ community_id: {} }], source)
    return result.kind === 'indexed'
      ? (JSON.parse(result.text) as { network: { community_id?: string } }).network.community_id
      : text(result)
  }

  it("hashes flows as CommunityIdProcessorTests' vectors", async () => {
    expect(await id(flow('66.35.250.204', '128.232.110.120', 6, 80, 34855))).toBe(
      '1:LQU9qZlK+B5F3KDmev6m5PMibrg=',
    )
    expect(await id(flow('8.8.8.8', '192.168.1.52', 17, 53, 54585))).toBe('1:d/FP5EW3wiY1vCndhwleRRKHowQ=')
    expect(await id(flow('192.168.170.8', '192.168.170.56', 132, 7, 7))).toBe(
      '1:MP2EtRCAUIZvTw6MxJHLV7N7JDs=',
    )
    expect(await id(flow('192.168.0.89', '192.168.0.1', 1, 8, 0))).toBe('1:X0snYXpgwiv9TZtqg64sgzUn6Dk=')
    expect(await id(flow('fe80::260:97ff:fe07:69ea', 'ff02::1', 58, 134, 0))).toBe(
      '1:pkvHqCL88/tg1k4cPigmZXUtL00=',
    )
  })

  it('reads the transport by name, and fails on bad ports, protocols and seeds', async () => {
    const tcp =
      '{"source":{"ip":"66.35.250.204","port":"80"},"destination":{"ip":"128.232.110.120","port":34855},'
    expect(await id(tcp + '"network":{"transport":"TCP"}}')).toBe('1:LQU9qZlK+B5F3KDmev6m5PMibrg=')
    expect(await id(tcp + '"network":{"transport":"xyz"}}')).toBe(
      'illegal_argument_exception: could not convert string [xyz] to transport protocol',
    )
    expect(await id(tcp + '"network":{"iana_number":300}}')).toBe(
      'illegal_argument_exception: invalid transport protocol number [300]',
    )
    expect(await id(flow('1.1.1.1', '2.2.2.2', 6, 70000, 1))).toBe(
      'illegal_argument_exception: invalid source port [70000]',
    )
    expect(await putError({ community_id: { seed: 65536 } })).toBe(
      '400 parse_exception: [seed] must be a value between 0 and 65535',
    )
    expect(
      text(await ingest([{ community_id: { ignore_missing: false } }], '{"source":{"ip":"1.1.1.1"}}')),
    ).toBe('illegal_argument_exception: field [destination] not present as part of path [destination.ip]')
  })
})

describe('network_direction', () => {
  const direction = async (source: string, destination: string, config: object) => {
    const result = await ingest(
      [{ network_direction: config }],
      JSON.stringify({ source: { ip: source }, destination: { ip: destination }, nets: ['10.0.0.0/8'] }),
    )
    return result.kind === 'indexed'
      ? (JSON.parse(result.text) as { network?: { direction: string } }).network?.direction
      : text(result)
  }

  it('classifies the flow by the internal networks: CIDRs, addresses and named networks', async () => {
    const nets = { internal_networks: ['private', '2001:db8::/32'] }
    expect(await direction('10.1.1.1', '192.168.1.1', nets)).toBe('internal')
    expect(await direction('10.1.1.1', '8.8.8.8', nets)).toBe('outbound')
    expect(await direction('8.8.8.8', '2001:db8::1', nets)).toBe('inbound')
    expect(await direction('8.8.8.8', '1.1.1.1', nets)).toBe('external')
    expect(
      await direction('127.0.0.1', 'fe80::1', { internal_networks: ['loopback', 'link_local_unicast'] }),
    ).toBe('internal')
    expect(await direction('8.8.8.8', '10.0.0.1', { internal_networks: ['public'] })).toBe('outbound')
    expect(await direction('10.9.9.9', '8.8.8.8', { internal_networks_field: 'nets' })).toBe('outbound')
  })

  it('needs exactly one networks option, and valid addresses', async () => {
    expect(await putError({ network_direction: {} })).toBe(
      '400 parse_exception: [internal_networks] or [internal_networks_field] must be specified',
    )
    expect(await direction('x', '8.8.8.8', { internal_networks: ['private'] })).toBe(
      "illegal_argument_exception: 'x' is not an IP string literal.",
    )
    expect(
      text(
        await ingest(
          [{ network_direction: { internal_networks: ['private'], ignore_missing: false } }],
          '{}',
        ),
      ),
    ).toBe('illegal_argument_exception: field [source] not present as part of path [source.ip]')
  })
})
