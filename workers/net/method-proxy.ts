/**
 * methodProxy: the same API object, each of whose methods runs through `around`, which gets the call to make
 * (the method applied to its own object and the caller's arguments) and returns what the caller gets back.
 * Other members are read through unchanged. The base of the wrappers that put a process's pause
 * (process-pause.ts) or a network's time (loopback.ts) between a client and a node's API.
 */
export function methodProxy<T extends object>(api: T, around: (call: () => unknown) => unknown): T {
  return new Proxy(api, {
    get(target, key) {
      const member: unknown = Reflect.get(target, key, target)
      if (typeof member !== 'function') return member
      const method = member as (...args: unknown[]) => unknown
      return (...args: unknown[]) => around(() => method.apply(target, args))
    },
  })
}
