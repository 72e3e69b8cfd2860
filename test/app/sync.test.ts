import { describe, expect, it } from "vitest";
import type { Contact, ContactId, LinkedContact, MemberId, PartnerbookEvent } from "../../src/index.js";
import { aMember, anOrganisation, aWorld, twoLinkableMembers, type World } from "../support/builders.js";
import { everyEvent } from "../support/events.js";

type SyncedEvent = Extract<PartnerbookEvent, { type: "contacts_synced" }>;

/**
 * Lee (Globex) is in the books of three owners: Sato and Tanaka (Acme) and Suzuki (Initech).
 * Kim (Globex) is in Sato's book; Sato is in Lee's.
 */
async function aSyncScene() {
  const world = aWorld();
  const { acme, globex, sato, lee } = await twoLinkableMembers(world);
  const tanaka = await aMember(world, acme, { displayName: "田中 一郎" });
  const initech = await anOrganisation(world, { name: "Initech" });
  const suzuki = await aMember(world, initech, { displayName: "鈴木 次郎" });
  const kim = await aMember(world, globex, { displayName: "Kim Ji", nickname: "ジ" });
  const ofLee: { owner: MemberId; id: ContactId }[] = [];
  for (const owner of [sato, tanaka, suzuki]) {
    const { contact } = await world.book.contacts.addFromSearch(owner.id, lee.id);
    ofLee.push({ owner: owner.id, id: contact.id });
  }
  const kimAtSato = (await world.book.contacts.addFromSearch(sato.id, kim.id)).contact;
  const satoAtLee = (await world.book.contacts.addFromSearch(lee.id, sato.id)).contact;
  return { world, acme, globex, initech, sato, tanaka, suzuki, lee, kim, ofLee, kimAtSato, satoAtLee };
}

const syncedOf = (contact: Contact) => (contact as LinkedContact).synced;

async function listed(world: World, owner: MemberId, id: ContactId): Promise<Contact | undefined> {
  const page = await world.book.contacts.list(owner, { limit: 200 });
  return page.items.find((entry) => entry.contact.id === id)?.contact;
}

async function syncEvents(world: World): Promise<SyncedEvent[]> {
  return (await everyEvent(world)).filter((event): event is SyncedEvent => event.type === "contacts_synced");
}

describe("R23: linked contacts follow the external user's profile", () => {
  it("R23: a new nickname and photo show on every owner's linked contact, by get and by list", async () => {
    const { world, lee, ofLee } = await aSyncScene();
    await world.book.members.updateProfile(lee.id, {
      nickname: "ミンさん",
      photoUrl: "https://example.com/lee-2026.png",
    });
    for (const { owner, id } of ofLee) {
      const expected = {
        nickname: "ミンさん",
        company: "Globex",
        photoUrl: "https://example.com/lee-2026.png",
      };
      expect(syncedOf(await world.book.contacts.get(owner, id))).toEqual(expected);
      expect(syncedOf((await listed(world, owner, id)) as Contact)).toEqual(expected);
    }
  });

  it("R23: clearing the nickname and the photo clears them on every linked contact", async () => {
    const { world, lee, ofLee } = await aSyncScene();
    await world.book.members.updateProfile(lee.id, { photoUrl: "https://example.com/lee.png" });
    await world.book.members.updateProfile(lee.id, { nickname: null, photoUrl: null });
    for (const { owner, id } of ofLee) {
      expect(syncedOf(await world.book.contacts.get(owner, id))).toEqual({
        nickname: null,
        company: "Globex",
        photoUrl: null,
      });
    }
  });

  it("R23: every change is followed, the latest one wins", async () => {
    const { world, lee, ofLee } = await aSyncScene();
    for (const nickname of ["ミン", "みんちゃん", "Minnie"]) {
      await world.book.members.updateProfile(lee.id, { nickname });
    }
    for (const { owner, id } of ofLee) {
      expect(syncedOf(await world.book.contacts.get(owner, id)).nickname).toBe("Minnie");
    }
  });

  it("R23: only the contacts pointing at the changed user follow; others keep their profile", async () => {
    const { world, sato, lee, kimAtSato, satoAtLee } = await aSyncScene();
    await world.book.members.updateProfile(lee.id, { nickname: "ミン" });
    expect(syncedOf(await world.book.contacts.get(sato.id, kimAtSato.id))).toEqual(syncedOf(kimAtSato));
    // Sync is one-way: Lee's own book is not Lee's profile.
    expect(syncedOf(await world.book.contacts.get(lee.id, satoAtLee.id))).toEqual(syncedOf(satoAtLee));
  });

  it("R23: an organisation rename changes the company on every linked contact of its members", async () => {
    const { world, globex, sato, ofLee, kimAtSato } = await aSyncScene();
    await world.book.organisations.rename(globex.admin.id, globex.organisation.id, "グローベックス株式会社");
    for (const { owner, id } of [...ofLee, { owner: sato.id, id: kimAtSato.id }]) {
      expect(syncedOf(await world.book.contacts.get(owner, id)).company).toBe("グローベックス株式会社");
      expect(syncedOf((await listed(world, owner, id)) as Contact).company).toBe("グローベックス株式会社");
    }
  });

  it("R23: a rename leaves linked contacts of other organisations' members and customer contacts alone", async () => {
    const { world, globex, sato, lee, satoAtLee } = await aSyncScene();
    const typedIn = await world.book.contacts.addCustomer(sato.id, {
      familyName: "Lee",
      company: "Globex",
      emails: [{ address: "lee@globex.example" }],
    });
    await world.book.organisations.rename(globex.admin.id, globex.organisation.id, "Globex Japan");
    expect(syncedOf(await world.book.contacts.get(lee.id, satoAtLee.id)).company).toBe("Acme");
    expect(await world.book.contacts.get(sato.id, typedIn.id)).toEqual(typedIn);
  });

  it("R24: a profile or company change never touches the owners' own fields or groups", async () => {
    const { world, globex, sato, lee, ofLee } = await aSyncScene();
    const project = await world.book.groups.create(sato.id, { name: "案件C" });
    const before: Contact[] = [];
    for (const { owner, id } of ofLee) {
      const contact = await world.book.contacts.get(owner, id);
      before.push(
        await world.book.contacts.edit(
          owner,
          id,
          {
            familyName: "李",
            givenName: "敏",
            familyNameReading: "り",
            memo: `${owner} のメモ`,
            phones: [{ number: "090-1234-5678" }],
            ...(owner === sato.id ? { groups: [project.id] } : {}),
          },
          { expectedVersion: contact.version },
        ),
      );
    }
    await world.book.members.updateProfile(lee.id, {
      displayName: "Lee Min-ho",
      familyName: "Lee",
      givenName: "Min-ho",
      nickname: "ミノ",
      photoUrl: "https://example.com/minho.png",
      mobilePhone: "080-9999-0000",
      email: "minho@globex.example",
    });
    await world.book.organisations.rename(globex.admin.id, globex.organisation.id, "Globex Holdings");
    for (const [index, { owner, id }] of ofLee.entries()) {
      const after = await world.book.contacts.get(owner, id);
      const was = before[index] as Contact;
      expect(after.fields).toEqual(was.fields);
      expect(after.groups).toEqual(was.groups);
      expect(after.sharing).toEqual(was.sharing);
      expect(syncedOf(after)).toEqual({
        nickname: "ミノ",
        company: "Globex Holdings",
        photoUrl: "https://example.com/minho.png",
      });
    }
  });

  it("R25: sync does not change a contact's version, so an edit read before a sync still applies", async () => {
    const { world, globex, lee, ofLee } = await aSyncScene();
    const { owner, id } = ofLee[0] as { owner: MemberId; id: ContactId };
    const read = await world.book.contacts.get(owner, id);
    await world.book.members.updateProfile(lee.id, {
      nickname: "ミン",
      photoUrl: "https://example.com/m.png",
    });
    await world.book.organisations.rename(globex.admin.id, globex.organisation.id, "Globex KK");
    for (const entry of ofLee) {
      expect((await world.book.contacts.get(entry.owner, entry.id)).version).toBe(read.version);
    }
    const edited = await world.book.contacts.edit(
      owner,
      id,
      { memo: "同期後" },
      { expectedVersion: read.version },
    );
    expect(edited.version).toBe(read.version + 1);
    expect(syncedOf(edited)).toEqual({
      nickname: "ミン",
      company: "Globex KK",
      photoUrl: "https://example.com/m.png",
    });
  });

  it("R23: a profile change outside nickname and photo syncs nothing", async () => {
    const { world, lee, ofLee } = await aSyncScene();
    const before = await Promise.all(ofLee.map(({ owner, id }) => world.book.contacts.get(owner, id)));
    await world.book.members.updateProfile(lee.id, {
      displayName: "Lee M.",
      familyName: "Lee",
      email: "lee@globex.example",
    });
    const after = await Promise.all(ofLee.map(({ owner, id }) => world.book.contacts.get(owner, id)));
    expect(after).toEqual(before);
    expect(await syncEvents(world)).toEqual([]);
  });
});

describe("R23, R32: contacts in the trash are synced too", () => {
  it("R23: a trashed contact follows a profile change while in the trash", async () => {
    const { world, lee, ofLee } = await aSyncScene();
    const { owner, id } = ofLee[0] as { owner: MemberId; id: ContactId };
    await world.book.trash.delete(owner, id);
    await world.book.members.updateProfile(lee.id, {
      nickname: "ゴミ箱の中でも",
      photoUrl: "https://example.com/t.png",
    });
    const { items } = await world.book.trash.list(owner);
    const inTrash = items.find((entry) => entry.contact.id === id)?.contact as Contact;
    expect(syncedOf(inTrash)).toMatchObject({
      nickname: "ゴミ箱の中でも",
      photoUrl: "https://example.com/t.png",
    });
  });

  it("R32: a contact trashed before a profile change and a rename is current once restored", async () => {
    const { world, globex, lee, ofLee } = await aSyncScene();
    const { owner, id } = ofLee[1] as { owner: MemberId; id: ContactId };
    const { contact: trashed } = await world.book.trash.delete(owner, id);
    await world.book.members.updateProfile(lee.id, {
      nickname: "ミン",
      photoUrl: "https://example.com/r.png",
    });
    await world.book.organisations.rename(globex.admin.id, globex.organisation.id, "Globex Asia");
    const restored = await world.book.trash.restore(owner, id);
    expect(syncedOf(restored)).toEqual({
      nickname: "ミン",
      company: "Globex Asia",
      photoUrl: "https://example.com/r.png",
    });
    expect(restored.fields).toEqual(trashed.fields);
    expect(await world.book.contacts.get(owner, id)).toEqual(restored);
  });

  it("R35: a sync counts the trashed contacts it reached", async () => {
    const { world, lee, ofLee } = await aSyncScene();
    const { owner, id } = ofLee[2] as { owner: MemberId; id: ContactId };
    await world.book.trash.delete(owner, id);
    await world.book.members.updateProfile(lee.id, { nickname: "ミン" });
    const [event] = await syncEvents(world);
    expect(event).toMatchObject({ count: ofLee.length });
  });
});

describe("R28: the book query sees the synced values at once", () => {
  it("R28: right after a rename, a query for the new company name finds the linked contact", async () => {
    const { world, globex, sato, ofLee, kimAtSato } = await aSyncScene();
    const { id } = ofLee[0] as { owner: MemberId; id: ContactId };
    await world.book.organisations.rename(globex.admin.id, globex.organisation.id, "Wayne Enterprises");
    const found = await world.book.contacts.list(sato.id, { query: "wayne" });
    expect(found.items.map((entry) => entry.contact.id).sort()).toEqual([id, kimAtSato.id].sort());
    const stale = await world.book.contacts.list(sato.id, { query: "Globex" });
    expect(stale.items).toEqual([]);
  });

  it("R28: a renamed company is found Japanese-aware (katakana name, hiragana and half-width queries)", async () => {
    const { world, globex, sato, ofLee, kimAtSato } = await aSyncScene();
    await world.book.organisations.rename(globex.admin.id, globex.organisation.id, "グローベックス");
    const wanted = [(ofLee[0] as { id: ContactId }).id, kimAtSato.id].sort();
    for (const query of ["ぐろーべっくす", "グローベックス", "ｸﾞﾛｰﾍﾞｯｸｽ"]) {
      const page = await world.book.contacts.list(sato.id, { query });
      expect(page.items.map((entry) => entry.contact.id).sort()).toEqual(wanted);
    }
  });

  it("R28: a query for a new nickname finds the linked contact right after the profile change", async () => {
    const { world, lee, sato, ofLee } = await aSyncScene();
    await world.book.members.updateProfile(lee.id, { nickname: "ミンミン" });
    const page = await world.book.contacts.list(sato.id, { query: "みんみん" });
    expect(page.items.map((entry) => entry.contact.id)).toEqual([(ofLee[0] as { id: ContactId }).id]);
  });
});

describe("R35: sync events", () => {
  it("R35: a profile change records contacts_synced with the user, the fields and the count", async () => {
    const { world, globex, lee, ofLee } = await aSyncScene();
    await world.book.members.updateProfile(lee.id, {
      nickname: "ミン",
      photoUrl: "https://example.com/e.png",
    });
    const events = await syncEvents(world);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorId: lee.id,
      targetMemberId: lee.id,
      // Logged in the organisation of the profile that changed: Lee's.
      organisationId: globex.organisation.id,
      count: ofLee.length,
    });
    expect([...(events[0] as SyncedEvent).fields].sort()).toEqual(["nickname", "photoUrl"]);
  });

  it("R35: the synced event names only the fields that changed", async () => {
    const { world, lee } = await aSyncScene();
    await world.book.members.updateProfile(lee.id, { photoUrl: "https://example.com/only-photo.png" });
    const [event] = await syncEvents(world);
    expect(event?.fields).toEqual(["photoUrl"]);
  });

  it("R35: a rename records contacts_synced for the organisation with the count of its members' contacts", async () => {
    const { world, globex, ofLee } = await aSyncScene();
    await world.book.organisations.rename(globex.admin.id, globex.organisation.id, "Globex 2");
    const events = await syncEvents(world);
    expect(events).toEqual([
      expect.objectContaining({
        actorId: globex.admin.id,
        targetMemberId: null,
        organisationId: globex.organisation.id,
        fields: ["company"],
        count: ofLee.length + 1,
      }),
    ]);
  });

  it("R35: a change nobody is linked to, or a rename to the same name, records no contacts_synced", async () => {
    const { world, globex, initech, kim } = await aSyncScene();
    const loner = await aMember(world, initech);
    await world.book.members.updateProfile(loner.id, { nickname: "ひとり" });
    await world.book.organisations.rename(globex.admin.id, globex.organisation.id, "Globex");
    await world.book.members.updateProfile(kim.id, { nickname: "ジ" });
    expect(await syncEvents(world)).toEqual([]);
  });

  it("R35: the synced event carries no profile values", async () => {
    const { world, lee } = await aSyncScene();
    await world.book.members.updateProfile(lee.id, {
      nickname: "秘密のあだ名",
      photoUrl: "https://example.com/private.png",
    });
    const log = JSON.stringify(await syncEvents(world));
    expect(log).not.toContain("秘密のあだ名");
    expect(log).not.toContain("private.png");
  });
});
