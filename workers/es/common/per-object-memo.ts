/**
 * A function of an object computed once per object and kept as long as the object lives (a WeakMap): for what is
 * derived from a mapping or a settings record, which the cluster state replaces and never changes in place, so a
 * derived value can never go stale. Invariant: `compute` is pure in its argument.
 */
export function perObjectMemo<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const computed = new WeakMap<K, V>()
  return (key) => {
    let value = computed.get(key)
    if (value === undefined) {
      value = compute(key)
      computed.set(key, value)
    }
    return value
  }
}
