// Elasticsearch's `synonym` (Lucene SynonymFilter) and `synonym_graph` (SynonymGraphFilter) token filters
// over Solr-format rules (solr-synonyms.ts). At each token the longest rule input matching consecutive
// terms is replaced by its outputs (tokens of type "SYNONYM" carrying the whole match's offsets), plus the
// original tokens when the rule keeps them.
// synonym_graph: every path (the outputs in rule order, then the original) starts at the match's
// position; a path's k-th word is at position start+k and its last word spans the rest of the longest
// path (positionLength), so a multi-word synonym is a proper graph and later tokens move to follow it.
// synonym: outputs are stacked on the input positions (word k at start+k, the original first at each
// position), the flattened form Lucene's SynonymFilter produces; later tokens keep their positions.
import type { ChainAwareFilter } from '../custom/chain-aware-filter.ts'
import { TokenListBuilder, positionLengthOf, type GraphTokenList } from '../custom/token-graph.ts'
import type { TokenFilter } from '../token-list.ts'
import { parseSolrSynonyms, WORD_SEPARATOR, type SynonymEntry, type SynonymMap } from './solr-synonyms.ts'

export interface SynonymOptions {
  /** Read when the filter is bound to an analyzer chain (a synonyms set's rules as they are then). */
  rules: () => readonly string[]
  expand: boolean
  lenient: boolean
}

interface Emitted {
  term: string
  start: number
  end: number
  type: string
  position: number
  positionLength: number
  synonym: boolean
  order: number
}

export class SynonymFilterFactory implements ChainAwareFilter {
  constructor(
    readonly name: 'synonym' | 'synonym_graph',
    private readonly options: SynonymOptions,
  ) {}

  forChain(analyze: (text: string) => string[]): TokenFilter {
    const map = parseSolrSynonyms(this.options.rules(), this.options.expand, this.options.lenient, analyze)
    return new SynonymFilter(this.name, map)
  }

  /** Unbound (no chain in front): rules are split on whitespace. */
  filter(tokens: GraphTokenList, text: string): GraphTokenList {
    return this.forChain((rule) => rule.split(/\s+/).filter((word) => word !== '')).filter(tokens, text)
  }
}

class SynonymFilter implements TokenFilter {
  private readonly maxInput: number

  constructor(
    readonly name: 'synonym' | 'synonym_graph',
    private readonly map: SynonymMap,
  ) {
    this.maxInput = Math.max(0, ...[...map.keys()].map((key) => key.split(WORD_SEPARATOR).length))
  }

  /** The longest rule matching at token i: its entry and length in tokens. */
  private match(tokens: GraphTokenList, i: number): { entry: SynonymEntry; length: number } | null {
    for (let length = Math.min(this.maxInput, tokens.terms.length - i); length > 0; length--) {
      const consecutive = Array.from({ length }, (_, k) => tokens.positions[i + k] ?? 0).every(
        (position, k) => position === (tokens.positions[i] ?? 0) + k,
      )
      const entry = consecutive
        ? this.map.get(tokens.terms.slice(i, i + length).join(WORD_SEPARATOR))
        : undefined
      if (entry) return { entry, length }
    }
    return null
  }

  filter(tokens: GraphTokenList): GraphTokenList {
    const emitted: Emitted[] = []
    const graph = this.name === 'synonym_graph'
    let shift = 0
    let i = 0
    const keep = (index: number, position: number, positionLength: number): void => {
      emitted.push({
        term: tokens.terms[index] ?? '',
        start: tokens.startOffsets[index] ?? 0,
        end: tokens.endOffsets[index] ?? 0,
        type: tokens.types[index] ?? '',
        position,
        positionLength,
        synonym: false,
        order: emitted.length,
      })
    }
    while (i < tokens.terms.length) {
      const found = this.match(tokens, i)
      const position = (tokens.positions[i] ?? 0) + shift
      if (!found) {
        keep(i, position, positionLengthOf(tokens, i))
        i++
        continue
      }
      const { entry, length } = found
      const start = tokens.startOffsets[i] ?? 0
      const end = tokens.endOffsets[i + length - 1] ?? 0
      const longestOutput = Math.max(...entry.outputs.map((output) => output.length))
      const span = !graph ? length : entry.keepOriginal ? Math.max(length, longestOutput) : longestOutput
      const emitOriginal = (): void => {
        for (let k = 0; k < length; k++) keep(i + k, position + k, k === length - 1 ? span - k : 1)
      }
      if (entry.keepOriginal && !graph) emitOriginal()
      for (const output of entry.outputs) {
        output.forEach((word, k) => {
          const last = k === output.length - 1
          emitted.push({
            term: word,
            start,
            end,
            type: 'SYNONYM',
            position: position + k,
            positionLength: last ? Math.max(1, span - k) : 1,
            synonym: true,
            order: emitted.length,
          })
        })
      }
      if (entry.keepOriginal && graph) emitOriginal()
      if (graph) shift += span - length
      i += length
    }
    // The graph filter emits in path order; the flat one puts the input's token first at each position.
    const rank = (token: Emitted): number => (graph || !token.synonym ? 0 : 1)
    emitted.sort((a, b) => a.position - b.position || rank(a) - rank(b) || a.order - b.order)
    const out = new TokenListBuilder()
    for (const token of emitted) {
      out.push(token.term, token.start, token.end, token.type, token.position, token.positionLength)
    }
    return out.list
  }
}
