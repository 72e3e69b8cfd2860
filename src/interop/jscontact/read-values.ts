// How the values of a JSContact card are read: name, tags, media, phones, labels and dates.
import * as z from "zod/mini";
import type { ContactPhone } from "../../domain/contact.js";
import { normalisePhone, type Region } from "../../domain/phone.js";
import type { JsonChecks } from "../json/checks.js";
import type { OwnerFieldsDraft } from "../json/draft.js";
import { pointer } from "../json/issues.js";
import { eachValid, valid } from "../json/validate.js";
import type { ContactPhoto } from "../record.js";
import { parseDate } from "../vcard/dates.js";
import { fieldLimits } from "../vcard/limits.js";
import { photoOfUri } from "../vcard/photo.js";
import type { DateLabels } from "../vcard/types.js";
import * as s from "./schema.js";
import { jsContactVendorProperties as vendor } from "./types.js";

/** How many entries a map- or array-valued property may hold. */
export const map = { array: false, max: fieldLimits.items } as const;
export const array = { array: true, max: fieldLimits.items } as const;

/** The card's `name` into the draft: family and given parts, their readings (`phonetic`), or `full`. */
export function takeName(name: unknown, f: OwnerFieldsDraft, checks: JsonChecks): void {
  const item = name === undefined ? null : valid(s.nameSchema, name, "/name", checks);
  if (item === null) return;
  const family: string[] = [];
  const given: string[] = [];
  const familyReading: string[] = [];
  const givenReading: string[] = [];
  eachValid(
    item.components,
    "/name/components",
    s.nameComponentSchema,
    checks,
    (component) => {
      const [values, readings] =
        component.kind === "surname" || component.kind === "surname2"
          ? [family, familyReading]
          : component.kind === "given" || component.kind === "given2"
            ? [given, givenReading]
            : [null, null];
      if (values === null || readings === null) return;
      if (component.value.trim() !== "") values.push(component.value.trim());
      if (component.phonetic !== undefined && component.phonetic.trim() !== "")
        readings.push(component.phonetic.trim());
    },
    { array: true, max: fieldLimits.items },
  );
  const line = (parts: string[]) => checks.line(parts.join(" "), "/name/components", fieldLimits.name);
  f.familyName = line(family);
  f.givenName = line(given);
  f.familyNameReading = line(familyReading);
  f.givenNameReading = line(givenReading);
  // A name with no parts is named by its full form, whole, as the vCard reader does with FN.
  if (f.familyName === null && f.givenName === null && item.full !== undefined) {
    f.familyName = checks.line(item.full, "/name/full", fieldLimits.name);
  }
}

export function takeTags(card: Record<string, unknown>, f: OwnerFieldsDraft, checks: JsonChecks): void {
  const add = (tag: string, path: string) => {
    const value = checks.line(tag, path, fieldLimits.tag);
    if (value !== null && !f.tags.includes(value)) checks.add(f.tags, value, path);
  };
  if (card[vendor.tags] !== undefined) {
    eachValid(card[vendor.tags], pointer("", vendor.tags), z.string(), checks, add, array);
    return;
  }
  if (card.keywords === undefined) return;
  const keywords = valid(s.keywordsSchema, card.keywords, "/keywords", checks);
  if (keywords === null) return;
  // Read from the card, not zod's copy: a key such as "__proto__" is a tag like any other.
  for (const [tag, on] of Object.entries(card.keywords as Record<string, unknown>)) {
    if (on === true) add(tag, pointer("/keywords", tag));
  }
}

export function takeMedia(
  media: unknown,
  checks: JsonChecks,
  maxPhotoBytes: number,
): { url: string | null; photo: ContactPhoto | null } {
  let url: string | null = null;
  let photo: ContactPhoto | null = null;
  eachValid(
    media,
    "/media",
    s.mediaSchema,
    checks,
    (item, path) => {
      if (item.kind !== "photo") return;
      const read = photoOfUri(item.uri.trim(), maxPhotoBytes);
      if (read.kind === "refused")
        checks.report(pointer(path, "uri"), read.code as "INVALID_PHOTO", read.message);
      else if (read.kind === "inline") photo ??= read.photo;
      else url ??= read.url;
    },
    map,
  );
  return { url, photo };
}

/** A phone as partnerbook keeps it (R8): the number as typed when the card says it, and its E.164 form. */
export function phoneOf(
  number: string,
  raw: string | undefined,
  region: Region,
): Omit<ContactPhone, "label"> | null {
  let value = number.trim();
  // RFC 3966: tel:+81-90-1234-5678;ext=1 — the number is what comes before the parameters.
  if (/^tel:/i.test(value)) value = (value.slice(4).split(";")[0] ?? "").trim();
  if (value === "" || value.length > fieldLimits.phone) return null;
  const phone = normalisePhone(value, region);
  if (phone === null) return null;
  if (
    raw !== undefined &&
    raw.length <= fieldLimits.phone &&
    normalisePhone(raw, region)?.e164 === phone.e164
  ) {
    return { e164: phone.e164, raw };
  }
  return { e164: phone.e164, raw: value };
}

export function labelOf(label: string | null, path: string, checks: JsonChecks): string | null {
  return label === null ? null : checks.line(label, pointer(path, "label"), fieldLimits.label);
}

export function dateLabelOf(kind: string, labels: DateLabels): string {
  if (kind === "birth") return labels.birthday;
  if (kind === "wedding") return labels.anniversary;
  // Another vendor's kind ("example.com:graduation") is labelled by its own name.
  return kind.slice(kind.lastIndexOf(":") + 1) || "other";
}

/** A PartialDate or Timestamp as partnerbook's `YYYY-MM-DD` or `--MM-DD`, or `null`. */
export function dateOf(date: {
  year?: number | undefined;
  month?: number | undefined;
  day?: number | undefined;
  utc?: string | undefined;
}): string | null {
  if (date.utc !== undefined) return parseDate(date.utc.slice(0, 10), null);
  const { year, month, day } = date;
  if (month === undefined || day === undefined) return null;
  if (year !== undefined && (year < 1 || year > 9999)) return null;
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const md = `${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  return parseDate(year === undefined ? `--${md}` : `${String(year).padStart(4, "0")}-${md}`, null);
}
