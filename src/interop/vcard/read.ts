import type { Region } from "../../domain/phone.js";
import { byteOrderReader } from "../byte-order.js";
import { type ByteSource, byteSlices, readAll, readAllOf, textSlices } from "../byte-source.js";
import { type CollectorSettings, cardCollector } from "./cards.js";
import { lineSplitter } from "./lines.js";
import { type DateLabels, defaultDateLabels, type VCardEntry } from "./types.js";
import { unfolder } from "./unfold.js";

export type { ByteSource } from "../byte-source.js";

/** How to read vCards; every option has a default. */
export interface VCardReadOptions {
  /** R8: the region national phone numbers are read in. Default `JP`; use partnerbook's `defaultRegion`. */
  readonly region?: Region;
  /** What CATEGORIES become: address-book group names (default) or tags. */
  readonly categories?: "groups" | "tags";
  /** The labels of BDAY and ANNIVERSARY dates. Default `誕生日` and `記念日`. */
  readonly dateLabels?: DateLabels;
  /** The charset of values that name none. Default UTF-8. */
  readonly charset?: string;
  /**
   * Tried when a value that names no charset is not valid in `charset`. Default `shift_jis`:
   * Japanese phones and Outlook often leave CHARSET out. `null` reports such values instead.
   */
  readonly fallbackCharset?: string | null;
  /** The longest content line kept, unfolded; longer ones are reported and left out. Default 1 MiB. */
  readonly maxLineBytes?: number;
  /** The largest card read (its lines' bytes, plus 128 per line); a larger one is a failed entry. Default 8 MiB. */
  readonly maxCardBytes?: number;
  /** The largest inline photo kept, decoded. Default 512 KiB. */
  readonly maxPhotoBytes?: number;
}

/** The defaults of {@link VCardReadOptions}. */
export const vcardReadDefaults = {
  region: "JP",
  categories: "groups",
  dateLabels: defaultDateLabels,
  charset: "utf-8",
  fallbackCharset: "shift_jis",
  maxLineBytes: 1 << 20,
  maxCardBytes: 8 << 20,
  maxPhotoBytes: 512 << 10,
} as const satisfies Required<VCardReadOptions>;

/** A push reader: give it chunks of a file as they come, take the cards that are complete. */
export interface VCardReader {
  /** Reads a chunk; returns the cards it completed. */
  push(chunk: Uint8Array): VCardEntry[];
  /** Ends the file; returns the last cards, and an error for one left open. */
  end(): VCardEntry[];
}

function settingsOf(options: VCardReadOptions, textInput: boolean): CollectorSettings {
  const o = { ...vcardReadDefaults, ...options };
  return {
    region: o.region,
    categories: o.categories,
    dateLabels: o.dateLabels,
    maxPhotoBytes: o.maxPhotoBytes,
    maxLineBytes: o.maxLineBytes,
    maxCardBytes: o.maxCardBytes,
    decoding: { textInput, defaultCharset: o.charset, fallbackCharset: o.fallbackCharset },
  };
}

/** The reader's pipeline: bytes → physical lines → content lines → cards → entries. */
function pipeline(options: VCardReadOptions, textInput: boolean) {
  const settings = settingsOf(options, textInput);
  let out: VCardEntry[] = [];
  const unfold = unfolder(settings.maxLineBytes, (content) => cards.line(content));
  const cards = cardCollector(settings, unfold, (entry) => out.push(entry));
  const lines = lineSplitter(settings.maxLineBytes, (line) => unfold.line(line));
  const take = () => {
    const taken = out;
    out = [];
    return taken;
  };
  return {
    push(chunk: Uint8Array) {
      lines.push(chunk);
      return take();
    },
    end() {
      lines.end();
      unfold.end();
      cards.end();
      return take();
    },
  };
}

/**
 * A push reader over the bytes of a vCard file of any version, as they arrive. A UTF-8 byte
 * order mark is skipped; a UTF-16 one (Outlook can save so) turns the file into text first.
 *
 * @example
 * const reader = createVCardReader();
 * for await (const chunk of request.body) for (const entry of reader.push(chunk)) handle(entry);
 * for (const entry of reader.end()) handle(entry);
 */
export function createVCardReader(options: VCardReadOptions = {}): VCardReader {
  return byteOrderReader((mark) => pipeline(options, mark === "utf-16"));
}

/**
 * Reads cards one at a time from a whole file (bytes or text) or from chunks of bytes: each
 * card is read when its END:VCARD arrives, so a file of a million cards is read in the memory
 * of one card. Text input is already Unicode: CHARSET parameters then apply only to
 * quoted-printable and base64 values. Never throws on bad input: every problem is an entry.
 *
 * @example
 * for (const entry of iterateVCards(bytes)) {
 *   if (entry.ok) console.log(entry.record.fields.familyName);
 *   else console.log(`line ${entry.error.line}: ${entry.error.message}`);
 * }
 */
export function* iterateVCards(
  input: Uint8Array | string | Iterable<Uint8Array>,
  options: VCardReadOptions = {},
): Generator<VCardEntry, void, undefined> {
  if (typeof input === "string") yield* readAll(pipeline(options, true), textSlices(input));
  else yield* readAll(createVCardReader(options), byteSlices(input));
}

/**
 * Reads every card of a file: one entry per card, in file order, each a record with the issues
 * of its properties or an error with its line.
 *
 * @example
 * const entries = readVCards(await file.bytes());
 * const records = entries.flatMap((entry) => (entry.ok ? [entry.record] : []));
 */
export function readVCards(input: Uint8Array | string, options: VCardReadOptions = {}): VCardEntry[] {
  return [...iterateVCards(input, options)];
}

/**
 * Reads cards from a stream of bytes (a Node stream, `fetch(...).body`, `file.stream()`) as
 * they arrive, in the memory of one card.
 *
 * @example
 * for await (const entry of streamVCards(createReadStream("contacts.vcf"))) {
 *   if (entry.ok) await book.contacts.addCustomer(me, newCustomerInputOf(entry.record));
 * }
 */
export async function* streamVCards(
  source: ByteSource,
  options: VCardReadOptions = {},
): AsyncGenerator<VCardEntry, void, undefined> {
  yield* readAllOf(createVCardReader(options), source);
}
