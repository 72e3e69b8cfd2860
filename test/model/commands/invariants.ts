import type { BookEntry, BookPageResult, MemberId, Partnerbook, TrashEntry } from "../../../src/index.js";
import { day, type Model } from "../model.js";
import { expect } from "./expect.js";
import { codeOf } from "./outcomes.js";

// What must hold after every step: the books, trashes and invitations equal the model's.

/** The whole book as `viewer` sees it, a few entries a page so that cursors are exercised. */
export async function wholeBook(
  book: Partnerbook,
  viewer: MemberId,
  query: { tab?: "customers" | "external"; query?: string } = {},
): Promise<BookEntry[]> {
  const entries: BookEntry[] = [];
  let cursor: string | null = null;
  do {
    const page: BookPageResult = await book.contacts.list(viewer, { ...query, limit: 3, cursor });
    entries.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return entries;
}

/** The whole trash of `owner`, two entries a page. */
async function wholeTrash(book: Partnerbook, owner: MemberId): Promise<TrashEntry[]> {
  const entries: TrashEntry[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: readonly TrashEntry[]; nextCursor: string | null } = await book.trash.list(owner, {
      limit: 2,
      cursor,
    });
    entries.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return entries;
}

export const sortedIds = (ids: Iterable<string>) => [...ids].sort();

/**
 * What must hold after every command:
 * - organisations and members are as the model says (policy, names, synced profile, versions);
 * - every contact the model says exists is readable by its owner — live ones by `get` and in
 *   the book, trashed ones in the trash — identical in owner fields, sharing, trash state and
 *   version, and (R23) with nickname, photo and company equal to the target's current profile;
 * - R26, R27: each member's book (paged in full) holds exactly the live contacts they own or
 *   that colleagues shared with the organisation, with the right `external` and `editable`;
 * - R15: among a member's own entries, no external user appears twice;
 * - R32: each trash lists exactly the owner's restorable contacts, soonest gone first;
 * - R33: nothing past retention is visible: not listed, not in the trash, `get` and
 *   `talkAccess` say NOT_FOUND — cleaned up or not; purged contacts likewise;
 * - R3, R5, R31: `talkAccess` for the owner is ok / linking_suspended / in_trash /
 *   customer_contact exactly as the model computes it.
 */
export async function checkInvariants(model: Model, book: Partnerbook): Promise<void> {
  for (const organisation of model.organisations) {
    // Read as one of its admins: only its own members may read an organisation.
    const admin = model.member(organisation.admins[0] ?? 0).id;
    expect(
      await book.organisations.get(admin, organisation.id),
      `organisation ${organisation.name}`,
    ).toMatchObject(model.expectedOrganisation(organisation.index));
  }
  for (const member of model.members) {
    // Read by a colleague (their organisation's first admin): members.get reads within one's organisation.
    const colleague = model.member(model.organisation(member.organisation).admins[0] ?? 0).id;
    expect(await book.members.get(colleague, member.id), `member ${member.worksId}`).toMatchObject(
      model.expectedMember(member.index),
    );

    const entries = await wholeBook(book, member.id);
    const expected = model.book(member.index);
    expect(
      sortedIds(entries.map((entry) => entry.contact.id)),
      `R26, R27, R33: the book of ${member.worksId}`,
    ).toEqual(sortedIds(expected.map((contact) => contact.id)));
    for (const entry of entries) {
      const contact = model.contact(entry.contact.id);
      if (contact === undefined)
        throw new Error(`listed contact ${entry.contact.id} is unknown to the model`);
      expect(entry.contact, `contact ${contact.id} in the book of ${member.worksId}`).toEqual(
        model.expectedContact(contact),
      );
      expect(entry.external, `R26: external mark of ${contact.id}`).toBe(contact.target !== null);
      expect(entry.editable, `R27: editable ${contact.id} for ${member.worksId}`).toBe(
        model.canEdit(contact, member.index),
      );
      if (contact.owner !== member.index) {
        expect(
          await book.contacts.talkAccess(member.id, contact.id),
          `R3, R5, R27: ${member.worksId} talks through ${contact.id}, shared with them`,
        ).toEqual(model.talkAccess(contact, member.index));
      }
    }
    const targets = entries.flatMap((entry) =>
      entry.contact.ownerId === member.id && entry.contact.kind === "linked"
        ? [entry.contact.targetMemberId]
        : [],
    );
    expect(new Set(targets).size, `R15: no external user twice in the book of ${member.worksId}`).toBe(
      targets.length,
    );

    const trash = await wholeTrash(book, member.id);
    const inTrash = model.trashOf(member.index);
    expect(
      trash.map((entry) => entry.contact.id),
      `R32, R33: the trash of ${member.worksId}`,
    ).toEqual(inTrash.map((contact) => contact.id));
    for (const [i, entry] of trash.entries()) {
      const contact = inTrash[i];
      if (contact?.trash == null) throw new Error("the model's trash holds a contact not in the trash");
      expect(entry.contact, `trashed contact ${contact.id}`).toEqual(model.expectedContact(contact));
      expect(entry.purgeAt).toEqual(contact.trash.purgeAt);
      expect(entry.daysLeft, `daysLeft of ${contact.id}`).toBe(
        Math.ceil((contact.trash.purgeAt.getTime() - model.now) / day),
      );
    }
  }

  for (const contact of model.contacts) {
    const owner = model.member(contact.owner).id;
    if (model.isGone(contact)) {
      expect(await codeOf(() => book.contacts.get(owner, contact.id)), `R33: ${contact.id} is gone`).toBe(
        "NOT_FOUND",
      );
      expect(
        await codeOf(() => book.contacts.talkAccess(owner, contact.id)),
        `R33: no talk through gone ${contact.id}`,
      ).toBe("NOT_FOUND");
      continue;
    }
    if (contact.trash === null) {
      const real = await book.contacts.get(owner, contact.id);
      if (real.kind === "linked" && contact.target !== null) {
        const target = model.member(contact.target);
        expect(real.synced, `R23: ${contact.id} follows ${target.worksId}`).toEqual({
          nickname: target.nickname,
          company: model.organisationOf(contact.target).name,
          photoUrl: target.photoUrl,
        });
      }
      expect(real, `the owner reads ${contact.id}`).toEqual(model.expectedContact(contact));
    } else {
      expect(
        await codeOf(() => book.contacts.get(owner, contact.id)),
        `R31: ${contact.id} is in the trash`,
      ).toBe("IN_TRASH");
    }
    expect(
      await book.contacts.talkAccess(owner, contact.id),
      `R3, R5, R31: talk through ${contact.id}`,
    ).toEqual(model.talkAccess(contact, contact.owner));
  }

  for (const gone of model.removed) {
    const owner = model.member(gone.owner).id;
    expect(await codeOf(() => book.contacts.get(owner, gone.id)), `R33, R34: ${gone.id} was purged`).toBe(
      "NOT_FOUND",
    );
  }
}
