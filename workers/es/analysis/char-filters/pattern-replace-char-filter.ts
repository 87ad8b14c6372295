// Lucene's PatternReplaceCharFilter: every match of the pattern in the whole text is replaced by the
// replacement (Java appendReplacement syntax: $1, ${name}); offsets map back as CharFilterOutput does.
import type { CharFilter } from '../custom/char-filter.ts'
import { expandReplacement } from '../custom/java-pattern.ts'
import { CharFilterOutput, type FilteredText } from '../custom/offset-corrections.ts'

export class PatternReplaceCharFilter implements CharFilter {
  constructor(
    readonly name: string,
    private readonly pattern: RegExp,
    private readonly replacement: string,
  ) {}

  filter(text: string): FilteredText {
    const out = new CharFilterOutput()
    const pattern = new RegExp(this.pattern.source, this.pattern.flags)
    let lastEnd = 0
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      out.append(text.slice(lastEnd, match.index))
      out.replace(match[0].length, expandReplacement(this.replacement, match))
      lastEnd = match.index + match[0].length
      if (match[0].length === 0) pattern.lastIndex++
    }
    out.append(text.slice(lastEnd))
    return out.finish()
  }
}
