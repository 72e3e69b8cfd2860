import { canSee } from "../../domain/access.js";
import type { BookPosition } from "../../domain/address-book.js";
import type { Contact } from "../../domain/contact.js";
import type { MemberId } from "../../domain/ids.js";
import type { BookPage, BookQuery, TrashPosition } from "../../ports/store.js";
import { runKind, runsFor, walkMerged } from "./contact-index.js";
import { type ContactEntry, type ContactTable, sortKeyIn, trashKey, trashKind } from "./contact-table.js";

/** One page of a book: a merge of the runs the viewer's audiences are listed in. */
export function listBook(table: ContactTable, query: BookQuery): BookPage {
  const after = query.after === null ? null : `${query.after.sortKey}\u0000${query.after.id}`;
  const runs =
    query.group === null
      ? runsFor(query.viewer, query.tab)
      : [[runKind[query.tab].inGroup, query.group] as const];
  const cursors = runs.flatMap(([kind, id]) => {
    const run = table.book.get(kind, id);
    return run === undefined ? [] : [run.cursor(after, query.text)];
  });
  const items: Contact[] = [];
  let last: ContactEntry | undefined;
  let more = false;
  walkMerged(cursors, (entry) => {
    const text = query.text;
    if (text !== null && !entry.own.includes(text) && !entry.shown.includes(text)) return true;
    // The runs are chosen by audience; canSee still has the last word (the in-group run
    // holds every contact of the group, and sharing never crosses organisations).
    if (!canSee(entry.contact, query.viewer)) return true;
    if (items.length === query.limit) {
      more = true;
      return false;
    }
    items.push(entry.contact);
    last = entry;
    return true;
  });
  const next: BookPosition | null =
    more && last !== undefined
      ? { sortKey: sortKeyIn((last as ContactEntry).key), id: (last as ContactEntry).contact.id }
      : null;
  return { items, next };
}

/** One page of an owner's trash, by purgeAt. */
export function listTrash(
  table: ContactTable,
  ownerId: MemberId,
  page: { readonly after: TrashPosition | null; readonly limit: number },
): { items: Contact[]; next: TrashPosition | null } {
  const keys = table.trashByOwner.get(trashKind, ownerId);
  const after = page.after === null ? null : trashKey(page.after.purgeAt, page.after.id);
  const items: Contact[] = [];
  let more = false;
  for (const cursor = keys?.cursor(after); cursor?.key !== undefined; cursor.next()) {
    if (items.length === page.limit) {
      more = true;
      break;
    }
    items.push(table.get(cursor.value) as Contact);
  }
  const last = items.at(-1);
  const next: TrashPosition | null =
    more && last?.trash ? { purgeAt: last.trash.purgeAt, id: last.id } : null;
  return { items, next };
}
