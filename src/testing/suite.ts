import { expect } from "vitest";
import { canSee, type Viewer } from "../domain/access.js";
import { type BookPosition, onTab, searchTextOf, sortKeyOf } from "../domain/address-book.js";
import type { Contact } from "../domain/contact.js";
import { asGroupId, type ContactId } from "../domain/ids.js";
import type { Member } from "../domain/member.js";
import type { ErrorCode } from "../errors.js";
import type { BookPage, BookQuery, Store, StoreTransaction } from "../ports/store.js";

/** What each part of the suite gets: the running test's store, new and empty. */
export interface Suite {
  store(): Store;
  /** Runs `fn` in one transaction of the running test's store. */
  run<T>(fn: (tx: StoreTransaction) => Promise<T>): Promise<T>;
}

/** Lets other transactions run for a moment: long enough to interleave, short enough to be cheap. */
export const pause = (ms = 25): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Expects a PartnerbookError with `code`. By name and code, not `instanceof`: an adapter may
 * load partnerbook through the other module format.
 */
export async function expectRefusal(promise: Promise<unknown>, code: ErrorCode): Promise<void> {
  await expect(promise).rejects.toMatchObject({ name: "PartnerbookError", code });
}

/** `member` looking at the book, as a member of `groups`. */
export const viewerOf = (member: Member, groups: readonly string[] = []): Viewer => ({
  memberId: member.id,
  organisationId: member.organisationId,
  groupIds: new Set(groups.map(asGroupId)),
});

/** A book query with the defaults of a first page, for `viewer`. */
export function bookQuery(viewer: BookQuery["viewer"], overrides: Partial<BookQuery> = {}): BookQuery {
  return { viewer, tab: "customers", group: null, text: null, after: null, limit: 100, ...overrides };
}

/** The address-book order (R26): sortKeyOf, then id, as JavaScript compares strings. */
export function inBookOrder(contacts: readonly Contact[]): Contact[] {
  const key = (contact: Contact) => [sortKeyOf(contact), contact.id] as const;
  return [...contacts].sort((a, b) => {
    const [ka, ia] = key(a);
    const [kb, ib] = key(b);
    return ka < kb ? -1 : ka > kb ? 1 : ia < ib ? -1 : ia > ib ? 1 : 0;
  });
}

/** What `listBook` must answer over `contacts`, by the domain's own rules, all pages together. */
export function expectedBook(contacts: readonly Contact[], query: BookQuery): ContactId[] {
  const text = query.text;
  const group = query.group;
  return inBookOrder(
    contacts.filter(
      (contact) =>
        contact.trash === null &&
        onTab(contact, query.tab) &&
        canSee(contact, query.viewer) &&
        (group === null || contact.groups.includes(group)) &&
        (text === null || searchTextOf(contact).includes(text)),
    ),
  ).map((contact) => contact.id);
}

/**
 * Every page of `query` with `limit` per page, following `next`; checks that each `next` is
 * the position of the page's last item and that only the last page has none.
 */
export async function allPages(suite: Suite, query: BookQuery, limit: number): Promise<ContactId[][]> {
  const pages: ContactId[][] = [];
  let after: BookPosition | null = null;
  for (;;) {
    const from: BookPosition | null = after;
    const page: BookPage = await suite.run((tx) => tx.contacts.listBook({ ...query, after: from, limit }));
    expect(page.items.length).toBeLessThanOrEqual(limit);
    pages.push(page.items.map((contact) => contact.id));
    const last = page.items.at(-1);
    if (page.next === null) return pages;
    expect(last).toBeDefined();
    expect(page.items).toHaveLength(limit);
    if (last !== undefined) expect(page.next).toEqual({ sortKey: sortKeyOf(last), id: last.id });
    if (pages.length > 100) throw new Error("listBook kept returning a next position");
    after = page.next;
  }
}
