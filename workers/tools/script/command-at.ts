/**
 * The command under the cursor, for Ctrl+Enter: the one whose range holds the cursor offset (its end
 * included, so a cursor just after the last character still counts), else the one whose lines hold the
 * cursor's line (a cursor in the indentation before a command, or after trailing blanks). Commands are
 * sorted and start on distinct lines (parseScript's invariant), so a binary search finds it in O(log n).
 */
import type { ScriptCommand } from './types.ts'

/** `line` is the cursor's 1-based line; without it only the offset is matched. */
export function commandAt(
  commands: readonly ScriptCommand[],
  offset: number,
  line?: number,
): ScriptCommand | null {
  const byOffset = lastAtOrBefore(commands, (command) => command.range.start <= offset)
  if (byOffset !== undefined && offset <= byOffset.range.end) return byOffset
  if (line === undefined) return null
  const byLine = lastAtOrBefore(commands, (command) => command.range.line <= line)
  return byLine !== undefined && line <= byLine.range.endLine ? byLine : null
}

/** The last command for which `before` holds, `before` being true for a prefix of the list. */
function lastAtOrBefore(
  commands: readonly ScriptCommand[],
  before: (command: ScriptCommand) => boolean,
): ScriptCommand | undefined {
  let lo = 0
  let hi = commands.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    const command = commands[mid]
    if (command !== undefined && before(command)) lo = mid + 1
    else hi = mid
  }
  return commands[lo - 1]
}
