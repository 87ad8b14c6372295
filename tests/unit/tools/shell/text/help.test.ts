// help lists every text filter the shell runs, within its 110 columns.
import { describe, expect, it } from 'vitest'
import { helpText } from '../../../../../workers/tools/shell/help.ts'
import { TEXT_COMMANDS } from '../../../../../workers/tools/shell/text/text-commands.ts'

describe('help', () => {
  it('names every text filter', async () => {
    const help = helpText()
    for (const [name] of TEXT_COMMANDS)
      expect(help).toMatch(new RegExp(`^  (?:[a-z]+, )?${name}\\b|\\b${name} \\[`, 'm'))
    for (const line of help.split('\n')) expect(line.length).toBeLessThanOrEqual(110)
  })
})
