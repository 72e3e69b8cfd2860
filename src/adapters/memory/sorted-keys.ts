// A sorted set of string keys kept in chunks of bounded size: insert and delete cost
// O(log n + chunk) instead of the O(n) of one big sorted array, which matters at a million
// contacts; iteration from any key is a binary search and a walk.

const maxChunk = 512;

function lowerBound(keys: readonly string[], key: string): number {
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((keys[middle] as string) < key) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** An ordered set of strings with cheap insert, delete and "iterate from". */
export class SortedKeys {
  #chunks: string[][] = [];
  #size = 0;

  get size(): number {
    return this.#size;
  }

  /** The index of the first chunk whose last key is ≥ `key` (or the last chunk). */
  #chunkFor(key: string): number {
    let low = 0;
    let high = this.#chunks.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const chunk = this.#chunks[middle] as string[];
      if ((chunk[chunk.length - 1] as string) < key) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  add(key: string): void {
    if (this.#chunks.length === 0) {
      this.#chunks.push([key]);
      this.#size = 1;
      return;
    }
    const at = this.#chunkFor(key);
    const chunk = this.#chunks[at] as string[];
    const position = lowerBound(chunk, key);
    if (chunk[position] === key) return;
    chunk.splice(position, 0, key);
    this.#size++;
    if (chunk.length > maxChunk) this.#chunks.splice(at + 1, 0, chunk.splice(maxChunk / 2));
  }

  delete(key: string): void {
    if (this.#chunks.length === 0) return;
    const at = this.#chunkFor(key);
    const chunk = this.#chunks[at] as string[];
    const position = lowerBound(chunk, key);
    if (chunk[position] !== key) return;
    chunk.splice(position, 1);
    this.#size--;
    if (chunk.length === 0) this.#chunks.splice(at, 1);
  }

  has(key: string): boolean {
    if (this.#chunks.length === 0) return false;
    const chunk = this.#chunks[this.#chunkFor(key)] as string[];
    return chunk[lowerBound(chunk, key)] === key;
  }

  /** Keys strictly greater than `after` (all keys when `after` is null), in order. */
  *from(after: string | null): Generator<string> {
    let at = after === null ? 0 : this.#chunkFor(after);
    let position = 0;
    if (after !== null && this.#chunks.length > 0) {
      const chunk = this.#chunks[at] as string[];
      position = lowerBound(chunk, after);
      if (chunk[position] === after) position++;
    }
    for (; at < this.#chunks.length; at++, position = 0) {
      const chunk = this.#chunks[at] as string[];
      for (; position < chunk.length; position++) yield chunk[position] as string;
    }
  }

  /** Keys ≤ `upTo`, in order. */
  *upTo(upTo: string): Generator<string> {
    for (const key of this.from(null)) {
      if (key > upTo) return;
      yield key;
    }
  }
}

/** A map from index name to its {@link SortedKeys}, dropping sets that become empty. */
export class SortedIndex {
  readonly #sets = new Map<string, SortedKeys>();

  add(name: string, key: string): void {
    let set = this.#sets.get(name);
    if (set === undefined) {
      set = new SortedKeys();
      this.#sets.set(name, set);
    }
    set.add(key);
  }

  delete(name: string, key: string): void {
    const set = this.#sets.get(name);
    if (set === undefined) return;
    set.delete(key);
    if (set.size === 0) this.#sets.delete(name);
  }

  get(name: string): SortedKeys | undefined {
    return this.#sets.get(name);
  }
}
