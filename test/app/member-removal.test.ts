import { describe, expect, it } from "vitest";
import { asMemberId, type Contact, type MemberId } from "../../src/index.js";
import { aMember, anOrganisation, aWorld, twoLinkableMembers, type World } from "../support/builders.js";
import { eventsOf, everyEvent } from "../support/events.js";

/**
 * Sato is leaving Acme; Tanaka inherits. Sato owns a grouped and shared customer, a linked
 * contact for Lee, a trashed linked contact for Kim, and an organisation-wide customer. Lee has
 * Sato in their own book.
 */
async function aLeaver() {
  const world = aWorld();
  const { acme, globex, sato, lee } = await twoLinkableMembers(world);
  const tanaka = await aMember(world, acme);
  const suzuki = await aMember(world, acme);
  const kim = await aMember(world, globex);
  const team = await world.book.groups.create(suzuki.id, { name: "Team", members: [sato.id, suzuki.id] });
  const customer = await world.book.contacts.addCustomer(sato.id, {
    familyName: "山田",
    familyNameReading: "やまだ",
    memo: "大事なお客様",
    emails: [{ address: "yamada@example.com" }],
    groups: [team.id],
  });
  const sharedCustomer = await world.book.contacts.share(
    sato.id,
    customer.id,
    { visibility: "members", members: [suzuki.id], groups: [team.id], coEditing: true },
    { expectedVersion: customer.version },
  );
  const forLee = (await world.book.contacts.addFromSearch(sato.id, lee.id)).contact;
  const forKim = (await world.book.contacts.addFromSearch(sato.id, kim.id)).contact;
  const sharedKim = await world.book.contacts.share(
    sato.id,
    forKim.id,
    { visibility: "organisation" },
    { expectedVersion: forKim.version },
  );
  const trashed = (await world.book.trash.delete(sato.id, sharedKim.id)).contact;
  const forEveryone = await world.book.contacts.addCustomer(sato.id, {
    givenName: "太郎",
    phones: [{ number: "090-1111-2222" }],
  });
  const organisationWide = await world.book.contacts.share(
    sato.id,
    forEveryone.id,
    { visibility: "organisation" },
    { expectedVersion: forEveryone.version },
  );
  const leesContactOfSato = (await world.book.contacts.addFromSearch(lee.id, sato.id)).contact;
  return {
    world,
    acme,
    globex,
    sato,
    lee,
    kim,
    tanaka,
    suzuki,
    team,
    owned: [sharedCustomer, forLee, trashed, organisationWide] as Contact[],
    sharedCustomer,
    forLee,
    trashed,
    organisationWide,
    leesContactOfSato,
  };
}

const removeSato = (scene: Awaited<ReturnType<typeof aLeaver>>, actor?: MemberId) =>
  scene.world.book.members.remove(actor ?? scene.acme.admin.id, scene.sato.id, { newOwner: scene.tanaka.id });

/** A contact with the facts that must survive an ownership change, and none that may change. */
const withoutOwnership = ({ ownerId: _owner, version: _version, ...rest }: Contact) => rest;

async function ids(world: World, actor: MemberId): Promise<string[]> {
  return (await world.book.contacts.list(actor)).items.map((entry) => entry.contact.id);
}

describe("R29: who may remove a member", () => {
  it("R29: a member who is not an admin gets NOT_PERMITTED and nothing changes", async () => {
    const scene = await aLeaver();
    const before = scene.world.store.snapshot();
    for (const actor of [scene.tanaka.id, scene.sato.id]) {
      await expect(removeSato(scene, actor)).rejects.toMatchObject({ code: "NOT_PERMITTED" });
    }
    expect(scene.world.store.snapshot()).toEqual(before);
  });

  it("R29: an admin of another organisation cannot remove the member, and nothing changes", async () => {
    const scene = await aLeaver();
    const before = scene.world.store.snapshot();
    await expect(removeSato(scene, scene.globex.admin.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(scene.world.store.snapshot()).toEqual(before);
  });

  it("R29: the new owner must be another member of the same organisation", async () => {
    const scene = await aLeaver();
    const { world, acme, sato, lee } = scene;
    const before = world.store.snapshot();
    await expect(
      world.book.members.remove(acme.admin.id, sato.id, { newOwner: sato.id }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      issues: [{ path: ["newOwner"] }],
    });
    await expect(
      world.book.members.remove(acme.admin.id, sato.id, { newOwner: lee.id }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      world.book.members.remove(acme.admin.id, sato.id, { newOwner: asMemberId("mem_nobody") }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R29: the last admin cannot be removed, and nothing changes", async () => {
    const scene = await aLeaver();
    const { world, acme, tanaka } = scene;
    const before = world.store.snapshot();
    await expect(
      world.book.members.remove(acme.admin.id, acme.admin.id, { newOwner: tanaka.id }),
    ).rejects.toMatchObject({ code: "NOT_PERMITTED" });
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R29: an admin may leave while another admin stays", async () => {
    const world = aWorld();
    const acme = await anOrganisation(world);
    const second = await world.book.members.create(
      acme.admin.id,
      { worksId: "second-admin", displayName: "Second" },
      { admin: true },
    );
    await world.book.members.remove(acme.admin.id, acme.admin.id, { newOwner: second.id });
    const organisation = world.store.snapshot().organisations.find((o) => o.id === acme.organisation.id);
    expect(organisation?.admins).toEqual([second.id]);
    await expect(world.book.members.get(second.id, acme.admin.id)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("R29: nothing is orphaned or lost", () => {
  it("R29: every contact of the leaving member, trashed ones too, now belongs to the new owner, otherwise unchanged", async () => {
    const scene = await aLeaver();
    const before = scene.world.store.snapshot();
    await removeSato(scene);
    const after = scene.world.store.snapshot();
    expect(after.contacts).toHaveLength(before.contacts.length);
    expect(after.contacts.filter((c) => c.ownerId === scene.sato.id)).toEqual([]);
    for (const old of before.contacts.filter((c) => c.ownerId === scene.sato.id)) {
      const now = after.contacts.find((c) => c.id === old.id) as Contact;
      expect(now.ownerId).toBe(scene.tanaka.id);
      expect(now.version).toBe(old.version + 1);
      expect(withoutOwnership(now)).toEqual(withoutOwnership(old));
    }
    expect(before.contacts.filter((c) => c.ownerId === scene.sato.id)).toHaveLength(scene.owned.length);
  });

  it("R29: contacts of other members are left alone", async () => {
    const scene = await aLeaver();
    const before = scene.world.store.snapshot();
    await removeSato(scene);
    const others = (snapshot: typeof before) =>
      snapshot.contacts.filter((c) => !scene.owned.some((owned) => owned.id === c.id));
    expect(others(scene.world.store.snapshot())).toEqual(others(before));
  });

  it("R29: the new owner finds the live contacts in their book and the trashed one in their trash", async () => {
    const scene = await aLeaver();
    const { world, tanaka, sharedCustomer, forLee, organisationWide, trashed } = scene;
    await removeSato(scene);
    expect(new Set(await ids(world, tanaka.id))).toEqual(
      new Set([sharedCustomer.id, forLee.id, organisationWide.id]),
    );
    const trash = await world.book.trash.list(tanaka.id);
    expect(trash.items.map((entry) => entry.contact.id)).toEqual([trashed.id]);
    expect(trash.items[0]?.purgeAt).toEqual(trashed.trash?.purgeAt);
  });

  it("R29: the new owner holds every owner right: edit, share, delete, restore", async () => {
    const scene = await aLeaver();
    const { world, tanaka, sharedCustomer, trashed, forLee } = scene;
    await removeSato(scene);
    const current = await world.book.contacts.get(tanaka.id, forLee.id);
    const shared = await world.book.contacts.share(
      tanaka.id,
      forLee.id,
      { visibility: "organisation" },
      {
        expectedVersion: current.version,
      },
    );
    await world.book.contacts.edit(
      tanaka.id,
      forLee.id,
      { memo: "引き継ぎ" },
      { expectedVersion: shared.version },
    );
    const restored = await world.book.trash.restore(tanaka.id, trashed.id);
    expect(restored).toMatchObject({
      ownerId: tanaka.id,
      sharing: { visibility: "organisation" },
      trash: null,
    });
    await world.book.trash.delete(tanaka.id, sharedCustomer.id);
  });

  it("R29: sharing survives: those it was shared with still see the contacts, and co-editors still edit", async () => {
    const scene = await aLeaver();
    const { world, suzuki, sharedCustomer, organisationWide, trashed, tanaka } = scene;
    expect(new Set(await ids(world, suzuki.id))).toEqual(new Set([sharedCustomer.id, organisationWide.id]));
    await removeSato(scene);
    expect(new Set(await ids(world, suzuki.id))).toEqual(new Set([sharedCustomer.id, organisationWide.id]));
    const current = await world.book.contacts.get(suzuki.id, sharedCustomer.id);
    await world.book.contacts.edit(
      suzuki.id,
      sharedCustomer.id,
      { memo: "still mine to edit" },
      {
        expectedVersion: current.version,
      },
    );
    // The trashed contact's organisation-wide sharing comes back with it.
    await world.book.trash.restore(tanaka.id, trashed.id);
    expect(await ids(world, suzuki.id)).toContain(trashed.id);
  });

  it("R29: the contacts keep their groups, and the group filter still finds them", async () => {
    const scene = await aLeaver();
    const { world, suzuki, team, sharedCustomer } = scene;
    await removeSato(scene);
    const listed = await world.book.contacts.list(suzuki.id, { group: team.id });
    expect(listed.items.map((entry) => entry.contact.id)).toEqual([sharedCustomer.id]);
    expect(listed.items[0]?.contact.groups).toEqual([team.id]);
  });

  it("R29: the leaving member leaves their groups", async () => {
    const scene = await aLeaver();
    const { world, suzuki, team, sato } = scene;
    await removeSato(scene);
    const [group] = await world.book.groups.list(suzuki.id);
    expect(group).toMatchObject({ id: team.id, members: [suzuki.id] });
    expect(group?.members).not.toContain(sato.id);
  });

  it("R29: a member who owned nothing is removed with no contacts to reassign", async () => {
    const world = aWorld();
    const acme = await anOrganisation(world);
    const leaver = await aMember(world, acme);
    const heir = await aMember(world, acme);
    const before = world.store.snapshot().contacts;
    await world.book.members.remove(acme.admin.id, leaver.id, { newOwner: heir.id });
    expect(world.store.snapshot().contacts).toEqual(before);
    const [event] = (await eventsOf(world.book, acme.admin.id, acme.organisation.id)).filter(
      (e) => e.type === "member_removed",
    );
    expect(event).toMatchObject({ contactsReassigned: 0 });
  });
});

describe("R29: the member is gone", () => {
  it("R29: the leaving member no longer exists and their works ID is free again", async () => {
    const scene = await aLeaver();
    const { world, acme, sato } = scene;
    await removeSato(scene);
    await expect(world.book.members.get(acme.admin.id, sato.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Sato acting now is an unknown actor.
    await expect(world.book.contacts.list(sato.id)).rejects.toMatchObject({ code: "UNKNOWN_ACTOR" });
    const newcomer = await world.book.members.create(acme.admin.id, {
      worksId: sato.worksId.toUpperCase(),
      displayName: "Newcomer",
    });
    expect(newcomer.id).not.toBe(sato.id);
  });

  it("R29: a linked contact elsewhere pointing at the removed member stays, with talk refused as member_gone", async () => {
    const scene = await aLeaver();
    const { world, lee, leesContactOfSato } = scene;
    expect((await world.book.contacts.talkAccess(lee.id, leesContactOfSato.id)).canTalk).toBe(true);
    await removeSato(scene);
    expect(await world.book.contacts.talkAccess(lee.id, leesContactOfSato.id)).toEqual({
      canTalk: false,
      canViewHistory: true,
      reason: "member_gone",
    });
    expect(await ids(world, lee.id)).toEqual([leesContactOfSato.id]);
    expect(await world.book.contacts.get(lee.id, leesContactOfSato.id)).toEqual(leesContactOfSato);
  });

  it("R29: a removed member leaves the organisation's listed linking scope", async () => {
    const scene = await aLeaver();
    const { world, acme, sato, tanaka } = scene;
    await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, {
      scope: { kind: "listed", members: [sato.id, tanaka.id] },
    });
    await removeSato(scene);
    const organisation = world.store.snapshot().organisations.find((o) => o.id === acme.organisation.id);
    expect(organisation?.linking.scope).toEqual({ kind: "listed", members: [tanaka.id] });
  });
});

describe("R29, R15: the new owner already has the same person", () => {
  it("R29: a live duplicate is CONFLICT naming the external users, and nothing changes", async () => {
    const scene = await aLeaver();
    const { world, tanaka, lee } = scene;
    await world.book.contacts.addFromSearch(tanaka.id, lee.id);
    const before = world.store.snapshot();
    await expect(removeSato(scene)).rejects.toMatchObject({
      code: "CONFLICT",
      details: { targets: [lee.id] },
    });
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R29: a duplicate in either trash counts too, and every shared person is named", async () => {
    const scene = await aLeaver();
    const { world, tanaka, lee, kim } = scene;
    const forLee = (await world.book.contacts.addFromSearch(tanaka.id, lee.id)).contact;
    await world.book.trash.delete(tanaka.id, forLee.id);
    await world.book.contacts.addFromSearch(tanaka.id, kim.id);
    const before = world.store.snapshot();
    const refusal = await removeSato(scene).catch((error: unknown) => error);
    expect(refusal).toMatchObject({ code: "CONFLICT" });
    expect(new Set((refusal as { details: { targets: string[] } }).details.targets)).toEqual(
      new Set([lee.id, kim.id]),
    );
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R29: once the duplicate is purged, the removal goes through", async () => {
    const scene = await aLeaver();
    const { world, tanaka, lee } = scene;
    const forLee = (await world.book.contacts.addFromSearch(tanaka.id, lee.id)).contact;
    await world.book.trash.delete(tanaka.id, forLee.id);
    await expect(removeSato(scene)).rejects.toMatchObject({ code: "CONFLICT" });
    await world.book.trash.purge(tanaka.id, forLee.id);
    await removeSato(scene);
    expect(await ids(world, tanaka.id)).toContain(scene.forLee.id);
  });
});

describe("R35: the record of a removal", () => {
  it("R35: a removal records member_removed with the new owner and how many contacts moved", async () => {
    const scene = await aLeaver();
    const { world, acme, sato, tanaka } = scene;
    await removeSato(scene);
    const removed = (await eventsOf(world.book, acme.admin.id, acme.organisation.id)).filter(
      (e) => e.type === "member_removed",
    );
    expect(removed).toEqual([
      expect.objectContaining({
        actorId: acme.admin.id,
        memberId: sato.id,
        organisationId: acme.organisation.id,
        newOwnerId: tanaka.id,
        contactsReassigned: scene.owned.length,
      }),
    ]);
  });

  it("R35: a refused removal records nothing", async () => {
    const scene = await aLeaver();
    const before = await everyEvent(scene.world);
    await expect(removeSato(scene, scene.tanaka.id)).rejects.toMatchObject({ code: "NOT_PERMITTED" });
    expect(await everyEvent(scene.world)).toEqual(before);
  });
});

describe("R29: a departure leaves nothing stale behind", () => {
  it("R29: a departed member leaves colleagues' sharing lists, so those can be shared again", async () => {
    const world = aWorld();
    const { acme, sato } = await twoLinkableMembers(world);
    const tanaka = await aMember(world, acme);
    const suzuki = await aMember(world, acme);
    const customer = await world.book.contacts.addCustomer(suzuki.id, {
      familyName: "山田",
      emails: [{ address: "yamada@example.com" }],
    });
    const shared = await world.book.contacts.share(
      suzuki.id,
      customer.id,
      { visibility: "members", members: [sato.id, tanaka.id] },
      { expectedVersion: customer.version },
    );
    await world.book.members.remove(acme.admin.id, sato.id, { newOwner: tanaka.id });
    const current = await world.book.contacts.get(suzuki.id, customer.id);
    expect(current.sharing).toEqual({
      visibility: "members",
      members: [tanaka.id],
      groups: [],
      coEditing: false,
    });
    const again = await world.book.contacts.share(
      suzuki.id,
      customer.id,
      { visibility: "members", members: [tanaka.id], coEditing: true },
      { expectedVersion: current.version },
    );
    expect(again.sharing.coEditing).toBe(true);
    expect(shared.version).toBe(current.version);
  });

  it("R29, R33: a contact past its retention never blocks a departure", async () => {
    const world = aWorld();
    const { acme, sato, lee } = await twoLinkableMembers(world);
    const tanaka = await aMember(world, acme);
    const tanakasLee = (await world.book.contacts.addFromSearch(tanaka.id, lee.id)).contact;
    await world.book.trash.delete(tanaka.id, tanakasLee.id);
    world.clock.advance(31 * 86_400_000);
    const satosLee = (await world.book.contacts.addFromSearch(sato.id, lee.id)).contact;
    await world.book.members.remove(acme.admin.id, sato.id, { newOwner: tanaka.id });
    const inherited = await world.book.contacts.get(tanaka.id, satosLee.id);
    expect(inherited.ownerId).toBe(tanaka.id);
    expect(world.store.snapshot().contacts.map((c) => c.id)).not.toContain(tanakasLee.id);
  });
});
