// Lucene's CJKWidthFilter (`cjk_width`), a term rewrite that keeps offsets, types and positions:
// fullwidth ASCII U+FF01..U+FF5E becomes basic Latin (minus 0xFEE0); halfwidth katakana U+FF65..U+FF9F
// becomes the fullwidth kana of HALFWIDTH_KANA (its NFKC form). A halfwidth voiced (U+FF9E) or
// semi-voiced (U+FF9F) mark after a kana that has such a composed form merges into it ("ｶﾞ" → "ガ");
// otherwise it becomes the combining mark U+3099 / U+309A. Chars are UTF-16 units, as in Lucene.
import { TermRewriteFilter } from './term-rewrite-filters.ts'
import type { TokenFilter } from '../token-list.ts'

/** The fullwidth forms of U+FF65..U+FF9F, in order. */
const HALFWIDTH_KANA =
  '・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン\u3099\u309a'
const VOICED_MARK = 0xff9e
const SEMI_VOICED_MARK = 0xff9f

function compositions(bases: string, composed: string): ReadonlyMap<string, string> {
  return new Map([...bases].map((base, i) => [base, composed.charAt(i)]))
}

const VOICED = compositions(
  'ウカキクケコサシスセソタチツテトハヒフヘホワヰヱヲヽ',
  'ヴガギグゲゴザジズゼゾダヂヅデドバビブベボヷヸヹヺヾ',
)
const SEMI_VOICED = compositions('ハヒフヘホ', 'パピプペポ')

function foldWidth(term: string): string {
  let out = ''
  for (let i = 0; i < term.length; i++) {
    const ch = term.charCodeAt(i)
    if (ch >= 0xff01 && ch <= 0xff5e) {
      out += String.fromCharCode(ch - 0xfee0)
    } else if (ch >= 0xff65 && ch <= 0xff9f) {
      const marks = ch === VOICED_MARK ? VOICED : ch === SEMI_VOICED_MARK ? SEMI_VOICED : null
      const composed = marks?.get(out.charAt(out.length - 1))
      if (composed !== undefined && i > 0) out = out.slice(0, -1) + composed
      else out += HALFWIDTH_KANA.charAt(ch - 0xff65)
    } else {
      out += term.charAt(i)
    }
  }
  return out
}

export const cjkWidthFilter = (): TokenFilter => new TermRewriteFilter('cjk_width', foldWidth)
