// What every reader of address-book files takes besides a whole file: chunks, async chunks, a
// web ReadableStream; and how a whole file or text is cut into slices so that entries come out
// as they complete, whatever the format.

/** What a streaming reader reads: an async iterable of chunks, or a web ReadableStream. */
export type ByteSource =
  | AsyncIterable<Uint8Array>
  | {
      /** Locks the stream to one reader. */
      getReader(): {
        /** The next chunk, or `done` at the end. */
        read(): Promise<{ done: boolean; value?: Uint8Array | undefined }>;
        /** Lets go of the stream. */
        releaseLock(): void;
      };
    };

/** The chunks of a byte source, from either form. */
export async function* chunksOf(source: ByteSource): AsyncGenerator<Uint8Array> {
  if (Symbol.asyncIterator in source) {
    yield* source;
    return;
  }
  const reader = source.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      if (value !== undefined) yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** Slices read at a time: entries come out as the records in each slice end. */
export const sliceBytes = 64 << 10;

/** Text in slices of UTF-8, never splitting a surrogate pair. */
export function* textSlices(text: string): Generator<Uint8Array> {
  const encoder = new TextEncoder();
  // A byte order mark read as text is not part of the first line.
  let from = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (from < text.length) {
    let to = Math.min(text.length, from + sliceBytes);
    const last = text.charCodeAt(to - 1);
    if (to < text.length && last >= 0xd800 && last <= 0xdbff) to += 1;
    yield encoder.encode(text.slice(from, to));
    from = to;
  }
}

/** A whole file in slices, or chunks as they are. */
export function* byteSlices(input: Uint8Array | Iterable<Uint8Array>): Generator<Uint8Array> {
  if (!(input instanceof Uint8Array)) {
    yield* input;
    return;
  }
  for (let from = 0; from < input.length; from += sliceBytes) yield input.subarray(from, from + sliceBytes);
}

/** A reader fed chunk by chunk: what each chunk completes, then what the end completes. */
interface ChunkReader<T> {
  push(chunk: Uint8Array): Iterable<T>;
  end(): Iterable<T>;
}

/** Everything `reader` makes of `chunks`, entry by entry as the chunks complete them. */
export function* readAll<T>(
  reader: ChunkReader<T>,
  chunks: Iterable<Uint8Array>,
): Generator<T, void, undefined> {
  for (const chunk of chunks) yield* reader.push(chunk);
  yield* reader.end();
}

/** {@link readAll} over a byte source, as its chunks arrive. */
export async function* readAllOf<T>(
  reader: ChunkReader<T>,
  source: ByteSource,
): AsyncGenerator<T, void, undefined> {
  for await (const chunk of chunksOf(source)) yield* reader.push(chunk);
  yield* reader.end();
}
