// A sorted map from string keys to values, kept in chunks of bounded size: insert and delete
// cost O(log n + chunk) instead of the O(n) of one big sorted array, which matters at a million
// contacts; a walk from any key is a binary search, then array reads — no generators and no
// key parsing in the loop that lists a book.

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

interface Chunk<V> {
  keys: string[];
  values: V[];
}

/** A position in a {@link SortedKeys}: the current key and value, until `key` is undefined. */
export class SortedCursor<V> {
  #chunks: readonly Chunk<V>[];
  #chunk: number;
  #position: number;

  constructor(chunks: readonly Chunk<V>[], chunk: number, position: number) {
    this.#chunks = chunks;
    this.#chunk = chunk;
    this.#position = position;
    this.#settle();
  }

  /** Moves past chunks that are used up. */
  #settle(): void {
    while (
      this.#chunk < this.#chunks.length &&
      this.#position >= (this.#chunks[this.#chunk] as Chunk<V>).keys.length
    ) {
      this.#chunk++;
      this.#position = 0;
    }
  }

  /** The current key, or `undefined` past the end. */
  get key(): string | undefined {
    return this.#chunks[this.#chunk]?.keys[this.#position];
  }

  /** The current value; only meaningful while `key` is defined. */
  get value(): V {
    return (this.#chunks[this.#chunk] as Chunk<V>).values[this.#position] as V;
  }

  next(): void {
    this.#position++;
    this.#settle();
  }
}

/** An ordered map of strings to values with cheap insert, delete and "walk from". */
export class SortedKeys<V = string> {
  #chunks: Chunk<V>[] = [];
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
      const keys = (this.#chunks[middle] as Chunk<V>).keys;
      if ((keys[keys.length - 1] as string) < key) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Adds `key` (with `value`, by default the key itself); an existing key keeps its place. */
  add(key: string, value: V = key as unknown as V): void {
    if (this.#chunks.length === 0) {
      this.#chunks.push({ keys: [key], values: [value] });
      this.#size = 1;
      return;
    }
    const at = this.#chunkFor(key);
    const chunk = this.#chunks[at] as Chunk<V>;
    const position = lowerBound(chunk.keys, key);
    if (chunk.keys[position] === key) {
      chunk.values[position] = value;
      return;
    }
    chunk.keys.splice(position, 0, key);
    chunk.values.splice(position, 0, value);
    this.#size++;
    if (chunk.keys.length > maxChunk) {
      const half = maxChunk / 2;
      this.#chunks.splice(at + 1, 0, { keys: chunk.keys.splice(half), values: chunk.values.splice(half) });
    }
  }

  delete(key: string): void {
    if (this.#chunks.length === 0) return;
    const at = this.#chunkFor(key);
    const chunk = this.#chunks[at] as Chunk<V>;
    const position = lowerBound(chunk.keys, key);
    if (chunk.keys[position] !== key) return;
    chunk.keys.splice(position, 1);
    chunk.values.splice(position, 1);
    this.#size--;
    if (chunk.keys.length === 0) this.#chunks.splice(at, 1);
  }

  has(key: string): boolean {
    if (this.#chunks.length === 0) return false;
    const keys = (this.#chunks[this.#chunkFor(key)] as Chunk<V>).keys;
    return keys[lowerBound(keys, key)] === key;
  }

  /** A cursor on the first key strictly greater than `after` (the first key when `null`). */
  cursor(after: string | null): SortedCursor<V> {
    if (after === null || this.#chunks.length === 0) return new SortedCursor(this.#chunks, 0, 0);
    const at = this.#chunkFor(after);
    const keys = (this.#chunks[at] as Chunk<V>).keys;
    const position = lowerBound(keys, after);
    return new SortedCursor(this.#chunks, at, keys[position] === after ? position + 1 : position);
  }

  /** Keys strictly greater than `after` (all keys when `after` is null), in order. */
  *from(after: string | null): Generator<string> {
    for (const cursor = this.cursor(after); cursor.key !== undefined; cursor.next()) yield cursor.key;
  }

  /** Keys ≤ `upTo`, in order. */
  *upTo(upTo: string): Generator<string> {
    for (const cursor = this.cursor(null); cursor.key !== undefined && cursor.key <= upTo; cursor.next()) {
      yield cursor.key;
    }
  }
}

/** A map from index name to its {@link SortedKeys}, dropping maps that become empty. */
export class SortedIndex<V = string> {
  readonly #sets = new Map<string, SortedKeys<V>>();

  add(name: string, key: string, value: V = key as unknown as V): void {
    let set = this.#sets.get(name);
    if (set === undefined) {
      set = new SortedKeys<V>();
      this.#sets.set(name, set);
    }
    set.add(key, value);
  }

  delete(name: string, key: string): void {
    const set = this.#sets.get(name);
    if (set === undefined) return;
    set.delete(key);
    if (set.size === 0) this.#sets.delete(name);
  }

  get(name: string): SortedKeys<V> | undefined {
    return this.#sets.get(name);
  }
}
