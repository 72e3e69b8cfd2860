/**
 * A Map of sets, dropping sets that become empty. Most keys (a member linked from one book, a
 * phone number) hold one value, kept as itself: a Set for it would weigh more than the contact.
 */
export class SetIndex<K, V> {
  readonly #sets = new Map<K, V | Set<V>>();
  add(key: K, value: V): void {
    const held = this.#sets.get(key);
    if (held === undefined) this.#sets.set(key, value);
    else if (held instanceof Set) held.add(value);
    else if (held !== value) this.#sets.set(key, new Set([held, value]));
  }
  delete(key: K, value: V): void {
    const held = this.#sets.get(key);
    if (held === value) this.#sets.delete(key);
    else if (held instanceof Set) {
      held.delete(value);
      if (held.size === 1) this.#sets.set(key, held.values().next().value as V);
    }
  }
  /** How many keys hold values. */
  get size(): number {
    return this.#sets.size;
  }
  /** The values under `key`: a copy, so the caller may change the index while going through it. */
  get(key: K): V[] {
    const held = this.#sets.get(key);
    if (held === undefined) return [];
    return held instanceof Set ? [...held] : [held];
  }
}
