/**
 * Pretty printers over JSON text, so key order and every lexeme survive (no round trip through objects).
 *
 * prettyElasticsearch: what `?pretty` returns. JsonXContentGenerator installs Jackson's DefaultPrettyPrinter
 * with a DefaultIndenter("  ", "\n") for objects AND arrays; fields print as `"key" : value`, an empty object
 * as `{ }`, an empty array as `[ ]`, and the REST channel ends the body with a line feed (lfAtEnd). With pretty
 * printing on, Elasticsearch cannot splice `_source` bytes raw: it copies them through a parser
 * (copyCurrentStructure), which drops comments, re-escapes strings, writes floats with Double.toString
 * (`1.50` becomes `1.5`, `1e3` becomes `1000.0`) and integers as values (`-0` becomes `0`). That
 * normalisation is idempotent on what Elasticsearch itself writes, so it is applied to the whole text.
 *
 * prettyKibana: what the Dev Tools output pane shows. Kibana's console proxy asks Elasticsearch for
 * `pretty=true` (console proxy route `toURL`), then, with the default "triple quotes" setting, rewrites each
 * object member string value that contains an escape as a `"""` literal with the escapes resolved
 * (expandLiteralStrings), except values whose literal starts or ends with an escaped quote. The pane's text is
 * returned without the body's final line feed.
 *
 * Both walk tokens with JsonTokenizer (no depth limit) and an explicit stack: no recursion.
 */

import { javaDoubleToString } from './java-number-format.ts'
import { Token } from './json-token.ts'
import { JsonTokenizer } from './json-tokenizer.ts'
import { quoteJson } from './json-writer.ts'

export function prettyElasticsearch(json: string): string {
  return prettyPrint(json, false) + '\n'
}

/** The text of the output pane, without the body's final line feed. */
export function prettyKibana(json: string): string {
  return prettyPrint(json, true)
}

function prettyPrint(json: string, tripleQuotes: boolean): string {
  const tokenizer = new JsonTokenizer(json, { maxDepth: Infinity })
  const out: string[] = []
  const counts: number[] = []
  let rootValues = 0
  let afterName = false
  for (let kind = tokenizer.next(); kind !== Token.EOF; kind = tokenizer.next()) {
    const level = counts.length
    if (kind === Token.END_OBJECT || kind === Token.END_ARRAY) {
      const entries = counts.pop() ?? 0
      out.push(entries > 0 ? indentation(level - 1) : ' ', kind === Token.END_OBJECT ? '}' : ']')
      continue
    }
    if (kind === Token.FIELD_NAME) {
      const entries = (counts[level - 1] ?? 0) + 1
      counts[level - 1] = entries
      out.push(entries > 1 ? ',' : '', indentation(level), quoteJson(tokenizer.value), ' : ')
      afterName = true
      continue
    }
    if (!afterName) {
      if (level === 0) {
        if (rootValues++ > 0) out.push(' ')
      } else {
        const entries = (counts[level - 1] ?? 0) + 1
        counts[level - 1] = entries
        out.push(entries > 1 ? ',' : '', indentation(level))
      }
    }
    const memberValue = afterName
    afterName = false
    if (kind === Token.START_OBJECT || kind === Token.START_ARRAY) {
      out.push(kind === Token.START_OBJECT ? '{' : '[')
      counts.push(0)
    } else {
      out.push(scalar(kind, tokenizer.value, tripleQuotes && memberValue))
    }
  }
  return out.join('')
}

function indentation(level: number): string {
  return '\n' + '  '.repeat(level)
}

function scalar(kind: number, value: string, literal: boolean): string {
  switch (kind) {
    case Token.VALUE_STRING:
      return literal ? literalString(value) : quoteJson(value)
    case Token.VALUE_NUMBER_INT:
      return value === '-0' ? '0' : value
    case Token.VALUE_NUMBER_FLOAT:
      return floatText(value)
    case Token.VALUE_TRUE:
      return 'true'
    case Token.VALUE_FALSE:
      return 'false'
    default:
      return 'null'
  }
}

/** Jackson writes a double it cannot represent finitely as a string ("Infinity"). */
function floatText(lexeme: string): string {
  const value = Number(lexeme)
  const text = javaDoubleToString(value)
  return Number.isFinite(value) ? text : '"' + text + '"'
}

/** Kibana's expandLiteralStrings for one value. */
function literalString(value: string): string {
  const quoted = quoteJson(value)
  if (!quoted.includes('\\')) return quoted
  const n = quoted.length
  const skip = (quoted[1] === '\\' && quoted[2] === '"') || (quoted[n - 2] === '"' && quoted[n - 3] === '\\')
  return skip ? quoted : '"""' + value + '"""'
}
