/**
 * A command's standard input as lines: all of them at once (the `>` lines typed at a tool's prompt, a
 * here-document, a `<` file) or as they arrive through a pipe (shell/pipe.ts), ending when the writer ends.
 */
export type LineInput = readonly string[] | AsyncIterable<string>

/** Calls `take` with each line: at once for lines already there, else as each arrives; resolves at the end. */
export async function eachLine(input: LineInput, take: (line: string) => void): Promise<void> {
  if (isArray(input)) input.forEach((line) => take(line))
  else for await (const line of input) take(line)
}

/** Every line of the input, once it has ended. */
export async function readAll(input: LineInput): Promise<string[]> {
  const lines: string[] = []
  await eachLine(input, (line) => lines.push(line))
  return lines
}

function isArray(input: LineInput): input is readonly string[] {
  return Array.isArray(input)
}

/** Reads the input a line at a time, as a Java tool's readLine does: each call resolves to the next line, or null at the end. */
export function lineReader(input: LineInput): () => Promise<string | null> {
  if (isArray(input)) {
    let next = 0
    return () => Promise.resolve(input[next++] ?? null)
  }
  const lines = input[Symbol.asyncIterator]()
  return async () => {
    const read = await lines.next()
    return read.done === true ? null : read.value
  }
}
