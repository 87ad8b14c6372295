/**
 * Transfer lists for messages between workers: a sender marks a message with the ArrayBuffers it gives
 * away with it (`withTransfer`), and a transport that can move bytes between threads (PortTransport, as
 * postMessage's transfer list) moves them instead of copying them; they are detached on the sender's side
 * once sent. A transport that copies (the simulation's structured clone) ignores the mark.
 *
 * Invariant: the mark lives beside the message (a WeakMap keyed by it), never in its data, so a marked
 * message clones exactly as an unmarked one. Only buffers the message owns alone may be listed.
 */
const transferLists = new WeakMap<object, ArrayBuffer[]>()

/** Marks `message` as giving `buffers` away when it is sent; returns the message. */
export function withTransfer<T extends object>(message: T, buffers: ArrayBuffer[]): T {
  transferLists.set(message, buffers)
  return message
}

/** The buffers `message` was marked with (none when it was not). */
export function transferListOf(message: unknown): ArrayBuffer[] {
  return (typeof message === 'object' && message !== null && transferLists.get(message)) || []
}
