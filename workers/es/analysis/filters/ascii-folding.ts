// The folding of Lucene's ASCIIFoldingFilter: a character outside Basic Latin with an ASCII equivalent
// becomes that equivalent ('é' -> "e", 'ß' -> "ss", 'Æ' -> "AE", '①' -> "1", '＂' -> "\"").
// Derived, not tabled: a char whose canonical decomposition (NFD) is ASCII letters plus combining marks
// folds to those letters; a fullwidth form (U+FF01..U+FF5E) or an enclosed/superscript digit or letter
// folds through its compatibility decomposition (NFKD) when that is ASCII; the letters and punctuation
// that decompose to nothing ASCII (ligatures, stroked letters, quotes, dashes) are listed below.
// A char with no ASCII equivalent (Greek, Cyrillic, CJK) stays.

const SPECIAL: ReadonlyMap<string, string> = new Map(
  Object.entries({
    Æ: 'AE',
    æ: 'ae',
    Ð: 'D',
    ð: 'd',
    Đ: 'D',
    đ: 'd',
    Ø: 'O',
    ø: 'o',
    Þ: 'TH',
    þ: 'th',
    ß: 'ss',
    Ħ: 'H',
    ħ: 'h',
    ı: 'i',
    Ĳ: 'IJ',
    ĳ: 'ij',
    ĸ: 'q',
    Ŀ: 'L',
    ŀ: 'l',
    Ł: 'L',
    ł: 'l',
    ŉ: "'n",
    Ŋ: 'N',
    ŋ: 'n',
    Œ: 'OE',
    œ: 'oe',
    Ŧ: 'T',
    ŧ: 't',
    ſ: 's',
    ƒ: 'f',
    ẞ: 'SS',
    ﬀ: 'ff',
    ﬁ: 'fi',
    ﬂ: 'fl',
    ﬃ: 'ffi',
    ﬄ: 'ffl',
    ﬅ: 'st',
    ﬆ: 'st',
    '«': '"',
    '»': '"',
    '‘': "'",
    '’': "'",
    '‚': "'",
    '‛': "'",
    '“': '"',
    '”': '"',
    '„': '"',
    '‟': '"',
    '‹': "'",
    '›': "'",
    '′': "'",
    '″': '"',
    '‐': '-',
    '‑': '-',
    '‒': '-',
    '–': '-',
    '—': '-',
    '⁃': '-',
    '⁄': '/',
    '†': '+',
    '‼': '!!',
    '⁇': '??',
    '⁈': '?!',
    '⁉': '!?',
    '⸨': '((',
    '⸩': '))',
    '\u00a0': ' ',
  }),
)

const ASCII = /^[\x00-\x7f]+$/
const MARKS = /\p{M}+/gu

function foldChar(ch: string): string {
  const special = SPECIAL.get(ch)
  if (special !== undefined) return special
  const stripped = ch.normalize('NFD').replace(MARKS, '')
  if (stripped !== '' && ASCII.test(stripped)) return stripped
  const codePoint = ch.codePointAt(0) ?? 0
  const compatible =
    (codePoint >= 0xff01 && codePoint <= 0xff5e) ||
    (codePoint >= 0x2070 && codePoint <= 0x209f) ||
    (codePoint >= 0x2460 && codePoint <= 0x24ff) ||
    codePoint === 0xb2 ||
    codePoint === 0xb3 ||
    codePoint === 0xb9
  if (compatible) {
    const decomposed = ch.normalize('NFKD').replace(MARKS, '')
    if (decomposed !== '' && ASCII.test(decomposed)) return decomposed
  }
  return ch
}

/** The term folded to ASCII where Lucene folds it; a term of Basic Latin only is returned as is. */
export function foldToAscii(term: string): string {
  if (ASCII.test(term) || term === '') return term
  let out = ''
  for (const ch of term) out += ch.charCodeAt(0) < 0x80 ? ch : foldChar(ch)
  return out
}
