/**
 * The `mustache` script engine (ES's MustacheScriptEngine) for the template context: a source compiled once
 * (mustache/mustache-parser.ts) and rendered over a request's params (mustache/mustache-renderer.ts). Options:
 * `content_type` picks the encoder of escaped values (CustomMustacheFactory's ENCODERS: the JSON media types
 * escape as JSON strings, `text/plain` writes values as they are, `application/x-www-form-urlencoded`
 * URL-encodes); another media type is "No encoder found for media type [x]". A template that does not compile
 * is ES's ScriptException: `script_exception` with the compiler's message as reason, an empty `script_stack`, the
 * `script` and `lang` "mustache", caused by the `mustache_exception`.
 */
import { EsException, illegalArgumentException } from '../errors/index.ts'
import { quoteJson, type XContentObject } from '../xcontent/index.ts'
import { MustacheCompileError, compileMustache, type MustacheCode } from './mustache/mustache-parser.ts'
import { MustacheRenderer, urlEncode, type Encoder } from './mustache/mustache-renderer.ts'

export const MUSTACHE_LANG = 'mustache'
export const CONTENT_TYPE_OPTION = 'content_type'
/** XContentType.JSON.mediaType(): the content type a stored template given as an object is kept with. */
export const JSON_MEDIA_TYPE_WITH_CHARSET = 'application/json;charset=utf-8'

/** JsonStringEncoder.quoteAsString: a value's text escaped for a JSON string. */
export const jsonEscape: Encoder = (text) => quoteJson(text).slice(1, -1)

const ENCODERS: ReadonlyMap<string, Encoder> = new Map([
  ['application/json; charset=UTF-8', jsonEscape],
  [JSON_MEDIA_TYPE_WITH_CHARSET, jsonEscape],
  ['application/json', jsonEscape],
  ['text/plain', (text: string) => text],
  ['application/x-www-form-urlencoded', urlEncode],
])

export class TemplateScript {
  private constructor(
    private readonly codes: readonly MustacheCode[],
    private readonly renderer: MustacheRenderer,
  ) {}

  static compile(source: string, options: Readonly<Record<string, string>> = {}): TemplateScript {
    const mediaType = options[CONTENT_TYPE_OPTION] ?? 'application/json'
    const encoder = ENCODERS.get(mediaType)
    if (encoder === undefined)
      throw illegalArgumentException(`No encoder found for media type [${mediaType}]`)
    try {
      return new TemplateScript(compileMustache(source), new MustacheRenderer(encoder))
    } catch (error) {
      if (error instanceof MustacheCompileError) throw compileError(source, error.message)
      throw error
    }
  }

  /** TemplateScript.execute over the params (the template's root scope). */
  execute(params: XContentObject): string {
    return this.renderer.render(this.codes, [params])
  }
}

function compileError(source: string, message: string): EsException {
  return new EsException({
    type: 'script_exception',
    reason: message,
    status: 400,
    metadata: [
      ['script_stack', []],
      ['script', source],
      ['lang', MUSTACHE_LANG],
    ],
    causedBy: new EsException({ type: 'mustache_exception', reason: message, status: 500, rootCause: false }),
  })
}
