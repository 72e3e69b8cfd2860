import { describe, expect, it } from "vitest";
import type {
  Contact,
  ContactId,
  Member,
  MemberId,
  NewCustomerInput,
  Organisation,
  PartnerbookEvent,
  Plan,
} from "../../src/index.js";
import { aWorld, type World } from "../support/builders.js";
import { everyEvent } from "../support/events.js";

const day = 86_400_000;

/** An organisation with its admin, created with an explicit trash retention when given. */
async function anOrganisationKeeping(
  world: World,
  name: string,
  options: { retentionDays?: number; plan?: Plan } = {},
): Promise<{ organisation: Organisation; admin: Member }> {
  return world.book.organisations.create({
    name,
    plan: options.plan ?? "free",
    ...(options.retentionDays === undefined ? {} : { trashRetentionDays: options.retentionDays }),
    admin: { worksId: `${name.toLowerCase()}-admin`, displayName: `${name} Admin` },
  });
}

/**
 * Acme (sato, the owner, and kato, a colleague) and Globex (lee, the external user sato adds,
 * and mori, an outsider to Acme). Sato's contact for lee is in `contact`.
 */
async function aTrashWorld(options: { retentionDays?: number; plan?: Plan } = {}) {
  const world = aWorld();
  const acme = await anOrganisationKeeping(world, "Acme", options);
  const globex = await anOrganisationKeeping(world, "Globex");
  const create = (org: { admin: Member }, worksId: string, displayName: string, nickname?: string) =>
    world.book.members.create(org.admin.id, {
      worksId,
      displayName,
      ...(nickname === undefined ? {} : { nickname }),
    });
  const sato = await create(acme, "sato", "佐藤 花子");
  const kato = await create(acme, "kato", "加藤 健");
  const lee = await create(globex, "lee", "Lee Min", "Min");
  const mori = await create(globex, "mori", "森 真");
  const { contact } = await world.book.contacts.addFromSearch(sato.id, lee.id);
  return { world, acme, globex, sato, kato, lee, mori, contact };
}

let customerCount = 0;
const aCustomer = (overrides: Partial<NewCustomerInput> = {}): NewCustomerInput => ({
  familyName: `Customer ${++customerCount}`,
  emails: [{ address: `customer${customerCount}@example.com` }],
  ...overrides,
});

/** Shares the contact with everyone in the owner's organisation. */
async function shareWithOrganisation(world: World, owner: MemberId, contact: Contact, coEditing = false) {
  return world.book.contacts.share(
    owner,
    contact.id,
    { visibility: "organisation", coEditing },
    { expectedVersion: contact.version },
  );
}

const listed = async (world: World, actor: MemberId, tab: "customers" | "external" = "customers") =>
  (await world.book.contacts.list(actor, { tab })).items.map((entry) => entry.contact.id);

const trashed = async (world: World, actor: MemberId) =>
  (await world.book.trash.list(actor)).items.map((entry) => entry.contact.id);

const storedIds = (world: World) => world.store.snapshot().contacts.map((contact) => contact.id);

async function eventsOf<T extends PartnerbookEvent["type"]>(
  world: World,
  type: T,
): Promise<Extract<PartnerbookEvent, { type: T }>[]> {
  const events = await everyEvent(world);
  return events.filter((event): event is Extract<PartnerbookEvent, { type: T }> => event.type === type);
}

describe("R30: only the owner deletes", () => {
  it("R30: the owner's delete moves the contact to the trash, restorable for 30 days", async () => {
    const { world, sato, contact } = await aTrashWorld();
    const now = world.clock.now();
    const entry = await world.book.trash.delete(sato.id, contact.id);
    const purgeAt = new Date(now.getTime() + 30 * day);
    expect(entry.purgeAt).toEqual(purgeAt);
    expect(entry.daysLeft).toBe(30);
    expect(entry.contact.trash).toEqual({ trashedAt: now, purgeAt });
    expect(entry.contact.version).toBe(contact.version + 1);
    expect(world.store.snapshot().contacts.find((stored) => stored.id === contact.id)?.trash).toEqual({
      trashedAt: now,
      purgeAt,
    });
  });

  it("R30: a co-editor of a shared contact may edit it but not delete it (NOT_PERMITTED), and nothing changes", async () => {
    const { world, sato, kato, contact } = await aTrashWorld();
    const shared = await shareWithOrganisation(world, sato.id, contact, true);
    const edited = await world.book.contacts.edit(
      kato.id,
      contact.id,
      { memo: "met at the fair" },
      { expectedVersion: shared.version },
    );
    expect(edited.fields.memo).toBe("met at the fair");
    const before = world.store.snapshot();
    await expect(world.book.trash.delete(kato.id, contact.id)).rejects.toMatchObject({
      name: "PartnerbookError",
      code: "NOT_PERMITTED",
    });
    expect(world.store.snapshot()).toEqual(before);
    expect(await listed(world, kato.id)).toEqual([contact.id]);
  });

  it("R30: an admin of the owner's organisation cannot delete a member's shared contact either", async () => {
    const { world, acme, sato, contact } = await aTrashWorld();
    await shareWithOrganisation(world, sato.id, contact, true);
    const before = world.store.snapshot();
    await expect(world.book.trash.delete(acme.admin.id, contact.id)).rejects.toMatchObject({
      code: "NOT_PERMITTED",
    });
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R30: someone who cannot see the contact gets NOT_FOUND — an outsider, or a colleague it is not shared with — and nothing changes", async () => {
    const { world, sato, kato, lee, mori, contact } = await aTrashWorld();
    const before = world.store.snapshot();
    for (const actor of [mori.id, lee.id, kato.id]) {
      await expect(world.book.trash.delete(actor, contact.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    await shareWithOrganisation(world, sato.id, contact, true);
    const shared = world.store.snapshot();
    await expect(world.book.trash.delete(mori.id, contact.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(world.store.snapshot()).toEqual(shared);
    expect(before.contacts[0]?.trash).toBeNull();
    expect(shared.contacts[0]?.trash).toBeNull();
  });

  it("R30: deleting a contact that does not exist is NOT_FOUND", async () => {
    const { world, sato } = await aTrashWorld();
    await expect(world.book.trash.delete(sato.id, "con_nope" as ContactId)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("R31: while in the trash", () => {
  it("R31: the contact is in none of its owner's lists, and get says IN_TRASH with the contact id", async () => {
    const { world, sato, contact } = await aTrashWorld();
    const customer = await world.book.contacts.addCustomer(sato.id, aCustomer());
    expect(await listed(world, sato.id, "external")).toEqual([contact.id]);
    await world.book.trash.delete(sato.id, contact.id);
    expect(await listed(world, sato.id, "customers")).toEqual([customer.id]);
    expect(await listed(world, sato.id, "external")).toEqual([]);
    await expect(world.book.contacts.get(sato.id, contact.id)).rejects.toMatchObject({
      code: "IN_TRASH",
      details: { contactId: contact.id },
    });
  });

  it("R31: talk and history are off through a trashed contact, and come back on restore", async () => {
    const { world, sato, contact } = await aTrashWorld();
    expect(await world.book.contacts.talkAccess(sato.id, contact.id)).toEqual({
      canTalk: true,
      canViewHistory: true,
      reason: "ok",
    });
    await world.book.trash.delete(sato.id, contact.id);
    expect(await world.book.contacts.talkAccess(sato.id, contact.id)).toEqual({
      canTalk: false,
      canViewHistory: false,
      reason: "in_trash",
    });
    await world.book.trash.restore(sato.id, contact.id);
    expect((await world.book.contacts.talkAccess(sato.id, contact.id)).canTalk).toBe(true);
  });

  it("R31: members it was shared with no longer see it — not listed, get and talkAccess NOT_FOUND, not in their trash", async () => {
    const { world, acme, sato, kato, contact } = await aTrashWorld();
    await shareWithOrganisation(world, sato.id, contact);
    expect(await listed(world, kato.id)).toEqual([contact.id]);
    expect(await listed(world, acme.admin.id, "external")).toEqual([contact.id]);
    await world.book.trash.delete(sato.id, contact.id);
    for (const sharer of [kato.id, acme.admin.id]) {
      expect(await listed(world, sharer)).toEqual([]);
      expect(await listed(world, sharer, "external")).toEqual([]);
      await expect(world.book.contacts.get(sharer, contact.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(world.book.contacts.talkAccess(sharer, contact.id)).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
      expect(await trashed(world, sharer)).toEqual([]);
    }
  });

  it("R31: a contact shared with listed members and groups is hidden from them too", async () => {
    const { world, acme, sato, kato, contact } = await aTrashWorld();
    const group = await world.book.groups.create(sato.id, { name: "Project X", members: [acme.admin.id] });
    const grouped = await world.book.contacts.edit(
      sato.id,
      contact.id,
      { groups: [group.id] },
      { expectedVersion: contact.version },
    );
    await world.book.contacts.share(
      sato.id,
      contact.id,
      { visibility: "members", members: [kato.id], groups: [group.id] },
      { expectedVersion: grouped.version },
    );
    const inGroup = async (actor: MemberId) =>
      (await world.book.contacts.list(actor, { group: group.id })).items.map((entry) => entry.contact.id);
    expect(await listed(world, kato.id)).toEqual([contact.id]);
    expect(await listed(world, acme.admin.id)).toEqual([contact.id]);
    expect(await inGroup(sato.id)).toEqual([contact.id]);
    expect(await inGroup(acme.admin.id)).toEqual([contact.id]);
    await world.book.trash.delete(sato.id, contact.id);
    expect(await listed(world, kato.id)).toEqual([]);
    expect(await listed(world, acme.admin.id)).toEqual([]);
    expect(await inGroup(sato.id)).toEqual([]);
    expect(await inGroup(acme.admin.id)).toEqual([]);
  });

  it("R31: a co-editor cannot edit or share a trashed contact (NOT_FOUND); the owner gets IN_TRASH", async () => {
    const { world, sato, kato, contact } = await aTrashWorld();
    const shared = await shareWithOrganisation(world, sato.id, contact, true);
    const { contact: inTrash } = await world.book.trash.delete(sato.id, contact.id);
    const before = world.store.snapshot();
    await expect(
      world.book.contacts.edit(kato.id, contact.id, { memo: "x" }, { expectedVersion: inTrash.version }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      world.book.contacts.edit(sato.id, contact.id, { memo: "x" }, { expectedVersion: inTrash.version }),
    ).rejects.toMatchObject({ code: "IN_TRASH" });
    await expect(
      world.book.contacts.share(
        sato.id,
        contact.id,
        { visibility: "private" },
        { expectedVersion: inTrash.version },
      ),
    ).rejects.toMatchObject({ code: "IN_TRASH" });
    expect(world.store.snapshot()).toEqual(before);
    expect(shared.sharing.visibility).toBe("organisation");
  });

  it("R31: deleting a contact already in the trash is IN_TRASH and does not move its purgeAt", async () => {
    const { world, sato, contact } = await aTrashWorld();
    const first = await world.book.trash.delete(sato.id, contact.id);
    world.clock.advance(5 * day);
    const before = world.store.snapshot();
    await expect(world.book.trash.delete(sato.id, contact.id)).rejects.toMatchObject({
      code: "IN_TRASH",
      details: { contactId: contact.id },
    });
    expect(world.store.snapshot()).toEqual(before);
    expect((await world.book.trash.list(sato.id)).items[0]?.purgeAt).toEqual(first.purgeAt);
  });

  it("R32: trash.list shows the owner's trashed contact with its purgeAt and the days left", async () => {
    const { world, sato, contact } = await aTrashWorld();
    const deletedAt = world.clock.now();
    expect(await trashed(world, sato.id)).toEqual([]);
    await world.book.trash.delete(sato.id, contact.id);
    const purgeAt = new Date(deletedAt.getTime() + 30 * day);
    const first = await world.book.trash.list(sato.id);
    expect(first.nextCursor).toBeNull();
    expect(first.items).toHaveLength(1);
    expect(first.items[0]).toMatchObject({ purgeAt, daysLeft: 30, contact: { id: contact.id } });
    world.clock.advance(10 * day + 1);
    expect((await world.book.trash.list(sato.id)).items[0]?.daysLeft).toBe(20);
    world.clock.set(new Date(purgeAt.getTime() - 1));
    expect((await world.book.trash.list(sato.id)).items[0]?.daysLeft).toBe(1);
  });
});

describe("R32: restore", () => {
  it("R32: restore by the owner brings back fields, groups and sharing exactly", async () => {
    const { world, acme, sato, kato, contact } = await aTrashWorld();
    const group = await world.book.groups.create(sato.id, { name: "Project X", members: [acme.admin.id] });
    const edited = await world.book.contacts.edit(
      sato.id,
      contact.id,
      {
        familyName: "Lee",
        givenName: "Min",
        department: "Sales",
        phones: [{ label: "work", number: "03-1234-5678" }],
        emails: [{ address: "lee@globex.example" }],
        memo: "prefers mornings",
        tags: ["vip"],
        dates: [{ label: "birthday", date: "--05-17" }],
        groups: [group.id],
      },
      { expectedVersion: contact.version },
    );
    const before = await world.book.contacts.share(
      sato.id,
      contact.id,
      { visibility: "members", members: [kato.id], groups: [group.id], coEditing: true },
      { expectedVersion: edited.version },
    );
    await world.book.trash.delete(sato.id, contact.id);
    world.clock.advance(10 * day);
    const restored = await world.book.trash.restore(sato.id, contact.id);
    const now = world.clock.now();
    expect(restored).toEqual({ ...before, version: before.version + 2, updatedAt: now });
    expect(await world.book.contacts.get(sato.id, contact.id)).toEqual(restored);
    expect(await listed(world, sato.id)).toEqual([contact.id]);
    expect(await listed(world, kato.id)).toEqual([contact.id]);
    expect(await listed(world, acme.admin.id)).toEqual([contact.id]);
    expect((await world.book.contacts.list(sato.id, { group: group.id })).items).toHaveLength(1);
    expect(await trashed(world, sato.id)).toEqual([]);
  });

  it("R32: restore shows the synced fields of the current profile, changed while in the trash", async () => {
    const { world, globex, sato, lee, contact } = await aTrashWorld();
    expect(contact.kind === "linked" && contact.synced).toEqual({
      nickname: "Min",
      company: "Globex",
      photoUrl: null,
    });
    await world.book.trash.delete(sato.id, contact.id);
    await world.book.members.updateProfile(lee.id, {
      nickname: "Minnie",
      photoUrl: "https://img.example/lee.png",
    });
    await world.book.organisations.rename(globex.admin.id, globex.organisation.id, "Globex Japan");
    const restored = await world.book.trash.restore(sato.id, contact.id);
    expect(restored.kind).toBe("linked");
    expect(restored.kind === "linked" && restored.synced).toEqual({
      nickname: "Minnie",
      company: "Globex Japan",
      photoUrl: "https://img.example/lee.png",
    });
    expect(restored.fields).toEqual(contact.fields);
    expect(await world.book.contacts.get(sato.id, contact.id)).toEqual(restored);
  });

  it("R32: restore reads the synced fields from the profile itself, not from what the trashed copy holds", async () => {
    const { world, globex, sato, lee, contact } = await aTrashWorld();
    await world.book.trash.delete(sato.id, contact.id);
    // A profile change that reached the store without the sync fan-out (e.g. another writer):
    // the trashed copy still says "Min".
    const current = await world.book.members.get(globex.admin.id, lee.id);
    await world.store.transaction((tx) =>
      tx.members.update({ ...current, nickname: "Minnie", version: current.version + 1 }, current.version),
    );
    const restored = await world.book.trash.restore(sato.id, contact.id);
    expect(restored.kind === "linked" && restored.synced.nickname).toBe("Minnie");
  });

  it("R32: a customer contact comes back with its own profile untouched", async () => {
    const { world, sato } = await aTrashWorld();
    const customer = await world.book.contacts.addCustomer(
      sato.id,
      aCustomer({ nickname: "Taro", company: "Initech", memo: "call after 3pm" }),
    );
    await world.book.trash.delete(sato.id, customer.id);
    world.clock.advance(day);
    const restored = await world.book.trash.restore(sato.id, customer.id);
    expect(restored).toEqual({ ...customer, version: 3, updatedAt: world.clock.now() });
  });

  it("R32: restore on day 29 works", async () => {
    const { world, sato, contact } = await aTrashWorld();
    await world.book.trash.delete(sato.id, contact.id);
    world.clock.advance(29 * day);
    const restored = await world.book.trash.restore(sato.id, contact.id);
    expect(restored.trash).toBeNull();
    expect(await listed(world, sato.id)).toEqual([contact.id]);
  });

  it("R32: restore one millisecond before 30 × 24 h works", async () => {
    const { world, sato, contact } = await aTrashWorld();
    await world.book.trash.delete(sato.id, contact.id);
    world.clock.advance(30 * day - 1);
    expect((await world.book.trash.restore(sato.id, contact.id)).trash).toBeNull();
  });

  it("R33: restore at exactly 30 × 24 h is NOT_FOUND: the contact is gone", async () => {
    const { world, sato, contact } = await aTrashWorld();
    await world.book.trash.delete(sato.id, contact.id);
    world.clock.advance(30 * day);
    const before = world.store.snapshot();
    await expect(world.book.trash.restore(sato.id, contact.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R32: an organisation's retention of 7 days moves the boundary to 7 × 24 h", async () => {
    const { world, sato, contact } = await aTrashWorld({ retentionDays: 7 });
    const second = await world.book.contacts.addCustomer(sato.id, aCustomer());
    const deletedAt = world.clock.now();
    const entry = await world.book.trash.delete(sato.id, contact.id);
    await world.book.trash.delete(sato.id, second.id);
    expect(entry.purgeAt).toEqual(new Date(deletedAt.getTime() + 7 * day));
    expect(entry.daysLeft).toBe(7);
    world.clock.advance(7 * day - 1);
    expect((await world.book.trash.restore(sato.id, contact.id)).trash).toBeNull();
    world.clock.advance(1);
    await expect(world.book.trash.restore(sato.id, second.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("R32: the retention is the owner's organisation's, not the external user's", async () => {
    const { world, globex, sato, contact } = await aTrashWorld({ retentionDays: 3 });
    expect(globex.organisation.trashRetentionDays).toBe(30);
    const entry = await world.book.trash.delete(sato.id, contact.id);
    expect(entry.daysLeft).toBe(3);
  });

  it("R32: only the owner restores — a co-editor or an admin gets NOT_FOUND, and nothing changes", async () => {
    const { world, acme, sato, kato, mori, contact } = await aTrashWorld();
    await shareWithOrganisation(world, sato.id, contact, true);
    await world.book.trash.delete(sato.id, contact.id);
    const before = world.store.snapshot();
    for (const actor of [kato.id, acme.admin.id, mori.id]) {
      await expect(world.book.trash.restore(actor, contact.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R32: restoring a contact that is not in the trash is NOT_IN_TRASH, and nothing changes", async () => {
    const { world, sato, contact } = await aTrashWorld();
    const before = world.store.snapshot();
    await expect(world.book.trash.restore(sato.id, contact.id)).rejects.toMatchObject({
      code: "NOT_IN_TRASH",
      details: { contactId: contact.id },
    });
    expect(world.store.snapshot()).toEqual(before);
  });
});

describe("R16: restore within the contact limit", () => {
  it("R16: trashed contacts do not count; a restore past the free plan's 500 is LIMIT_REACHED and changes nothing", async () => {
    const { world, sato, contact } = await aTrashWorld();
    await world.book.trash.delete(sato.id, contact.id);
    const customers: Contact[] = [];
    for (let i = 0; i < 500; i++) customers.push(await world.book.contacts.addCustomer(sato.id, aCustomer()));
    await expect(world.book.contacts.addCustomer(sato.id, aCustomer())).rejects.toMatchObject({
      code: "LIMIT_REACHED",
    });
    const before = world.store.snapshot();
    await expect(world.book.trash.restore(sato.id, contact.id)).rejects.toMatchObject({
      code: "LIMIT_REACHED",
      details: { limit: 500 },
    });
    expect(world.store.snapshot()).toEqual(before);
    expect(await trashed(world, sato.id)).toEqual([contact.id]);
    await world.book.trash.delete(sato.id, (customers[0] as Contact).id);
    expect((await world.book.trash.restore(sato.id, contact.id)).trash).toBeNull();
  });
});

describe("R33: past purgeAt the contact is gone", () => {
  it("R33: exactly at purgeAt it is gone for every read, though purgeExpired has not run", async () => {
    const { world, sato, kato, contact } = await aTrashWorld();
    await shareWithOrganisation(world, sato.id, contact);
    const { purgeAt } = await world.book.trash.delete(sato.id, contact.id);
    world.clock.set(purgeAt);
    expect(storedIds(world)).toContain(contact.id);
    const before = world.store.snapshot();
    for (const read of [
      () => world.book.contacts.get(sato.id, contact.id),
      () => world.book.contacts.talkAccess(sato.id, contact.id),
      () => world.book.trash.restore(sato.id, contact.id),
      () => world.book.trash.purge(sato.id, contact.id),
      () => world.book.trash.delete(sato.id, contact.id),
      () => world.book.contacts.get(kato.id, contact.id),
    ]) {
      await expect(read()).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    expect(await listed(world, sato.id)).toEqual([]);
    expect(await listed(world, sato.id, "external")).toEqual([]);
    expect(await listed(world, kato.id)).toEqual([]);
    expect(await trashed(world, sato.id)).toEqual([]);
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R33: one millisecond before purgeAt it is still in the trash", async () => {
    const { world, sato, contact } = await aTrashWorld();
    const { purgeAt } = await world.book.trash.delete(sato.id, contact.id);
    world.clock.set(new Date(purgeAt.getTime() - 1));
    expect(await trashed(world, sato.id)).toEqual([contact.id]);
    await expect(world.book.contacts.get(sato.id, contact.id)).rejects.toMatchObject({ code: "IN_TRASH" });
  });

  it("R33: re-adding that person after purgeAt creates a fresh contact, nothing of the old one", async () => {
    const { world, sato, kato, lee, contact } = await aTrashWorld();
    const edited = await world.book.contacts.edit(
      sato.id,
      contact.id,
      { memo: "old memo", tags: ["old"] },
      { expectedVersion: contact.version },
    );
    await shareWithOrganisation(world, sato.id, edited, true);
    const { purgeAt } = await world.book.trash.delete(sato.id, contact.id);
    world.clock.set(new Date(purgeAt.getTime() + day));
    const again = await world.book.contacts.addFromSearch(sato.id, lee.id);
    expect(again.status).toBe("added");
    expect(again.contact).toMatchObject({
      kind: "linked",
      ownerId: sato.id,
      trash: null,
      groups: [],
      sharing: { visibility: "private", coEditing: false },
      createdAt: world.clock.now(),
    });
    expect(again.contact.fields.memo).toBeNull();
    expect(again.contact.fields.tags).toEqual([]);
    expect(await listed(world, sato.id)).toEqual([again.contact.id]);
    expect(await listed(world, kato.id)).toEqual([]);
    expect(await trashed(world, sato.id)).toEqual([]);
    expect(world.store.snapshot().contacts).toHaveLength(1);
  });

  it("R33: a customer contact past purgeAt is gone too", async () => {
    const { world, sato } = await aTrashWorld();
    const customer = await world.book.contacts.addCustomer(sato.id, aCustomer());
    const { purgeAt } = await world.book.trash.delete(sato.id, customer.id);
    world.clock.set(new Date(purgeAt.getTime() + 1));
    await expect(world.book.contacts.get(sato.id, customer.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(world.book.trash.restore(sato.id, customer.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await trashed(world, sato.id)).toEqual([]);
  });
});

describe("R34: purge from the trash", () => {
  it("R34: the owner's purge removes the contact from the store at once, for good", async () => {
    const { world, sato, lee, contact } = await aTrashWorld();
    await world.book.trash.delete(sato.id, contact.id);
    await world.book.trash.purge(sato.id, contact.id);
    expect(storedIds(world)).not.toContain(contact.id);
    expect(await trashed(world, sato.id)).toEqual([]);
    await expect(world.book.trash.restore(sato.id, contact.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(world.book.contacts.get(sato.id, contact.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(world.book.trash.purge(sato.id, contact.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const again = await world.book.contacts.addFromSearch(sato.id, lee.id);
    expect(again.status).toBe("added");
    expect(again.contact.id).not.toBe(contact.id);
  });

  it("R34: only the owner purges — a co-editor, an admin or an outsider gets NOT_FOUND, and nothing changes", async () => {
    const { world, acme, sato, kato, mori, contact } = await aTrashWorld();
    await shareWithOrganisation(world, sato.id, contact, true);
    await world.book.trash.delete(sato.id, contact.id);
    const before = world.store.snapshot();
    for (const actor of [kato.id, acme.admin.id, mori.id]) {
      await expect(world.book.trash.purge(actor, contact.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R34: a co-editor cannot purge a live shared contact (NOT_PERMITTED)", async () => {
    const { world, sato, kato, contact } = await aTrashWorld();
    await shareWithOrganisation(world, sato.id, contact, true);
    const before = world.store.snapshot();
    await expect(world.book.trash.purge(kato.id, contact.id)).rejects.toMatchObject({
      code: "NOT_PERMITTED",
    });
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R34: purging a contact that is not in the trash is NOT_IN_TRASH, and nothing changes", async () => {
    const { world, sato, contact } = await aTrashWorld();
    const before = world.store.snapshot();
    await expect(world.book.trash.purge(sato.id, contact.id)).rejects.toMatchObject({
      code: "NOT_IN_TRASH",
      details: { contactId: contact.id },
    });
    expect(world.store.snapshot()).toEqual(before);
    expect(await listed(world, sato.id)).toEqual([contact.id]);
  });
});

describe("R15: adding someone who is in the trash", () => {
  it("R15: re-adding a trashed person, by search or by QR, is IN_TRASH with the contact id, and changes nothing", async () => {
    const { world, sato, lee, contact } = await aTrashWorld();
    await world.book.trash.delete(sato.id, contact.id);
    const { token } = await world.book.qrCodes.mine(lee.id);
    const before = world.store.snapshot();
    await expect(world.book.contacts.addFromSearch(sato.id, lee.id)).rejects.toMatchObject({
      code: "IN_TRASH",
      details: { contactId: contact.id },
    });
    await expect(world.book.contacts.addFromQr(sato.id, token)).rejects.toMatchObject({
      code: "IN_TRASH",
      details: { contactId: contact.id },
    });
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R15: another member of the owner's organisation can still add the same person", async () => {
    const { world, sato, kato, lee, contact } = await aTrashWorld();
    await world.book.trash.delete(sato.id, contact.id);
    const added = await world.book.contacts.addFromSearch(kato.id, lee.id);
    expect(added.status).toBe("added");
    expect(added.contact.id).not.toBe(contact.id);
  });
});

describe("R33: purgeExpired", () => {
  /** Sato's contacts trashed on day 0, 5 and 10 (30-day retention), one live, and kato's on day 2. */
  async function aTrashOverTime() {
    const setup = await aTrashWorld();
    const { world, sato, kato } = setup;
    const add = (owner: MemberId) => world.book.contacts.addCustomer(owner, aCustomer());
    const [day0, day5, day10, live, katos] = [
      setup.contact,
      await add(sato.id),
      await add(sato.id),
      await add(sato.id),
      await add(kato.id),
    ];
    const start = world.clock.now().getTime();
    const deleteOn = async (owner: MemberId, contact: Contact, on: number) => {
      world.clock.set(new Date(start + on * day));
      await world.book.trash.delete(owner, contact.id);
    };
    await deleteOn(sato.id, day0, 0);
    await deleteOn(kato.id, katos, 2);
    await deleteOn(sato.id, day5, 5);
    await deleteOn(sato.id, day10, 10);
    return { ...setup, start, day0, day5, day10, live, katos };
  }

  it("R33: purgeExpired removes exactly the contacts whose purgeAt has come, and no other", async () => {
    const { world, start, day0, day5, day10, live, katos } = await aTrashOverTime();
    world.clock.set(new Date(start + 35 * day));
    expect(await world.book.trash.purgeExpired()).toBe(3);
    expect(storedIds(world).sort()).toEqual([day10.id, live.id].sort());
    const purged = await eventsOf(world, "contact_purged");
    expect(purged.map((event) => event.contactId).sort()).toEqual([day0.id, day5.id, katos.id].sort());
    for (const event of purged) {
      expect(event).toMatchObject({ reason: "expired", actorId: null, at: world.clock.now() });
    }
  });

  it("R33: before anything is due, purgeExpired removes nothing and records nothing", async () => {
    const { world, start } = await aTrashOverTime();
    world.clock.set(new Date(start + 30 * day - 1));
    const before = world.store.snapshot();
    expect(await world.book.trash.purgeExpired()).toBe(0);
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R33: purgeExpired is idempotent: a second run removes and records nothing", async () => {
    const { world, start, day10 } = await aTrashOverTime();
    world.clock.set(new Date(start + 35 * day));
    expect(await world.book.trash.purgeExpired()).toBe(3);
    const after = world.store.snapshot();
    expect(await world.book.trash.purgeExpired()).toBe(0);
    expect(world.store.snapshot()).toEqual(after);
    world.clock.set(new Date(start + 40 * day));
    expect(await world.book.trash.purgeExpired()).toBe(1);
    expect(storedIds(world)).not.toContain(day10.id);
  });

  it("R33: purgeExpired works through the due contacts in batches of any size", async () => {
    const { world, start } = await aTrashOverTime();
    world.clock.set(new Date(start + 40 * day));
    expect(await world.book.trash.purgeExpired({ batchSize: 1 })).toBe(4);
    expect(await eventsOf(world, "contact_purged")).toHaveLength(4);
    expect(await world.book.trash.purgeExpired({ batchSize: 1 })).toBe(0);
  });

  it("R33: a batch exactly the size of what is due still finishes", async () => {
    const { world, start } = await aTrashOverTime();
    world.clock.set(new Date(start + 35 * day));
    expect(await world.book.trash.purgeExpired({ batchSize: 3 })).toBe(3);
    expect(await eventsOf(world, "contact_purged")).toHaveLength(3);
  });

  it("R33: an invalid batchSize is VALIDATION, and nothing is removed", async () => {
    const { world, start } = await aTrashOverTime();
    world.clock.set(new Date(start + 40 * day));
    const before = world.store.snapshot();
    for (const batchSize of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      await expect(world.book.trash.purgeExpired({ batchSize })).rejects.toMatchObject({
        name: "PartnerbookError",
        code: "VALIDATION",
      });
    }
    await expect(world.book.trash.purgeExpired({ batchSize: "10" as never })).rejects.toMatchObject({
      code: "VALIDATION",
    });
    expect(world.store.snapshot()).toEqual(before);
  });
});

describe("R35: every step of the trash is an event", () => {
  it("R35: delete, restore and purge record contact_trashed (with purgeAt), contact_restored and contact_purged (owner)", async () => {
    const { world, sato, contact } = await aTrashWorld();
    const heard: PartnerbookEvent[] = [];
    world.book.events.subscribe((event) => heard.push(event));
    const deletedAt = world.clock.now();
    const { purgeAt } = await world.book.trash.delete(sato.id, contact.id);
    world.clock.advance(day);
    await world.book.trash.restore(sato.id, contact.id);
    const restoredAt = world.clock.now();
    await world.book.trash.delete(sato.id, contact.id);
    const purgedAt = world.clock.now();
    await world.book.trash.purge(sato.id, contact.id);

    const trashedEvents = await eventsOf(world, "contact_trashed");
    expect(trashedEvents).toHaveLength(2);
    expect(trashedEvents[0]).toMatchObject({
      actorId: sato.id,
      contactId: contact.id,
      purgeAt,
      at: deletedAt,
    });
    expect(trashedEvents[1]?.purgeAt).toEqual(new Date(restoredAt.getTime() + 30 * day));
    expect(await eventsOf(world, "contact_restored")).toEqual([
      expect.objectContaining({ actorId: sato.id, contactId: contact.id, at: restoredAt }),
    ]);
    expect(await eventsOf(world, "contact_purged")).toEqual([
      expect.objectContaining({ actorId: sato.id, contactId: contact.id, reason: "owner", at: purgedAt }),
    ]);
    expect(heard.map((event) => event.type)).toEqual([
      "contact_trashed",
      "contact_restored",
      "contact_trashed",
      "contact_purged",
    ]);
  });

  it("R35: a refused delete, restore or purge records no event", async () => {
    const { world, sato, kato, contact } = await aTrashWorld();
    await shareWithOrganisation(world, sato.id, contact, true);
    const before = await everyEvent(world);
    await expect(world.book.trash.delete(kato.id, contact.id)).rejects.toThrow();
    await expect(world.book.trash.restore(sato.id, contact.id)).rejects.toThrow();
    await expect(world.book.trash.purge(sato.id, contact.id)).rejects.toThrow();
    expect(await everyEvent(world)).toEqual(before);
  });
});

describe("R32: trash.list pages", () => {
  /** Seven of sato's contacts trashed at different moments, two of them at the same instant. */
  async function aFullTrash() {
    const setup = await aTrashWorld();
    const { world, sato } = setup;
    const ids: ContactId[] = [];
    for (let i = 0; i < 6; i++) ids.push((await world.book.contacts.addCustomer(sato.id, aCustomer())).id);
    const all = [setup.contact.id, ...ids];
    const entries = [];
    for (const [i, id] of all.entries()) {
      if (i !== 3) world.clock.advance(i * 3_600_000);
      entries.push(await world.book.trash.delete(sato.id, id));
    }
    const expected = [...entries]
      .sort((a, b) => a.purgeAt.getTime() - b.purgeAt.getTime() || (a.contact.id < b.contact.id ? -1 : 1))
      .map((entry) => entry.contact.id);
    return { ...setup, expected, entries };
  }

  async function allPages(world: World, actor: MemberId, limit: number) {
    const pages: ContactId[][] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<World["book"]["trash"]["list"]>> = await world.book.trash.list(actor, {
        limit,
        cursor,
      });
      pages.push(page.items.map((entry) => entry.contact.id));
      cursor = page.nextCursor;
    } while (cursor !== null && pages.length < 20);
    return pages;
  }

  it("R32: pages with a cursor go soonest-gone first, never skipping or repeating a contact", async () => {
    const { world, sato, expected } = await aFullTrash();
    for (const limit of [1, 2, 3, 7, 50]) {
      const pages = await allPages(world, sato.id, limit);
      expect(pages.flat()).toEqual(expected);
      expect(pages.every((page) => page.length <= limit)).toBe(true);
      expect(pages.length).toBe(Math.max(1, Math.ceil(expected.length / limit)));
    }
  });

  it("R33: a contact whose purgeAt passes between two pages is not on the next one", async () => {
    const { world, sato, expected, entries } = await aFullTrash();
    const first = await world.book.trash.list(sato.id, { limit: 2 });
    expect(first.items.map((entry) => entry.contact.id)).toEqual(expected.slice(0, 2));
    // The third and fourth were deleted at the same instant: both are gone at its purgeAt.
    const third = entries.find((entry) => entry.contact.id === expected[2])?.purgeAt as Date;
    expect(entries.filter((entry) => entry.purgeAt.getTime() === third.getTime())).toHaveLength(2);
    world.clock.set(third);
    const second = await world.book.trash.list(sato.id, { limit: 50, cursor: first.nextCursor });
    expect(second.items.map((entry) => entry.contact.id)).toEqual(expected.slice(4));
    expect((await allPages(world, sato.id, 2)).flat()).toEqual(expected.slice(4));
  });

  it("R32: a cursor the trash did not give out is VALIDATION, and so is a bad limit", async () => {
    const { world, sato } = await aFullTrash();
    await expect(world.book.trash.list(sato.id, { cursor: "not a cursor" })).rejects.toMatchObject({
      code: "VALIDATION",
    });
    await expect(world.book.trash.list(sato.id, { cursor: "yesterday|con_1" })).rejects.toMatchObject({
      code: "VALIDATION",
    });
    await expect(world.book.trash.list(sato.id, { limit: 0 })).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("R32: each owner sees only their own trash", async () => {
    const { world, sato, kato, expected } = await aFullTrash();
    const katos = await world.book.contacts.addCustomer(kato.id, aCustomer());
    await world.book.trash.delete(kato.id, katos.id);
    expect(await trashed(world, kato.id)).toEqual([katos.id]);
    expect(await trashed(world, sato.id)).toEqual(expected);
  });
});
