// A text filter's stdout into a pipe: held in glibc's 4096-byte stdio buffer, written out when it fills (cut
// on a character boundary) and at exit.
import { describe, expect, it } from 'vitest'
import { PIPE_BUFFER_BYTES, StdioBuffer } from '../../../../workers/tools/shell/stdio-buffer.ts'

describe('StdioBuffer', () => {
  it('holds text until 4096 bytes are there, and the rest until flush', () => {
    const written: string[] = []
    const buffer = new StdioBuffer((text) => void written.push(text))
    buffer.add('a\n')
    buffer.add('b\n')
    expect(written).toEqual([])
    buffer.add('x'.repeat(PIPE_BUFFER_BYTES - 4))
    expect(written).toEqual([`a\nb\n${'x'.repeat(PIPE_BUFFER_BYTES - 4)}`])
    buffer.add('y'.repeat(PIPE_BUFFER_BYTES + 1))
    expect(written.slice(1)).toEqual(['y'.repeat(PIPE_BUFFER_BYTES)])
    buffer.flush()
    buffer.flush()
    expect(written.slice(2)).toEqual(['y'])
  })

  it('cuts a block before a character that would not fit whole', () => {
    const written: string[] = []
    const buffer = new StdioBuffer((text) => void written.push(text))
    buffer.add(`${'x'.repeat(PIPE_BUFFER_BYTES - 1)}é!`)
    expect(written).toEqual(['x'.repeat(PIPE_BUFFER_BYTES - 1)])
    buffer.flush()
    expect(written[1]).toBe('é!')
  })
})
