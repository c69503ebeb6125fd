/**
 * Would giving `node` the parent `parent` make `node` its own ancestor? Walks up from `parent`
 * through `parentOf` (keys are ids or codes). A loop already present in the data also counts as a
 * cycle, so a bad tree can never be made worse.
 */
export function createsCycle<K>(parentOf: ReadonlyMap<K, K | null>, node: K, parent: K | null): boolean {
  const seen = new Set<K>();
  let cur: K | null | undefined = parent;
  while (cur !== null && cur !== undefined) {
    if (cur === node || seen.has(cur)) return true;
    seen.add(cur);
    cur = parentOf.get(cur);
  }
  return false;
}
