/**
 * Web Worker entry for one IdbStorage's writer (storage/idb-writer.ts): the worker a broker's IdbStorage starts
 * at its first handed-over write, to which it transfers the LogFlusher's chunks.
 */
import { serveWrites } from './storage/idb-writer.ts'

serveWrites(self)
