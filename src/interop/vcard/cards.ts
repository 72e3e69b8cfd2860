import { latin1 } from "../charset.js";
import type { CardSettings } from "./card-context.js";
import { propertyNameOf, type RawProperty, splitContentLine } from "./content-line.js";
import { cardToRecord } from "./to-contact.js";
import type { VCardEntry, VCardIssue, VCardVersion } from "./types.js";
import type { ContentLineBytes, Unfolder } from "./unfold.js";

/** The card reader's settings: those of {@link CardSettings} and the size caps. */
export interface CollectorSettings extends CardSettings {
  readonly maxLineBytes: number;
  readonly maxCardBytes: number;
}

interface OpenCard {
  readonly line: number;
  version: VCardVersion | null;
  properties: RawProperty[];
  readonly issues: VCardIssue[];
  bytes: number;
  tooLarge: boolean;
  /** Depth of a 2.1 AGENT's own card inside this one, whose lines are not this card's. */
  nested: number;
  /** The last property was an AGENT with an empty value: a card of its own follows. */
  afterAgent: boolean;
}

const versions: readonly VCardVersion[] = ["2.1", "3.0", "4.0"];

// What a line costs a card beyond its bytes (the objects that hold it, or its issue), so that a
// card of millions of one-byte lines is as bounded as a card of a few long ones.
const lineOverhead = 128;

/** BEGIN:VCARD or END:VCARD, in any case, white space around the value allowed. */
const isCardMarker = (raw: RawProperty): boolean =>
  (raw.name === "BEGIN" || raw.name === "END") &&
  raw.value.length < 32 &&
  latin1(raw.value).trim().toUpperCase() === "VCARD";

/** Content lines in, one entry per card out; see {@link cardCollector}. */
export interface CardCollector {
  line(content: ContentLineBytes): void;
  end(): void;
}

/**
 * Groups content lines into cards between BEGIN:VCARD and END:VCARD and turns each into an
 * entry as soon as it ends, so a file of any number of cards is read holding one card at a time.
 * Nothing here throws on bad input: a card without its END, a card over `maxCardBytes`, and
 * lines outside any card each become a failed entry naming their line.
 */
export function cardCollector(
  settings: CollectorSettings,
  unfold: Unfolder,
  emit: (entry: VCardEntry) => void,
): CardCollector {
  let card: OpenCard | null = null;
  let junk: { first: number; last: number } | null = null;

  const fail = (line: number, code: VCardIssue["code"], message: string) =>
    emit({ ok: false, line, error: { code, line, property: null, message } });

  function flushJunk(): void {
    if (junk === null) return;
    const { first, last } = junk;
    junk = null;
    const lines = first === last ? `line ${first} is` : `lines ${first}–${last} are`;
    fail(first, "NOT_A_VCARD", `${lines} not inside BEGIN:VCARD … END:VCARD`);
  }

  function outside(line: number): void {
    if (junk === null) junk = { first: line, last: line };
    else junk.last = line;
  }

  function truncated(open: OpenCard, where: string): void {
    fail(
      open.line,
      "TRUNCATED",
      `the card that starts at line ${open.line} has no END:VCARD before ${where}`,
    );
  }

  function finish(open: OpenCard): void {
    if (open.tooLarge) {
      fail(open.line, "CARD_TOO_LARGE", `the card is larger than ${settings.maxCardBytes} bytes`);
      return;
    }
    const { line, issues, properties } = open;
    emit(cardToRecord({ line, version: open.version ?? "3.0", properties, issues }, settings));
  }

  function setVersion(open: OpenCard, raw: RawProperty): void {
    const written = latin1(raw.value).trim();
    const known = versions.find((version) => version === written);
    if (known === undefined) {
      open.issues.push({
        code: "UNKNOWN_VERSION",
        line: raw.line,
        property: "VERSION",
        message: `VERSION ${written.slice(0, 20)} is not 2.1, 3.0 or 4.0; read as 4.0`,
      });
    }
    open.version = known ?? "4.0";
    unfold.keepFoldingSpace = open.version === "2.1";
  }

  function inCard(open: OpenCard, content: ContentLineBytes, raw: RawProperty | null): void {
    if (open.nested > 0 || open.tooLarge) return;
    open.bytes += content.bytes.length + lineOverhead;
    if (open.bytes > settings.maxCardBytes) {
      // What was collected is let go at once: the cap is on memory, not only on the answer.
      open.tooLarge = true;
      open.properties = [];
      return;
    }
    const name = raw?.name ?? propertyNameOf(content.bytes);
    if (content.cut || raw === null) {
      open.issues.push({
        code: content.cut ? "LINE_TOO_LONG" : "MALFORMED_LINE",
        line: content.line,
        property: name,
        message: content.cut
          ? `${name ?? "a line"} is longer than ${settings.maxLineBytes} bytes and was left out`
          : `line ${content.line} has no ':' between a property's name and its value`,
      });
      return;
    }
    if (raw.name === "VERSION") setVersion(open, raw);
    else open.properties.push(raw);
    open.afterAgent = raw.name === "AGENT" && raw.value.length === 0;
  }

  return {
    line(content) {
      const raw = content.cut ? null : splitContentLine(content.bytes, content.line);
      const marker = raw !== null && isCardMarker(raw) ? raw.name : null;
      const open = card;
      if (marker === "BEGIN") {
        if (open !== null && (open.afterAgent || open.nested > 0)) {
          open.nested += 1;
          open.afterAgent = false;
          return;
        }
        if (open !== null) truncated(open, `line ${content.line}`);
        flushJunk();
        unfold.keepFoldingSpace = false;
        card = {
          line: content.line,
          version: null,
          properties: [],
          issues: [],
          bytes: 0,
          tooLarge: false,
          nested: 0,
          afterAgent: false,
        };
        return;
      }
      if (open === null) {
        outside(content.line);
        return;
      }
      if (marker === "END") {
        if (open.nested > 0) {
          open.nested -= 1;
          return;
        }
        card = null;
        finish(open);
        return;
      }
      inCard(open, content, raw);
    },
    end() {
      if (card !== null) truncated(card, "the end of the file");
      card = null;
      flushJunk();
    },
  };
}
