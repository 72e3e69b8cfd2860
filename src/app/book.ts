import { canEdit } from "../domain/access.js";
import { type BookPosition, decodeCursor, encodeCursor, onTab } from "../domain/address-book.js";
import type { Contact } from "../domain/contact.js";
import { foldForSearch } from "../domain/folding.js";
import { bookQuerySchema, memberIdSchema } from "../schemas.js";
import { requireGroupsOf } from "./contact-input.js";
import { type Context, inTransaction } from "./context.js";
import { invalid, parseInput } from "./validate.js";
import { loadReader } from "./viewer.js";

/** One line of the address book as the viewer sees it (R26, R27). */
export interface BookEntry {
  readonly contact: Contact;
  /** R26: the "external" mark — the contact is linked to a user of another organisation. */
  readonly external: boolean;
  /** R27: whether the viewer may edit it (owner, or co-editing on). */
  readonly editable: boolean;
}

/** A page of the address book; pass `nextCursor` back for the next one. */
export interface BookPageResult {
  readonly items: readonly BookEntry[];
  readonly nextCursor: string | null;
}

/** R26–R28: one page of the actor's book (`Contacts.list`). */
export async function listBook(ctx: Context, actor: unknown, query?: unknown): Promise<BookPageResult> {
  const actorId = parseInput(memberIdSchema, actor, "actor");
  const options = parseInput(bookQuerySchema, query, "address book query") ?? {};
  const after = options.cursor ? decodeCursor(options.cursor) : null;
  if (options.cursor && after === null) throw invalid(["cursor"], "not a cursor this book gave out");
  const folded = options.query === undefined ? "" : foldForSearch(options.query);
  const tab = options.tab ?? "customers";
  return inTransaction(ctx, async (uow) => {
    const { viewer } = await loadReader(uow, actorId);
    if (options.group !== undefined) {
      await requireGroupsOf(uow, viewer.organisationId, [options.group], ["group"]);
    }
    const page = await uow.contacts.listBook({
      viewer,
      tab,
      group: options.group ?? null,
      text: folded === "" ? null : folded,
      after: after as BookPosition | null,
      limit: options.limit ?? 50,
    });
    return {
      items: page.items.map((contact) => ({
        contact,
        external: onTab(contact, "external"),
        editable: canEdit(contact, viewer),
      })),
      nextCursor: page.next === null ? null : encodeCursor(page.next),
    };
  });
}

/** R26, R27: the whole book a page at a time (`Contacts.export`). */
export async function* exportBook(ctx: Context, actor: unknown, query?: unknown): AsyncIterable<Contact> {
  // Parsed here: spread into each page's query, a value that is no query would pass as none.
  parseInput(memberIdSchema, actor, "actor");
  const options = parseInput(bookQuerySchema, query, "address book query") ?? {};
  let cursor = options.cursor ?? null;
  do {
    const page = await listBook(ctx, actor, { ...options, limit: options.limit ?? 200, cursor });
    for (const entry of page.items) yield entry.contact;
    cursor = page.nextCursor;
  } while (cursor !== null);
}
