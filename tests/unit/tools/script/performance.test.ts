// parseScript at scale: a 1 MB console buffer of each worst-case shape parses into the right commands
// without running out of stack or time. How fast it parses is measured in `npm run bench`, not here.
import { describe, expect, it } from 'vitest'
import { parseScript } from '../../../../workers/tools/script/parse-script.ts'
import { MB, SHAPES } from './large-buffers.ts'

describe('parseScript at scale', () => {
  for (const shape of SHAPES) {
    it(shape.name, () => {
      expect(parseScript(shape.script(MB)).length).toBe(shape.commands(MB))
    })
  }
})
