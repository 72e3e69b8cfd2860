import type { Contact, OwnerFields } from "./contact.js";
import { openCursor, sealCursor } from "./cursor.js";
import { foldForSearch } from "./folding.js";
import type { ContactId } from "./ids.js";
import { isId } from "./text.js";

/** R26: 顧客/取引先 (every contact the viewer may see) or 外部 (linked contacts only). */
export type Tab = "customers" | "external";

/** R26: whether a contact belongs on a tab. */
export function onTab(contact: Contact, tab: Tab): boolean {
  return tab === "customers" || contact.kind === "linked";
}

const joinNames = (a: string | null, b: string | null) => `${a ?? ""}${b ?? ""}`;

/**
 * R26: the order of the address book — by phonetic reading where the owner gave one, else by
 * name, else (customers) by company; folded so that ヤマダ, やまだ and ﾔﾏﾀﾞ sort together. Only
 * the owner's own data counts, so sync never moves a contact in the list.
 */
export function sortKeyOf(contact: Contact): string {
  const fields = contact.fields;
  const reading = joinNames(fields.familyNameReading, fields.givenNameReading);
  if (reading !== "") return foldForSearch(reading);
  const name = joinNames(fields.familyName, fields.givenName);
  if (name !== "") return foldForSearch(name);
  return contact.kind === "customer" ? foldForSearch(contact.profile.company ?? "") : "";
}

// Separates fields so that a query never matches across the end of one and the start of the
// next; folding removes control characters, so no query can contain it.
const fieldSeparator = "\u0001";

/** The separator between the fields of {@link searchTextOf}; no folded text contains it. */
export const searchFieldSeparator = fieldSeparator;

/**
 * R28: the folded text a book query is matched against — names, readings, department and memo
 * (the owner's part, `ownSearchText`), then nickname and company (what the contact shows,
 * synced for a linked contact: `shownText`). A query matches the text exactly when it
 * matches one of the two parts, so a store may keep them apart and swap the shown part on a
 * sync without folding the owner's part again.
 */
export function searchTextOf(contact: Contact): string {
  const own = ownSearchText(contact.fields);
  const shown = shownText(contact.kind === "linked" ? contact.synced : contact.profile);
  // join, not a template literal: one flat string, not a tree of pieces kept alive.
  return own === "" ? shown : [own, shown].join(fieldSeparator);
}

/** R28: the owner's part of {@link searchTextOf}: names, readings, department and memo. */
export function ownSearchText(fields: OwnerFields): string {
  return [
    fields.familyName,
    fields.givenName,
    joinNames(fields.familyName, fields.givenName),
    fields.familyNameReading,
    fields.givenNameReading,
    joinNames(fields.familyNameReading, fields.givenNameReading),
    fields.department,
    fields.memo,
  ]
    .filter((part): part is string => part !== null && part !== "")
    .map(foldForSearch)
    .join(fieldSeparator);
}

/** R28: the shown part of {@link searchTextOf}: nickname and company. */
export function shownText(shown: {
  readonly nickname: string | null;
  readonly company: string | null;
}): string {
  return [foldForSearch(shown.nickname ?? ""), foldForSearch(shown.company ?? "")].join(fieldSeparator);
}

/** A position in the address book's order: after this sort key and id. */
export interface BookPosition {
  readonly sortKey: string;
  readonly id: ContactId;
}

// The longest sort key the book gives out: a 200-character company (or two 100-character
// names), each character at most 18 after NFKC (U+FDFA). A longer one is no position of ours.
const maxSortKeyLength = 200 * 18;

/** Encodes a position as an opaque, verified, URL-safe cursor (works in Node and browsers). */
export function encodeCursor(position: BookPosition): string {
  return sealCursor("book", [position.sortKey, position.id]);
}

/**
 * Decodes a cursor made by {@link encodeCursor}; `null` if it is not one — changed, cut, made
 * for another list, or holding a sort key or id no contact can have.
 */
export function decodeCursor(cursor: string): BookPosition | null {
  const parts = openCursor("book", cursor, 2);
  if (parts === null) return null;
  const [sortKey, id] = parts as [string, string];
  return sortKey.length <= maxSortKeyLength && isId(id) ? { sortKey, id: id as ContactId } : null;
}
