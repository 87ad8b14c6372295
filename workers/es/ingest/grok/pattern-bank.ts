/**
 * PatternBank (ES 8 libs/grok): grok pattern definitions by name, in insertion order (a LinkedHashMap: a
 * redefined name keeps its first position). Construction forbids a reference to a missing pattern
 * (`pattern [A] is referencing a non-existent pattern [B]`), a reference without its closing brace
 * (`pattern [..] has an invalid syntax`) and cycles (`circular reference detected: A->B->A`), walking the
 * reference graph from each name in bank order as ES does. `extendWith` adds a processor's
 * `pattern_definitions` over the built-in bank.
 */

export class PatternBank {
  private readonly bank: ReadonlyMap<string, string>

  constructor(bank: ReadonlyMap<string, string>) {
    forbidCircularReferences(bank)
    this.bank = bank
  }

  get(name: string): string | undefined {
    return this.bank.get(name)
  }

  entries(): ReadonlyMap<string, string> {
    return this.bank
  }

  /** The same bank when `extra` is empty, else a new bank with `extra` put over this one. */
  extendWith(extra: ReadonlyMap<string, string> | null): PatternBank {
    if (extra === null || extra.size === 0) return this
    return new PatternBank(new Map([...this.bank, ...extra]))
  }
}

/** The names a pattern references (`%{NAME}` / `%{NAME:field}`), each once, in order. */
function references(bank: ReadonlyMap<string, string>, name: string): string[] {
  const pattern = bank.get(name)!
  const found: string[] = []
  for (let i = pattern.indexOf('%{'); i !== -1; i = pattern.indexOf('%{', i + 1)) {
    const begin = i + 2
    const brace = pattern.indexOf('}', begin)
    const colon = pattern.indexOf(':', begin)
    if (brace === -1 && colon === -1) throw new Error(`pattern [${pattern}] has an invalid syntax`)
    const end = brace === -1 ? colon : colon === -1 ? brace : Math.min(brace, colon)
    const other = pattern.substring(begin, end)
    if (!found.includes(other)) {
      found.push(other)
      if (!bank.has(other))
        throw new Error(`pattern [${name}] is referencing a non-existent pattern [${other}]`)
    }
  }
  return found
}

/** A depth-first walk from each name, visiting a name once per walk; reaching the start again is a cycle. */
function forbidCircularReferences(bank: ReadonlyMap<string, string>): void {
  for (const start of bank.keys()) {
    const visited = new Set([start])
    const path = [start]
    const walk = (node: string): void => {
      for (const next of references(bank, node)) {
        if (next === start) throw new Error(`circular reference detected: ${[...path, next].join('->')}`)
        if (visited.has(next)) continue
        visited.add(next)
        path.push(next)
        walk(next)
        path.pop()
      }
    }
    walk(start)
  }
}
