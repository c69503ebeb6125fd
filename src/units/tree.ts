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

/** Every descendant of `root` (not including it), for excluding them from a parent picker. */
export function descendantsOf<K>(parentOf: ReadonlyMap<K, K | null>, root: K): Set<K> {
  const children = new Map<K, K[]>();
  for (const [k, p] of parentOf) {
    if (p === null) continue;
    const list = children.get(p) ?? [];
    list.push(k);
    children.set(p, list);
  }
  const out = new Set<K>();
  const stack = [...(children.get(root) ?? [])];
  while (stack.length) {
    const k = stack.pop()!;
    if (out.has(k) || k === root) continue;
    out.add(k);
    stack.push(...(children.get(k) ?? []));
  }
  return out;
}
