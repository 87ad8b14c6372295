// The ingest-common processors run through IngestService.execute (the write path), with exact results
// and error texts from ES 8's processor classes (SetProcessor, RemoveProcessor, RenameProcessor,
// AbstractStringProcessor, SplitProcessor, JoinProcessor, AppendProcessor, GsubProcessor, DotExpanderProcessor,
// JsonProcessor, BytesProcessor, DateProcessor, FailProcessor, PipelineProcessor) and their YAML tests.
import { describe, expect, it } from 'vitest'
import { startIngest, NOW } from './ingest-fixture.ts'
import { NO_INDEX_PIPELINES, pipelinesOf } from './ingest-fixture.ts'
import { ingest, sorted, text } from './ingest-run.ts'

describe('set', () => {
  it('sets through dotted paths and list indexes, with templates and their JSON escaping', async () => {
    const result = await ingest(
      [
        { set: { field: 'a.b', value: 'x={{name}}' } },
        { set: { field: 'tags.1', value: '{{{name}}}' } },
        { set: { field: 'n', value: { k: ['{{name}}', 1] } } },
      ],
      '{"name":"a\\"b","tags":["t0","t1"]}',
    )
    expect(sorted(result)).toBe(
      '{"a":{"b":"x=a\\\\\\"b"},"n":{"k":["a\\\\\\"b",1]},"name":"a\\"b","tags":["t0","a\\"b"]}',
    )
  })

  it('override false keeps a non-null value; ignore_empty_value skips empty; copy_from deep-copies', async () => {
    const result = await ingest(
      [
        { set: { field: 'keep', value: 'new', override: false } },
        { set: { field: 'was_null', value: 'filled', override: false } },
        { set: { field: 'empty', value: '{{missing}}', ignore_empty_value: true } },
        { set: { field: 'copy', copy_from: 'obj' } },
        { set: { field: 'obj.x', value: 2 } },
      ],
      '{"keep":"old","was_null":null,"obj":{"x":1}}',
    )
    expect(sorted(result)).toBe('{"copy":{"x":1},"keep":"old","obj":{"x":2},"was_null":"filled"}')
  })

  it('path errors: a scalar parent, an index out of bounds, not an integer', async () => {
    expect(text(await ingest([{ set: { field: 'a.b', value: 1 } }], '{"a":"s"}'))).toBe(
      'illegal_argument_exception: cannot set [b] with parent object of type [java.lang.String] as part of path [a.b]',
    )
    expect(text(await ingest([{ set: { field: 'l.2', value: 1 } }], '{"l":[0]}'))).toBe(
      'illegal_argument_exception: [2] is out of bounds for array with length [1] as part of path [l.2]',
    )
    expect(text(await ingest([{ set: { field: 'l.x.y', value: 1 } }], '{"l":[0]}'))).toBe(
      'illegal_argument_exception: [x] is not an integer, cannot be used as an index as part of path [l.x.y]',
    )
  })

  it('metadata fields: setting _index and _routing reroutes the write', async () => {
    const result = await ingest(
      [{ set: { field: '_index', value: 'logs-{{kind}}' } }, { set: { field: '_routing', value: 'r' } }],
      '{"kind":"web"}',
    )
    expect(result).toMatchObject({ kind: 'indexed', index: 'logs-web', id: '1', routing: 'r' })
  })
})

describe('remove, rename, dot_expander', () => {
  it('remove: a list of fields, ignore_missing, and keep', async () => {
    expect(text(await ingest([{ remove: { field: ['a', 'b.c'] } }], '{"a":1,"b":{"c":2,"d":3},"e":4}'))).toBe(
      '{"b":{"d":3},"e":4}',
    )
    expect(text(await ingest([{ remove: { field: 'zz' } }], '{"a":1}'))).toBe(
      'illegal_argument_exception: field [zz] not present as part of path [zz]',
    )
    expect(text(await ingest([{ remove: { field: 'zz', ignore_missing: true } }], '{"a":1}'))).toBe('{"a":1}')
    expect(text(await ingest([{ remove: { keep: ['b.c', 'e'] } }], '{"a":1,"b":{"c":2,"d":3},"e":4}'))).toBe(
      '{"b":{"c":2},"e":4}',
    )
  })

  it('rename: moves the value; a missing source or an existing target fails unless told', async () => {
    expect(text(await ingest([{ rename: { field: 'a', target_field: 'x.y' } }], '{"a":[1]}'))).toBe(
      '{"x":{"y":[1]}}',
    )
    expect(text(await ingest([{ rename: { field: 'q', target_field: 'b' } }], '{"a":1}'))).toBe(
      "illegal_argument_exception: field [q] doesn't exist",
    )
    expect(text(await ingest([{ rename: { field: 'a', target_field: 'b' } }], '{"a":1,"b":2}'))).toBe(
      'illegal_argument_exception: field [b] already exists',
    )
    expect(
      text(await ingest([{ rename: { field: 'a', target_field: 'b', override: true } }], '{"a":1,"b":2}')),
    ).toBe('{"b":1}')
  })

  it('dot_expander: a dotted key into objects; into an existing value it appends; a value parent fails', async () => {
    expect(text(await ingest([{ dot_expander: { field: 'foo.bar' } }], '{"foo.bar":"v"}'))).toBe(
      '{"foo":{"bar":"v"}}',
    )
    expect(text(await ingest([{ dot_expander: { field: '*' } }], '{"a.b":1,"a":{"b":2}}'))).toBe(
      '{"a":{"b":[2,1]}}',
    )
    expect(text(await ingest([{ dot_expander: { field: 'a.b' } }], '{"a.b":1,"a":"s"}'))).toBe(
      'illegal_argument_exception: cannot expand [a.b], because [a] is not an object field, but a value field',
    )
    const { send } = startIngest()
    const bad = await send('PUT', '/_ingest/pipeline/p', {
      processors: [{ dot_expander: { field: 'nodot' } }],
    })
    expect(bad.body).toContain('"reason":"[field] field does not contain a dot and is not a wildcard"')
  })
})

describe('string processors', () => {
  it('lowercase, uppercase, trim and html_strip, on strings and lists, into target_field', async () => {
    const result = await ingest(
      [
        { lowercase: { field: 'a' } },
        { uppercase: { field: 'l' } },
        { trim: { field: 't', target_field: 't2' } },
        { html_strip: { field: 'h' } },
      ],
      '{"a":"HeLLo","l":["x","y"],"t":"  pad \\t","h":"<p>bold &amp; <b>true</b></p>"}',
    )
    expect(sorted(result)).toBe(
      '{"a":"hello","h":"\\nbold & true\\n","l":["X","Y"],"t":"  pad \\t","t2":"pad"}',
    )
  })

  it('errors: null, a non-string, a non-string in a list; ignore_missing', async () => {
    expect(text(await ingest([{ lowercase: { field: 'a' } }], '{"a":null}'))).toBe(
      'illegal_argument_exception: field [a] is null, cannot process it.',
    )
    expect(text(await ingest([{ lowercase: { field: 'a' } }], '{"a":5}'))).toBe(
      'illegal_argument_exception: field [a] of type [java.lang.Integer] cannot be cast to [java.lang.String]',
    )
    expect(text(await ingest([{ lowercase: { field: 'a' } }], '{"a":["x",2.5]}'))).toBe(
      'illegal_argument_exception: value [2.5] of type [java.lang.Double] in list field [a] cannot be cast to [java.lang.String]',
    )
    expect(text(await ingest([{ lowercase: { field: 'a', ignore_missing: true } }], '{}'))).toBe('{}')
  })

  it('gsub with a Java regex and $n groups; bytes', async () => {
    const result = await ingest(
      [
        { gsub: { field: 'd', pattern: '(\\d+)-(\\d+)', replacement: '$2/$1' } },
        { bytes: { field: 'size' } },
        { bytes: { field: 'half' } },
      ],
      '{"d":"10-20 30-40","size":"1kb","half":"1.5MB"}',
    )
    expect(sorted(result)).toBe('{"d":"20/10 40/30","half":1572864,"size":1024}')
    expect(text(await ingest([{ bytes: { field: 's' } }], '{"s":"12 parsecs"}'))).toBe(
      'parse_exception: failed to parse setting [s] with value [12 parsecs] as a size in bytes: unit is missing or unrecognized',
    )
  })

  it('split (a regex separator, trailing empties dropped unless preserve_trailing) and join', async () => {
    const result = await ingest(
      [
        { split: { field: 'csv', separator: '\\s*,\\s*' } },
        { split: { field: 'keep', separator: ',', preserve_trailing: true } },
        { join: { field: 'csv', separator: '|', target_field: 'joined' } },
      ],
      '{"csv":"a , b,c,,","keep":"x,,"}',
    )
    expect(sorted(result)).toBe('{"csv":["a","b","c"],"joined":"a|b|c","keep":["x","",""]}')
    expect(text(await ingest([{ join: { field: 'j', separator: ',' } }], '{"j":"s"}'))).toBe(
      'illegal_argument_exception: field [j] of type [java.lang.String] cannot be cast to [java.util.List]',
    )
  })
})

describe('append, json, fail, drop, pipeline', () => {
  it('append makes a list; allow_duplicates false skips values already there', async () => {
    const result = await ingest(
      [
        { append: { field: 'tags', value: ['b', '{{x}}'] } },
        { append: { field: 'one', value: 'a', allow_duplicates: false } },
        { append: { field: 'new', value: 1 } },
      ],
      '{"tags":"a","one":"a","x":"c"}',
    )
    expect(sorted(result)).toBe('{"new":[1],"one":"a","tags":["a","b","c"],"x":"c"}')
  })

  it('json parses into the field or merges into the root', async () => {
    expect(text(await ingest([{ json: { field: 'j' } }], '{"j":"{\\"a\\":[1,2.50]}"}'))).toBe(
      '{"j":{"a":[1,2.5]}}',
    )
    expect(text(await ingest([{ json: { field: 'j', add_to_root: true } }], '{"j":"{\\"k\\":true}"}'))).toBe(
      '{"j":"{\\"k\\":true}","k":true}',
    )
    expect(text(await ingest([{ json: { field: 'j', add_to_root: true } }], '{"j":"[1]"}'))).toBe(
      'illegal_argument_exception: cannot add non-map fields to root of document',
    )
  })

  it('fail renders its message; drop drops; pipeline calls another, a missing one fails', async () => {
    expect(text(await ingest([{ fail: { message: 'bad {{who}}' } }], '{"who":"me"}'))).toBe(
      'fail_processor_exception: bad me',
    )
    expect(text(await ingest([{ drop: {} }], '{}'))).toBe('dropped')
    expect(
      text(
        await ingest([{ pipeline: { name: 'other' } }], '{"a":"A"}', {
          other: { processors: [{ lowercase: { field: 'a' } }] },
        }),
      ),
    ).toBe('{"a":"a"}')
    expect(text(await ingest([{ pipeline: { name: 'nope' } }], '{}'))).toBe(
      'illegal_state_exception: Pipeline processor configured for non-existent pipeline [nope]',
    )
  })
})

describe('if, on_failure and ignore_failure', () => {
  it('conditions compare ctx fields with null-safe access and methods', async () => {
    const result = await ingest(
      [
        { set: { field: 'hit1', value: true, if: "ctx.a?.b == 'x' && ctx.tags.contains('t')" } },
        { set: { field: 'hit2', value: true, if: 'ctx.missing?.deep != null || ctx.n > 2' } },
        { set: { field: 'miss', value: true, if: "!(ctx.tags.size() == 1) && ctx.a.b.startsWith('y')" } },
      ],
      '{"a":{"b":"x"},"tags":["t"],"n":3}',
    )
    expect(sorted(result)).toBe('{"a":{"b":"x"},"hit1":true,"hit2":true,"n":3,"tags":["t"]}')
  })

  it('a condition that reads through null without ?. is a script_exception', async () => {
    expect(text(await ingest([{ drop: { if: "ctx.a.b == 'x'" } }], '{}'))).toBe(
      'script_exception: runtime error',
    )
  })

  it('processor-level on_failure sees the failed processor; ignore_failure goes on unchanged', async () => {
    const result = await ingest(
      [
        {
          rename: {
            field: 'nope',
            target_field: 'x',
            tag: 'r1',
            on_failure: [
              {
                set: {
                  field: 'err',
                  value:
                    '{{_ingest.on_failure_processor_type}}/{{_ingest.on_failure_processor_tag}}: {{_ingest.on_failure_message}}',
                },
              },
            ],
          },
        },
        { uppercase: { field: 'nope', ignore_failure: true } },
        { set: { field: 'after', value: '{{_ingest.on_failure_message}}' } },
      ],
      '{}',
    )
    expect(sorted(result)).toBe('{"after":"","err":"rename/r1: field [nope] doesn\'t exist"}')
  })
})

describe('write path', () => {
  it('runs the pipelines in order over one document; an unknown pipeline fails', async () => {
    const { send, service } = startIngest()
    await send('PUT', '/_ingest/pipeline/default', { processors: [{ set: { field: 'a', value: 1 } }] })
    await send('PUT', '/_ingest/pipeline/final', { processors: [{ set: { field: 'b', value: '{{a}}' } }] })
    const input = { index: 'i', id: null, routing: null, version: null, source: new Map() }
    expect(text(service.execute(pipelinesOf(['default', 'final']), input, NOW, NO_INDEX_PIPELINES))).toBe(
      '{"a":1,"b":"1"}',
    )
    expect(text(service.execute(pipelinesOf(['default', 'gone']), input, NOW, NO_INDEX_PIPELINES))).toBe(
      'illegal_argument_exception: pipeline with id [gone] does not exist',
    )
  })

  it('the source is re-read as a Java HashMap: keys in bucket order, numbers re-printed', async () => {
    // "q" (113) and "a" (97) share bucket 1 of 16, "b" (98) is bucket 2.
    expect(text(await ingest([{ set: { field: 'a', value: 1.5 } }], '{"b":1,"q":2.50,"x":1e2}'))).toBe(
      '{"q":2.5,"a":1.5,"b":1,"x":100.0}',
    )
  })
})

describe('foreach', () => {
  // ForEachProcessor (8.17): lists and maps, _ingest._value and _ingest._key, its errors.
  it('runs its processor on each list element and map entry, whose _key can be renamed', async () => {
    const result = await ingest(
      [
        { foreach: { field: 'tags', processor: { uppercase: { field: '_ingest._value' } } } },
        { foreach: { field: 'people', processor: { remove: { field: '_ingest._value.secret' } } } },
        {
          foreach: {
            field: 'm',
            processor: { set: { field: '_ingest._key', value: '{{_ingest._key}}_x' } },
          },
        },
      ],
      '{"tags":["a","b"],"people":[{"n":1,"secret":2}],"m":{"a":1,"b":2}}',
    )
    expect(sorted(result)).toBe('{"m":{"a_x":1,"b_x":2},"people":[{"n":1}],"tags":["A","B"]}')
  })

  it('a null field, a field of another type, ignore_missing, and a failure inside', async () => {
    const upper = { uppercase: { field: '_ingest._value' } }
    expect(text(await ingest([{ foreach: { field: 's', processor: upper } }], '{"s":null}'))).toBe(
      'illegal_argument_exception: field [s] is null, cannot loop over its elements.',
    )
    expect(text(await ingest([{ foreach: { field: 's', processor: upper } }], '{"s":"x"}'))).toBe(
      'illegal_argument_exception: field [s] of type [java.lang.String] cannot be cast to a list or map',
    )
    const missing = { foreach: { field: 's', processor: upper, ignore_missing: true } }
    expect(text(await ingest([missing], '{"a":1}'))).toBe('{"a":1}')
    expect(text(await ingest([{ foreach: { field: 's', processor: upper } }], '{"s":["a",1]}'))).toBe(
      'illegal_argument_exception: field [_ingest._value] of type [java.lang.Integer] cannot be cast to [java.lang.String]',
    )
  })

  it('needs exactly one processor', async () => {
    const { send } = startIngest()
    const put = await send('PUT', '/_ingest/pipeline/p', {
      processors: [{ foreach: { field: 's', processor: {} } }],
    })
    expect(put.body).toContain('"reason":"[processor] Must specify exactly one processor type"')
  })
})
