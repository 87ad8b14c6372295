// The pipe between two commands: lines cut at each newline as written, handed out in order once each, a
// last line without a newline read at the end, nothing read after the reader is gone.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Pipe } from '../../../../workers/tools/shell/pipe.ts'
import { readAll } from '../../../../workers/tools/line-input.ts'

describe('Pipe', () => {
  it('hands out each written line once, in order, whatever the chunks', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ unit: fc.constantFrom('a', 'b', '\n') })), async (chunks) => {
        const pipe = new Pipe()
        const reading = readAll(pipe)
        for (const chunk of chunks) pipe.write(chunk)
        pipe.close()
        const text = chunks.join('')
        const expected = text === '' ? [] : text.replace(/\n$/, '').split('\n')
        expect(await reading).toEqual(expected)
      }),
    )
  })

  it('wakes a waiting reader as soon as a line is complete', async () => {
    const pipe = new Pipe()
    const seen: string[] = []
    const reading = (async () => {
      for await (const line of pipe) seen.push(line)
    })()
    pipe.write('one\ntw')
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(seen).toEqual(['one'])
    pipe.write('o\n')
    pipe.close()
    await reading
    expect(seen).toEqual(['one', 'two'])
  })

  it('drops what is written after the reader has gone', async () => {
    const pipe = new Pipe()
    pipe.write('a\n')
    pipe.drop()
    pipe.write('b\n')
    pipe.close()
    expect(await readAll(pipe)).toEqual([])
  })
})
