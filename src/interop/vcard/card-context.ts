import type { ContactPhone } from "../../domain/contact.js";
import { normalisePhone, type Region } from "../../domain/phone.js";
import { splitValue, unescapeText } from "./escape.js";
import { type LabelledKind, labelOfAppleLabel, labelOfTypes } from "./labels.js";
import { CardChecks, fieldLimits } from "./limits.js";
import type { DecodeContext, Property } from "./property.js";
import type { DateLabels, VCardVersion } from "./types.js";

/** What reading a card needs besides the card. */
export interface CardSettings {
  readonly region: Region;
  readonly categories: "groups" | "tags";
  readonly dateLabels: DateLabels;
  readonly maxPhotoBytes: number;
  readonly decoding: Omit<DecodeContext, "version">;
}

/**
 * One card being read: its version, settings, the labels its groups give (`itemN.X-ABLabel`),
 * and the issues found so far. Methods rather than closures: a reader makes one per card, a
 * million times over.
 */
export class CardContext {
  readonly checks = new CardChecks();
  readonly #labels = new Map<string, string>();

  constructor(
    readonly version: VCardVersion,
    readonly settings: CardSettings,
    properties: readonly Property[],
  ) {
    for (const property of properties) {
      const group = property.group?.toLowerCase();
      if (property.name === "X-ABLABEL" && group !== undefined && !this.#labels.has(group)) {
        this.#labels.set(group, unescapeText(property.raw, version).trim());
      }
    }
  }

  /** How this card's values are decoded. */
  static decoding(version: VCardVersion, settings: CardSettings): DecodeContext {
    const { textInput, defaultCharset, fallbackCharset } = settings.decoding;
    return { version, textInput, defaultCharset, fallbackCharset };
  }

  /** A value unescaped, as one text. */
  text(property: Property): string {
    return unescapeText(property.raw, this.version);
  }

  /** A value's parts (`;`) or items (`,`), each unescaped. */
  parts(property: Property, separator: ";" | ","): string[] {
    return splitValue(property.raw, separator, this.version);
  }

  /** The `X-ABLabel` of the property's group, as written; `null` when it has none. */
  groupLabel(property: Property): string | null {
    const label = property.group === null ? undefined : this.#labels.get(property.group.toLowerCase());
    return label === undefined || label === "" ? null : label;
  }

  /** The property's label: its group's `X-ABLabel` (Apple tokens as words), else its TYPE words. */
  labelOf(property: Property, kind: LabelledKind | null): string | null {
    const group = this.groupLabel(property);
    const label =
      group !== null ? labelOfAppleLabel(group) : kind === null ? null : labelOfTypes(typesOf(property));
    return label === null ? null : this.checks.line(label, property, fieldLimits.label);
  }

  /** A TEL as partnerbook keeps it (R8): the number as written, and its E.164 form. */
  phoneOf(property: Property): Omit<ContactPhone, "label"> | null {
    let value = this.text(property).trim();
    // 4.0 writes TEL as a tel: URI (RFC 3966), parameters such as ;ext= after the number.
    if (/^tel:/i.test(value)) value = (value.slice(4).split(";")[0] ?? "").trim();
    if (value === "" || value.length > fieldLimits.phone) return null;
    const phone = normalisePhone(value, this.settings.region);
    return phone === null ? null : { e164: phone.e164, raw: phone.raw };
  }
}

/** The TYPE values of a property. */
export const typesOf = (property: Property): readonly string[] => property.params.get("TYPE") ?? [];
