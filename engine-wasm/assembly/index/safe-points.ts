// Garbage collection at safe points. The index module runs AssemblyScript's minimal runtime (TLSF memory and a
// two-colour mark & sweep, engine-wasm/build.mjs): no shadow stack and no write barriers, so the hot loops pay
// nothing for the GC, but a collection neither runs by itself nor sees the WASM stack. It is therefore run only at a
// safe point: the tail of an export, once its result (a number or a raw heap.alloc buffer, which the GC never
// frees) is computed, when every managed object still needed is reachable from a global (the indexes, the reused
// collector and scratch). JavaScript holds no managed pointer (nothing is pinned), and no export calls another.
// Exports report an estimate of the managed bytes they allocate (`allocated`); a safe point collects once the
// estimates since the last collection reach the budget, or when the memory grew since then (a backstop for a
// workload the estimates undercount). Exports that drop whole structures (a merge, freeing an index) collect
// at once (`collectAtSafePoint`).
// The budget is a sixteenth of the memory, at most MAX_BUDGET: memory only grows (the allocator at least doubles
// it) and a build leaves little of it free (its buffers are sized exactly), so garbage must fit in that free space
// or queries would grow the memory for nothing but garbage.
// Invariant: the heap holds the live objects plus at most about the budget of garbage (and one call's own garbage).

/** The most garbage allowed to pile up between two collections. */
const MAX_BUDGET: usize = 16 << 20
/** What any export call allocates at least (readers, decoded strings, small objects). */
const CALL_BYTES: usize = 1 << 10

let pending: usize = 0
let pagesAtCollection: i32 = 0

/** Records that the running export allocated about `bytes` managed bytes. */
export function allocated(bytes: usize): void {
  pending += bytes
}

/** Makes the next safe point collect (a structure was dropped). */
export function collectAtSafePoint(): void {
  pending = MAX_BUDGET
}

/** The tail of an export, after its result is computed: collects when the budget is spent or the memory grew. */
export function safePoint(): void {
  pending += CALL_BYTES
  const pages = memory.size()
  if (pending < min(MAX_BUDGET, ((<usize>pages) << 16) >> 4) && pages == pagesAtCollection) return
  __collect()
  pending = 0
  pagesAtCollection = pages
}
