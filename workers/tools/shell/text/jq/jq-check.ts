/**
 * jq's compile-time checks on a parsed program: every call names a builtin of that arity (`foo/0 is not
 * defined`) and every `$name` is bound by `as`, `reduce` or `--arg` (`$x is not defined`).
 */
import type { JqAst } from './jq-ast.ts'
import { BUILTINS } from './jq-builtins.ts'

/** jq's messages for the program's undefined names, in program order. */
export function undefinedNames(ast: JqAst, bound: ReadonlySet<string>): string[] {
  const errors: string[] = []
  const visit = (node: JqAst | null, names: ReadonlySet<string>): void => {
    if (node === null) return
    switch (node.type) {
      case 'call':
        if (!BUILTINS.has(`${node.name}/${node.args.length}`))
          errors.push(`${node.name}/${node.args.length} is not defined`)
        node.args.forEach((arg) => visit(arg, names))
        return
      case 'variable':
        if (!names.has(node.name) && node.name !== 'ENV' && node.name !== '__loc__')
          errors.push(`$${node.name} is not defined`)
        return
      case 'bind':
        visit(node.source, names)
        visit(node.body, new Set([...names, node.name]))
        return
      case 'reduce':
        visit(node.source, names)
        visit(node.init, names)
        visit(node.update, new Set([...names, node.name]))
        return
      case 'string':
        node.parts.forEach((part) => typeof part !== 'string' && visit(part, names))
        return
      case 'index':
        visit(node.of, names)
        visit(node.key, names)
        return
      case 'slice':
        visit(node.of, names)
        visit(node.from, names)
        visit(node.to, names)
        return
      case 'iterate':
      case 'negate':
        visit(node.of, names)
        return
      case 'try':
        visit(node.body, names)
        visit(node.handler, names)
        return
      case 'array':
        visit(node.body, names)
        return
      case 'object':
        node.entries.forEach(({ key, value }) => (visit(key, names), visit(value, names)))
        return
      case 'if':
        visit(node.cond, names)
        visit(node.then, names)
        visit(node.otherwise, names)
        return
      case 'pipe':
      case 'comma':
      case 'binary':
      case 'and':
      case 'or':
      case 'alternative':
        visit(node.left, names)
        visit(node.right, names)
        return
      default:
        return
    }
  }
  visit(ast, bound)
  return errors
}
