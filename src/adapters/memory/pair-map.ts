/** A Map keyed by two values; no key strings made by joining them, one per contact. */
export class PairMap<A, B, V> {
  readonly #maps = new Map<A, Map<B, V>>();
  get(a: A, b: B): V | undefined {
    return this.#maps.get(a)?.get(b);
  }
  set(a: A, b: B, value: V): void {
    const inner = this.#maps.get(a);
    if (inner === undefined) this.#maps.set(a, new Map([[b, value]]));
    else inner.set(b, value);
  }
  delete(a: A, b: B): void {
    const inner = this.#maps.get(a);
    if (inner === undefined) return;
    inner.delete(b);
    if (inner.size === 0) this.#maps.delete(a);
  }
}
