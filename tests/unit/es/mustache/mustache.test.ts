import { describe, expect, it } from 'vitest'
import { TemplateScript } from '../../../../workers/es/script/template-script.ts'
import { EsException, errorJson } from '../../../../workers/es/errors/index.ts'
import { parseJson, toJson } from '../../../../workers/es/xcontent/index.ts'

function render(template: string, params: string, options: Record<string, string> = {}): string {
  return TemplateScript.compile(template, options).execute(parseJson(params) as Map<string, never>)
}

function compileFailure(template: string): string {
  try {
    TemplateScript.compile(template)
  } catch (error) {
    if (error instanceof EsException) return toJson(errorJson(error))
    throw error
  }
  throw new Error('compiled')
}

describe('mustache as ES runs it', () => {
  it('escapes values for JSON and leaves triple mustaches alone', () => {
    expect(render('{"q":"{{q}}","r":"{{{q}}}"}', '{"q":"say \\"hi\\"\\n"}')).toBe(
      '{"q":"say \\"hi\\"\\n","r":"say "hi"\n"}',
    )
  })

  it('prints values as Java does: lists as index maps, maps in HashMap order, doubles with .0', () => {
    expect(
      render('{{l}}|{{m}}|{{d}}|{{i}}|{{missing}}', '{"l":["a",1],"m":{"b":1,"a":[2]},"d":1.0,"i":3}'),
    ).toBe('{0=a, 1=1}|{a=[2], b=1}|1.0|3|')
  })

  it('indexes lists and reads their size', () => {
    expect(render('{{l.0}} {{l.1}} {{l.5}} {{l.size}} {{m.x.0}}', '{"l":["a","b"],"m":{"x":["y"]}}')).toBe(
      'a b  2 y',
    )
  })

  it('iterates lists, enters maps and treats 0 as true', () => {
    expect(
      render(
        '{{#l}}[{{.}}]{{/l}}{{#m}}{{k}}{{/m}}{{#z}}zero{{/z}}{{#e}}no{{/e}}',
        '{"l":[1,2],"m":{"k":"v"},"z":0,"e":[]}',
      ),
    ).toBe('[1][2]vzero')
  })

  it('gives defaults with inverted sections', () => {
    const template = '{"size": {{size}}{{^size}}10{{/size}}}'
    expect(render(template, '{}')).toBe('{"size": 10}')
    expect(render(template, '{"size": 3}')).toBe('{"size": 3}')
  })

  it('has ES functions toJson, join and url', () => {
    expect(
      render(
        '{{#toJson}}t{{/toJson}} {{#toJson}}m{{/toJson}} {{#toJson}}s{{/toJson}}',
        '{"t":["a",{"b":1.50}],"m":{"x":"y"},"s":"raw"}',
      ),
    ).toBe('["a",{"b":1.5}] {"x":"y"} raw')
    expect(
      render(
        "{{#join}}t{{/join}}|{{#join delimiter='||'}}t{{/join delimiter='||'}}|{{#join}}no{{/join}}",
        '{"t":["a","b"]}',
      ),
    ).toBe('a,b|a||b|no')
    expect(render('{{#url}}{{u}}{{/url}}', '{"u":"a b/c&d"}')).toBe('a+b%2Fc%26d')
  })

  it('drops the newlines of lines holding only a section tag, as mustache.java does', () => {
    expect(render('a\n{{#l}}\n- {{.}}\n{{/l}}\nb', '{"l":[1,2]}')).toBe('a\n- 1\n- 2\nb')
  })

  it('fails to compile with script_exception caused by mustache_exception', () => {
    expect(compileFailure('{"a":"{{{x}}"}')).toBe(
      '{"root_cause":[{"type":"script_exception","reason":"Improperly closed variable in query-template:1 @[query-template:1]","script_stack":[],"script":"{\\"a\\":\\"{{{x}}\\"}","lang":"mustache"}],"type":"script_exception","reason":"Improperly closed variable in query-template:1 @[query-template:1]","script_stack":[],"script":"{\\"a\\":\\"{{{x}}\\"}","lang":"mustache","caused_by":{"type":"mustache_exception","reason":"Improperly closed variable in query-template:1 @[query-template:1]"}}',
    )
    expect(compileFailure('{{#a}}\nx')).toContain('"reason":"Failed to close \'a\' tag @[query-template:1]"')
    expect(compileFailure('{{#a}}{{/b}}')).toContain(
      '"reason":"Mismatched start/end tags: a != b in query-template:1 @[query-template:1]"',
    )
    expect(compileFailure('{{#toJson}}{{/toJson}}')).toContain(
      '"reason":"Mustache function [toJson] must contain one and only one identifier"',
    )
  })
})
