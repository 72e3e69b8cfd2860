// A sorted map from string keys to values, kept in chunks of bounded size: insert and delete
// cost O(log n + chunk) instead of the O(n) of one big sorted array, which matters at a million
// contacts; a walk from any key is a binary search, then array reads — no generators and no
// key parsing in the loop that lists a book.
//
// Given a text per value, each chunk also keeps (built when first asked for, dropped when the
// chunk changes) its values' texts joined into one string, and a cursor asked to find a text
// passes over every chunk whose string lacks it with one native search instead of one check
// per value: a book query that matches nothing costs about what searching the texts as one
// string costs.
//
// A value's text may also change in place. One value changed (an edited memo) is `touch`ed: its
// chunk drops its text. For many (a sync of ten thousand nicknames) finding each chunk would
// cost more than the change itself; instead the owner of the values counts such changes, and a
// chunk whose joined text is older than the count compares its values' stamps with the ones it
// was built from before trusting it — once, until the next change.

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
  /** The values' texts joined by NUL, or null until asked for (and after every change). */
  text: string | null;
  /** The stamp of each value when `text` was built. */
  stamps: unknown[] | null;
  /** The text source's generation when `text` was built or last found current. */
  checkedAt: number;
}

/** Where a {@link SortedKeys} gets the texts of its values. */
export interface TextSource<V> {
  text(value: V): string;
  /** Changes (by identity) whenever the value's text changes in place. */
  stamp(value: V): unknown;
  /** Grows whenever some value's text may have changed in place. */
  generation(): number;
}

// Joins the texts of a chunk; searched-for texts never contain it, so no match spans two values.
const textSeparator = "\u0000";

/** A position in a {@link SortedKeys}: the current key and value, until `key` is undefined. */
export class SortedCursor<V> {
  #chunks: readonly Chunk<V>[];
  #chunk: number;
  #position: number;
  /** Only chunks whose joined text contains this are visited; null: every chunk. */
  #find: { readonly text: string; readonly textOf: (chunk: Chunk<V>) => string } | null;
  /** The chunk already found to contain the text. */
  #found = -1;

  constructor(
    chunks: readonly Chunk<V>[],
    chunk: number,
    position: number,
    find: { readonly text: string; readonly textOf: (chunk: Chunk<V>) => string } | null = null,
  ) {
    this.#chunks = chunks;
    this.#chunk = chunk;
    this.#position = position;
    this.#find = find;
    this.#settle();
  }

  /** Moves past chunks that are used up, and past chunks that cannot hold the text sought. */
  #settle(): void {
    for (; this.#chunk < this.#chunks.length; this.#chunk++, this.#position = 0) {
      const chunk = this.#chunks[this.#chunk] as Chunk<V>;
      if (this.#position >= chunk.keys.length) continue;
      if (this.#find === null || this.#found === this.#chunk) return;
      if (this.#find.textOf(chunk).includes(this.#find.text)) {
        this.#found = this.#chunk;
        return;
      }
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
  readonly #texts: TextSource<V> | undefined;

  /** `texts`, if given, gives the texts that {@link cursor} can be asked to find. */
  constructor(texts?: TextSource<V>) {
    this.#texts = texts;
  }

  #chunkText = (chunk: Chunk<V>): string => {
    const texts = this.#texts as TextSource<V>;
    const now = texts.generation();
    if (chunk.text !== null && chunk.checkedAt !== now && this.#stampsHold(chunk, texts))
      chunk.checkedAt = now;
    if (chunk.text === null || chunk.checkedAt !== now) {
      chunk.text = chunk.values.map((value) => texts.text(value)).join(textSeparator);
      chunk.stamps = chunk.values.map((value) => texts.stamp(value));
      chunk.checkedAt = now;
    }
    return chunk.text;
  };

  #stampsHold(chunk: Chunk<V>, texts: TextSource<V>): boolean {
    const stamps = chunk.stamps as unknown[];
    for (let i = 0; i < chunk.values.length; i++) {
      if (texts.stamp(chunk.values[i] as V) !== stamps[i]) return false;
    }
    return true;
  }

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
      this.#chunks.push({ keys: [key], values: [value], text: null, stamps: null, checkedAt: 0 });
      this.#size = 1;
      return;
    }
    const at = this.#chunkFor(key);
    const chunk = this.#chunks[at] as Chunk<V>;
    const position = lowerBound(chunk.keys, key);
    chunk.text = null;
    if (chunk.keys[position] === key) {
      chunk.values[position] = value;
      return;
    }
    chunk.keys.splice(position, 0, key);
    chunk.values.splice(position, 0, value);
    this.#size++;
    if (chunk.keys.length > maxChunk) {
      const half = maxChunk / 2;
      this.#chunks.splice(at + 1, 0, {
        keys: chunk.keys.splice(half),
        values: chunk.values.splice(half),
        text: null,
        stamps: null,
        checkedAt: 0,
      });
    }
  }

  delete(key: string): void {
    if (this.#chunks.length === 0) return;
    const at = this.#chunkFor(key);
    const chunk = this.#chunks[at] as Chunk<V>;
    const position = lowerBound(chunk.keys, key);
    if (chunk.keys[position] !== key) return;
    chunk.text = null;
    chunk.keys.splice(position, 1);
    chunk.values.splice(position, 1);
    this.#size--;
    if (chunk.keys.length === 0) this.#chunks.splice(at, 1);
  }

  /** Drops the joined text of the chunk holding `key`: its value's text changed in place. */
  touch(key: string): void {
    if (this.#chunks.length > 0) (this.#chunks[this.#chunkFor(key)] as Chunk<V>).text = null;
  }

  has(key: string): boolean {
    if (this.#chunks.length === 0) return false;
    const keys = (this.#chunks[this.#chunkFor(key)] as Chunk<V>).keys;
    return keys[lowerBound(keys, key)] === key;
  }

  /**
   * A cursor on the first key strictly greater than `after` (the first key when `null`). With
   * `find` (and a text source), it passes over chunks none of whose values' texts contain `find`;
   * the values it stops at may still lack it, so the caller checks each one. `find` must not
   * contain NUL.
   */
  cursor(after: string | null, find: string | null = null): SortedCursor<V> {
    const filter =
      find === null || this.#texts === undefined ? null : { text: find, textOf: this.#chunkText };
    if (after === null || this.#chunks.length === 0) return new SortedCursor(this.#chunks, 0, 0, filter);
    const at = this.#chunkFor(after);
    const keys = (this.#chunks[at] as Chunk<V>).keys;
    const position = lowerBound(keys, after);
    return new SortedCursor(this.#chunks, at, keys[position] === after ? position + 1 : position, filter);
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

/**
 * Many {@link SortedKeys}, each named by a kind and an id (the book of one owner: kind
 * "customers|owner", id the owner's) — two Map lookups on strings the records already hold, so
 * finding a run makes no string; maps that become empty are dropped.
 */
export class SortedIndex<V = string> {
  readonly #kinds = new Map<string, Map<string, SortedKeys<V>>>();
  readonly #texts: TextSource<V> | undefined;

  /** `texts`: see {@link SortedKeys}. */
  constructor(texts?: TextSource<V>) {
    this.#texts = texts;
  }

  add(kind: string, id: string, key: string, value: V = key as unknown as V): void {
    let ids = this.#kinds.get(kind);
    if (ids === undefined) {
      ids = new Map();
      this.#kinds.set(kind, ids);
    }
    let set = ids.get(id);
    if (set === undefined) {
      set = new SortedKeys<V>(this.#texts);
      ids.set(id, set);
    }
    set.add(key, value);
  }

  delete(kind: string, id: string, key: string): void {
    const ids = this.#kinds.get(kind);
    const set = ids?.get(id);
    if (ids === undefined || set === undefined) return;
    set.delete(key);
    if (set.size > 0) return;
    ids.delete(id);
    if (ids.size === 0) this.#kinds.delete(kind);
  }

  touch(kind: string, id: string, key: string): void {
    this.#kinds.get(kind)?.get(id)?.touch(key);
  }

  get(kind: string, id: string): SortedKeys<V> | undefined {
    return this.#kinds.get(kind)?.get(id);
  }
}
