import fc from "fast-check";
import type { ContactPatchInput, Sharing } from "../../../src/index.js";
import type { FieldPatch, SyncedTouch } from "../model.js";
import { expect } from "./expect.js";
import { sortedIds, wholeBook } from "./invariants.js";
import { agreed, attempt } from "./outcomes.js";
import {
  actorFor,
  actorOf,
  always,
  anyContact,
  canPick,
  contactPick,
  inTrash,
  isLive,
  memberIndex,
  mostly,
  mostlyOwner,
  pickContact,
  Step,
  versionFor,
} from "./picks.js";

// Commands on contacts: edit, share, trash, view, find (R24–R34).

// R24, R25, R27: the owner (or a co-editor, or someone refused) edits owner fields on the current (or a stale)
// version, sometimes naming a synced field or a customer's profile.
export const edit = fc
  .record({
    actor: mostlyOwner,
    pick: contactPick,
    patch: fc.record(
      {
        familyName: fc.constantFrom(null, "佐藤", "Lee", "Gibbons"),
        memo: fc.constantFrom("", "call back on Monday", "会議 3/4"),
        tags: fc.constantFrom([], ["vip"], ["vip", "jp"]),
      },
      { requiredKeys: [] },
    ),
    touch: fc.constantFrom<SyncedTouch>("none", "none", "none", "none", "nickname", "profile.company"),
    company: fc.constantFrom(null, "Umbrella", "株式会社アンブレラ"),
    stale: mostly(false),
  })
  .map(
    (p) =>
      new Step(`contacts.edit(${JSON.stringify(p)})`, canPick(p.pick, isLive), async (model, { book }) => {
        const id = pickContact(model, p.pick, isLive);
        const actor = actorFor(model, id, p.actor);
        const expectedVersion = versionFor(model, id, p.stale);
        const patch: FieldPatch = p.patch;
        const input = {
          ...p.patch,
          ...(p.patch.tags === undefined ? {} : { tags: [...p.patch.tags] }),
          ...(p.touch === "nickname" ? { nickname: "Nick" } : {}),
          ...(p.touch === "profile.company" ? { profile: { company: p.company } } : {}),
          // R25: naming a synced field does not compile; the point here is the refusal at run time.
        } as unknown as ContactPatchInput;
        const expected = model.edit(actor, id, patch, p.touch, p.company, expectedVersion);
        const actual = await attempt(() =>
          book.contacts.edit(model.member(actor).id, id, input, { expectedVersion }),
        );
        const both = agreed("contacts.edit", actual, expected);
        if (both === null) return;
        if (both.expected.changed) model.commitEdit(id, both.expected.fields, both.expected.profile);
        const stored = model.contact(id);
        if (stored === undefined) throw new Error("an edited contact vanished from the model");
        expect(both.actual, "the edited contact").toEqual(model.expectedContact(stored));
      }),
  );

// R27: the owner (or someone else) shares a contact with the organisation, or takes it back.
export const share = fc
  .record({
    actor: mostlyOwner,
    pick: contactPick,
    visibility: fc.constantFrom("organisation" as const, "private" as const),
    coEditing: fc.boolean(),
    stale: mostly(false),
  })
  .map(
    (p) =>
      new Step(`contacts.share(${JSON.stringify(p)})`, canPick(p.pick, isLive), async (model, { book }) => {
        const id = pickContact(model, p.pick, isLive);
        const actor = actorFor(model, id, p.actor);
        const expectedVersion = versionFor(model, id, p.stale);
        const sharing: Sharing = { visibility: p.visibility, coEditing: p.coEditing };
        const expected = model.share(actor, id, sharing, expectedVersion);
        const actual = await attempt(() =>
          book.contacts.share(
            model.member(actor).id,
            id,
            { visibility: p.visibility, coEditing: p.coEditing },
            { expectedVersion },
          ),
        );
        const both = agreed("contacts.share", actual, expected);
        if (both === null) return;
        if (both.expected.changed) model.commitShare(id, sharing);
        const stored = model.contact(id);
        if (stored === undefined) throw new Error("a shared contact vanished from the model");
        expect(both.actual, "the shared contact").toEqual(model.expectedContact(stored));
      }),
  );

// R30, R31: the owner (or someone else) deletes a contact into the trash.
export const trashDelete = fc.record({ actor: mostlyOwner, pick: contactPick }).map(
  (p) =>
    new Step(`trash.delete(${JSON.stringify(p)})`, canPick(p.pick, isLive), async (model, { book }) => {
      const id = pickContact(model, p.pick, isLive);
      const actor = actorFor(model, id, p.actor);
      const expected = model.trashDelete(actor, id);
      const actual = await attempt(() => book.trash.delete(model.member(actor).id, id));
      const both = agreed("trash.delete", actual, expected);
      if (both === null) return;
      model.commitDelete(id, both.expected);
      const stored = model.contact(id);
      if (stored === undefined) throw new Error("a deleted contact vanished from the model");
      expect(both.actual.contact, "the trashed contact").toEqual(model.expectedContact(stored));
      expect(both.actual.purgeAt).toEqual(both.expected.purgeAt);
      expect(both.actual.daysLeft).toBe(model.organisationOf(actor).trashRetentionDays);
    }),
);

// R32: the owner (or someone else) restores a contact from the trash.
export const restore = fc.record({ actor: mostlyOwner, pick: contactPick }).map(
  (p) =>
    new Step(`trash.restore(${JSON.stringify(p)})`, canPick(p.pick, inTrash), async (model, { book }) => {
      const id = pickContact(model, p.pick, inTrash);
      const actor = actorFor(model, id, p.actor);
      const expected = model.trashed(actor, id);
      const actual = await attempt(() => book.trash.restore(model.member(actor).id, id));
      const both = agreed("trash.restore", actual, expected);
      if (both === null) return;
      model.commitRestore(id);
      expect(both.actual, "R32: restored as it was, synced fields current").toEqual(
        model.expectedContact(both.expected),
      );
    }),
);

// R34: the owner (or someone else) deletes a contact from the trash for good.
export const purge = fc.record({ actor: mostlyOwner, pick: contactPick }).map(
  (p) =>
    new Step(`trash.purge(${JSON.stringify(p)})`, canPick(p.pick, inTrash), async (model, { book }) => {
      const id = pickContact(model, p.pick, inTrash);
      const actor = actorFor(model, id, p.actor);
      const expected = model.trashed(actor, id);
      const actual = await attempt(() => book.trash.purge(model.member(actor).id, id));
      if (agreed("trash.purge", actual, expected) !== null) model.commitPurge(id);
    }),
);

// R33: the clean-up job, in batches of any size.
export const purgeExpired = fc
  .record({ batchSize: fc.option(fc.constantFrom(1, 2, 500), { nil: undefined }) })
  .map(
    (p) =>
      new Step(`trash.purgeExpired(${JSON.stringify(p)})`, always, async (model, { book }) => {
        const removed = await book.trash.purgeExpired(
          p.batchSize === undefined ? undefined : { batchSize: p.batchSize },
        );
        expect(removed, "R33: every contact past retention, once").toBe(model.commitPurgeExpired());
      }),
  );

// R27, R31, R3, R5: anyone reads a contact and asks whether they can talk through it.
export const view = fc
  .record({ viewer: actorOf("colleague", "colleague", "anyone", "owner"), pick: contactPick })
  .map(
    (p) =>
      new Step(
        `contacts.get+talkAccess(${JSON.stringify(p)})`,
        canPick(p.pick, anyContact),
        async (model, { book }) => {
          const id = pickContact(model, p.pick, anyContact);
          const viewer = actorFor(model, id, p.viewer);
          const viewerId = model.member(viewer).id;
          const readable = model.reach(id, viewer, "refuse");
          const read = agreed("contacts.get", await attempt(() => book.contacts.get(viewerId, id)), readable);
          if (read !== null) expect(read.actual).toEqual(model.expectedContact(read.expected));
          const talkable = model.reach(id, viewer, "allow");
          const talk = agreed(
            "contacts.talkAccess",
            await attempt(() => book.contacts.talkAccess(viewerId, id)),
            talkable,
          );
          if (talk !== null) expect(talk.actual).toEqual(model.talkAccess(talk.expected, viewer));
        },
      ),
  );

// R26, R28: a member looks through one tab of their book for a name, a company, a nickname or
// a note — typed in another width or kana, or not at all (everything on the tab).
export const findInBook = fc
  .record({
    viewer: memberIndex,
    tab: fc.constantFrom("customers" as const, "external" as const),
    query: fc.constantFrom(
      "",
      "globex",
      "ＧＬＯＢＥＸ",
      "アクメ",
      "あくめ",
      "ミン",
      "suzu",
      "佐藤",
      "call back",
      "umbrella",
    ),
  })
  .map(
    (p) =>
      new Step(`contacts.list(${JSON.stringify(p)})`, always, async (model, { book }) => {
        const viewer = model.member(p.viewer).id;
        const found = await wholeBook(book, viewer, { tab: p.tab, query: p.query });
        expect(
          sortedIds(found.map((entry) => entry.contact.id)),
          `R26, R28: ${p.query} on the ${p.tab} tab`,
        ).toEqual(sortedIds(model.find(p.viewer, p.tab, p.query).map((contact) => contact.id)));
      }),
  );
