/** What a file's first bytes said about its encoding. */
export type ByteOrderMark = "utf-8" | "utf-16" | null;

/** A push reader: entries for each chunk of bytes, and the rest at the end. */
export interface PushReader<E> {
  push(chunk: Uint8Array): E[];
  end(): E[];
}

/**
 * A push reader that looks at a file's first three bytes before its format reader sees any: a
 * UTF-8 byte order mark is dropped, and a UTF-16 one (Outlook and Excel can save so) turns the
 * rest into UTF-8 on the way, so the format reader only ever reads bytes of one width. `start`
 * makes the format reader once the mark is known.
 */
export function byteOrderReader<E>(start: (mark: ByteOrderMark) => PushReader<E>): PushReader<E> {
  let inner: PushReader<E> | null = null;
  let utf16: InstanceType<typeof TextDecoder> | null = null;
  let head = new Uint8Array(0);
  const encoder = new TextEncoder();

  function open(bytes: Uint8Array): { reader: PushReader<E>; rest: Uint8Array } {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) utf16 = new TextDecoder("utf-16le");
    if (bytes[0] === 0xfe && bytes[1] === 0xff) utf16 = new TextDecoder("utf-16be");
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    const reader = start(utf16 !== null ? "utf-16" : bom ? "utf-8" : null);
    return { reader, rest: utf16 !== null ? bytes.subarray(2) : bom ? bytes.subarray(3) : bytes };
  }
  function feed(reader: PushReader<E>, bytes: Uint8Array): E[] {
    if (utf16 === null) return reader.push(bytes);
    return reader.push(encoder.encode(utf16.decode(bytes, { stream: true })));
  }

  return {
    push(chunk) {
      if (inner !== null) return feed(inner, chunk);
      const joined = new Uint8Array(head.length + chunk.length);
      joined.set(head);
      joined.set(chunk, head.length);
      // The first bytes decide the file's encoding, so they wait until there are three of them.
      if (joined.length < 3) {
        head = joined;
        return [];
      }
      const { reader, rest } = open(joined);
      inner = reader;
      return feed(reader, rest);
    },
    end() {
      const entries: E[] = [];
      if (inner === null) {
        const { reader, rest } = open(head);
        inner = reader;
        entries.push(...feed(reader, rest));
      }
      if (utf16 !== null) entries.push(...inner.push(encoder.encode(utf16.decode())));
      entries.push(...inner.end());
      return entries;
    },
  };
}
