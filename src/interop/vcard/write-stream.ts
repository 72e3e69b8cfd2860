import type { ContactRecord } from "../record.js";
import { type VCardWriteOptions, writeVCardBytes } from "./write.js";

/** Cards are gathered into chunks of about this many bytes, so a consumer is not called per card. */
const chunkBytes = 64 * 1024;

/**
 * A vCard file written as it is read from `records`: chunks of bytes (UTF-8 for 3.0 and 4.0,
 * Shift_JIS for 2.1), about 64 KiB each, in the memory of one chunk whatever the size of the
 * book. Hand it to `ReadableStream.from` for a web response, or `Readable.from` in Node.
 *
 * @example
 * const file = writeVCardStream(contactRecordsOf(book.contacts.export(me)), { version: "4.0" });
 * return new Response(ReadableStream.from(file), { headers: { "content-type": "text/vcard" } });
 */
export async function* writeVCardStream(
  records: Iterable<ContactRecord> | AsyncIterable<ContactRecord>,
  options: VCardWriteOptions = {},
): AsyncGenerator<Uint8Array, void, undefined> {
  let pending: Uint8Array[] = [];
  let size = 0;
  for await (const record of records) {
    const card = writeVCardBytes(record, options);
    pending.push(card);
    size += card.length;
    if (size >= chunkBytes) {
      yield joined(pending, size);
      pending = [];
      size = 0;
    }
  }
  if (size > 0) yield joined(pending, size);
}

function joined(parts: readonly Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
