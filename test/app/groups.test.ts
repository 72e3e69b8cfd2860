import { describe, expect, it } from "vitest";
import { asGroupId, type Contact, type MemberId } from "../../src/index.js";
import { aMember, anOrganisation, aWorld, twoLinkableMembers, type World } from "../support/builders.js";
import { everyEvent } from "../support/events.js";

/** Acme with Sato (who makes the groups), two colleagues and its admin; Globex next door. */
async function anOffice() {
  const world = aWorld();
  const { acme, globex, sato, lee } = await twoLinkableMembers(world);
  const tanaka = await aMember(world, acme);
  const suzuki = await aMember(world, acme);
  return { world, acme, globex, sato, lee, tanaka, suzuki };
}

async function eventsOf(world: World, type: string) {
  return (await everyEvent(world)).filter((event) => event.type === type);
}

async function sees(world: World, actor: MemberId, contact: Contact): Promise<boolean> {
  return (await world.book.contacts.list(actor)).items.some((entry) => entry.contact.id === contact.id);
}

describe("R27: creating and listing groups", () => {
  it("R27: any member creates a group of their organisation, with members", async () => {
    const { world, acme, sato, tanaka } = await anOffice();
    const group = await world.book.groups.create(tanaka.id, {
      name: "Project X",
      members: [sato.id, tanaka.id],
    });
    expect(group).toMatchObject({
      organisationId: acme.organisation.id,
      name: "Project X",
      members: [sato.id, tanaka.id],
      createdBy: tanaka.id,
      version: 1,
    });
    expect(await world.book.groups.list(sato.id)).toEqual([group]);
  });

  it("R27: members named twice are kept once", async () => {
    const { world, sato, tanaka } = await anOffice();
    const group = await world.book.groups.create(sato.id, { name: "Team", members: [tanaka.id, tanaka.id] });
    expect(group.members).toEqual([tanaka.id]);
  });

  it("R27: a member of another organisation cannot be put in a group, and nothing is created", async () => {
    const { world, sato, lee, tanaka } = await anOffice();
    const before = world.store.snapshot();
    await expect(
      world.book.groups.create(sato.id, { name: "Mixed", members: [tanaka.id, lee.id] }),
    ).rejects.toMatchObject({ code: "VALIDATION", issues: [{ path: ["members", 1] }] });
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R27: an empty name is VALIDATION", async () => {
    const { world, sato } = await anOffice();
    await expect(world.book.groups.create(sato.id, { name: "  " })).rejects.toMatchObject({
      code: "VALIDATION",
    });
  });

  it("R27: the list holds the organisation's groups only, by name", async () => {
    const { world, sato, tanaka, lee } = await anOffice();
    const zeta = await world.book.groups.create(sato.id, { name: "Zeta" });
    const alpha = await world.book.groups.create(tanaka.id, { name: "Alpha" });
    const theirs = await world.book.groups.create(lee.id, { name: "Beta" });
    expect(await world.book.groups.list(sato.id)).toEqual([alpha, zeta]);
    expect(await world.book.groups.list(lee.id)).toEqual([theirs]);
  });

  it("R35: creating a group records group_created", async () => {
    const { world, acme, sato } = await anOffice();
    const group = await world.book.groups.create(sato.id, { name: "Project X" });
    expect(await eventsOf(world, "group_created")).toEqual([
      expect.objectContaining({ actorId: sato.id, groupId: group.id, organisationId: acme.organisation.id }),
    ]);
  });
});

describe("R27: who manages a group", () => {
  type Step = "rename" | "setMembers" | "delete";
  const steps: Record<
    Step,
    (world: World, actor: MemberId, id: ReturnType<typeof asGroupId>, other: MemberId) => Promise<unknown>
  > = {
    rename: (world, actor, id) => world.book.groups.rename(actor, id, "Renamed"),
    setMembers: (world, actor, id, other) => world.book.groups.setMembers(actor, id, [other]),
    delete: (world, actor, id) => world.book.groups.delete(actor, id),
  };
  const cases = Object.keys(steps) as Step[];

  it.each(cases)("R27: the creator may %s their group", async (step) => {
    const { world, sato, tanaka } = await anOffice();
    const group = await world.book.groups.create(sato.id, { name: "Team" });
    await steps[step](world, sato.id, group.id, tanaka.id);
    const after = (await world.book.groups.list(sato.id)).find((g) => g.id === group.id);
    if (step === "delete") expect(after).toBeUndefined();
    else expect(after?.version).toBe(2);
  });

  it.each(cases)("R27: an admin may %s a group someone else created", async (step) => {
    const { world, acme, sato, tanaka } = await anOffice();
    const group = await world.book.groups.create(sato.id, { name: "Team" });
    await steps[step](world, acme.admin.id, group.id, tanaka.id);
    const after = (await world.book.groups.list(sato.id)).find((g) => g.id === group.id);
    if (step === "delete") expect(after).toBeUndefined();
    else expect(after?.version).toBe(2);
  });

  it.each(cases)(
    "R27: another member, even one in the group, may not %s it (NOT_PERMITTED)",
    async (step) => {
      const { world, sato, tanaka, suzuki } = await anOffice();
      const group = await world.book.groups.create(sato.id, { name: "Team", members: [tanaka.id] });
      const before = world.store.snapshot();
      await expect(steps[step](world, tanaka.id, group.id, suzuki.id)).rejects.toMatchObject({
        code: "NOT_PERMITTED",
      });
      expect(world.store.snapshot()).toEqual(before);
    },
  );

  it.each(cases)("R27: a member or admin of another organisation gets NOT_FOUND on %s", async (step) => {
    const { world, globex, sato, lee, tanaka } = await anOffice();
    const group = await world.book.groups.create(sato.id, { name: "Team" });
    const before = world.store.snapshot();
    for (const outsider of [lee.id, globex.admin.id]) {
      await expect(steps[step](world, outsider, group.id, tanaka.id)).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
    }
    expect(world.store.snapshot()).toEqual(before);
  });

  it.each(cases)("R27: an unknown group is NOT_FOUND on %s", async (step) => {
    const { world, sato, tanaka } = await anOffice();
    await expect(steps[step](world, sato.id, asGroupId("grp_nope"), tanaka.id)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("R27: renaming and membership", () => {
  it("R35: a rename records group_renamed with the names before and after", async () => {
    const { world, sato } = await anOffice();
    const group = await world.book.groups.create(sato.id, { name: "Team" });
    const renamed = await world.book.groups.rename(sato.id, group.id, "Project X");
    expect(renamed).toMatchObject({ id: group.id, name: "Project X", version: 2 });
    expect(await eventsOf(world, "group_renamed")).toEqual([
      expect.objectContaining({ actorId: sato.id, groupId: group.id, before: "Team", after: "Project X" }),
    ]);
  });

  it("R35: a rename to the same name changes and records nothing", async () => {
    const { world, sato } = await anOffice();
    const group = await world.book.groups.create(sato.id, { name: "Team" });
    const before = world.store.snapshot();
    expect(await world.book.groups.rename(sato.id, group.id, "Team")).toEqual(group);
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R35: setting members records group_members_changed with the new members", async () => {
    const { world, acme, sato, tanaka, suzuki } = await anOffice();
    const group = await world.book.groups.create(sato.id, { name: "Team", members: [tanaka.id] });
    const changed = await world.book.groups.setMembers(acme.admin.id, group.id, [suzuki.id, sato.id]);
    expect(changed.members).toEqual([suzuki.id, sato.id]);
    expect(await eventsOf(world, "group_members_changed")).toEqual([
      expect.objectContaining({ actorId: acme.admin.id, groupId: group.id, members: [suzuki.id, sato.id] }),
    ]);
  });

  it("R35: setting the same members changes and records nothing", async () => {
    const { world, sato, tanaka } = await anOffice();
    const group = await world.book.groups.create(sato.id, { name: "Team", members: [tanaka.id] });
    const before = world.store.snapshot();
    expect(await world.book.groups.setMembers(sato.id, group.id, [tanaka.id, tanaka.id])).toEqual(group);
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R27: a member of another organisation cannot be set as a member", async () => {
    const { world, sato, lee } = await anOffice();
    const group = await world.book.groups.create(sato.id, { name: "Team" });
    const before = world.store.snapshot();
    await expect(world.book.groups.setMembers(sato.id, group.id, [lee.id])).rejects.toMatchObject({
      code: "VALIDATION",
      issues: [{ path: ["members", 0] }],
    });
    expect(world.store.snapshot()).toEqual(before);
  });
});

describe("R27: deleting a group", () => {
  /** A group holding two of Sato's contacts (one trashed) and the sharing of one of them. */
  async function aGroupWithContacts() {
    const office = await anOffice();
    const { world, sato, tanaka, lee } = office;
    const team = await world.book.groups.create(sato.id, { name: "Team", members: [tanaka.id] });
    const other = await world.book.groups.create(sato.id, { name: "Other" });
    const customer = await world.book.contacts.addCustomer(sato.id, {
      familyName: "山田",
      emails: [{ address: "yamada@example.com" }],
      groups: [team.id, other.id],
    });
    const shared = await world.book.contacts.share(
      sato.id,
      customer.id,
      { visibility: "members", groups: [team.id, other.id], coEditing: true },
      { expectedVersion: customer.version },
    );
    const linked = (await world.book.contacts.addFromSearch(sato.id, lee.id)).contact;
    const grouped = await world.book.contacts.edit(
      sato.id,
      linked.id,
      { groups: [team.id] },
      {
        expectedVersion: linked.version,
      },
    );
    await world.book.trash.delete(sato.id, grouped.id);
    return { ...office, team, other, shared, trashed: grouped };
  }

  it("R27: deleting a group keeps its contacts in the book, out of the group and its sharing", async () => {
    const { world, sato, team, other, shared } = await aGroupWithContacts();
    await world.book.groups.delete(sato.id, team.id);
    const kept = await world.book.contacts.get(sato.id, shared.id);
    expect(kept.groups).toEqual([other.id]);
    expect(kept.sharing).toEqual({ visibility: "members", members: [], groups: [other.id], coEditing: true });
    expect(kept.fields).toEqual(shared.fields);
    expect(await sees(world, sato.id, shared)).toBe(true);
    expect(await world.book.groups.list(sato.id)).toEqual([other]);
  });

  it("R27: the group's members no longer see a contact shared through it", async () => {
    const { world, sato, tanaka, team, shared } = await aGroupWithContacts();
    expect(await sees(world, tanaka.id, shared)).toBe(true);
    await world.book.groups.delete(sato.id, team.id);
    expect(await sees(world, tanaka.id, shared)).toBe(false);
    await expect(world.book.contacts.get(tanaka.id, shared.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("R27, R32: a trashed contact leaves the deleted group too, and is restored without it", async () => {
    const { world, sato, team, trashed } = await aGroupWithContacts();
    await world.book.groups.delete(sato.id, team.id);
    const restored = await world.book.trash.restore(sato.id, trashed.id);
    expect(restored.groups).toEqual([]);
    expect(restored.fields).toEqual(trashed.fields);
  });

  it("R27: the deleted group can no longer be filtered on", async () => {
    const { world, sato, team } = await aGroupWithContacts();
    await world.book.groups.delete(sato.id, team.id);
    await expect(world.book.contacts.list(sato.id, { group: team.id })).rejects.toMatchObject({
      code: "VALIDATION",
    });
  });

  it("R35: deleting a group records group_deleted with how many contacts changed", async () => {
    const { world, acme, team } = await aGroupWithContacts();
    await world.book.groups.delete(acme.admin.id, team.id);
    expect(await eventsOf(world, "group_deleted")).toEqual([
      expect.objectContaining({ actorId: acme.admin.id, groupId: team.id, contactsUpdated: 2 }),
    ]);
  });

  it("R27: deleting a group leaves other organisations' and other groups' contacts alone", async () => {
    const { world, sato, lee, other, team } = await aGroupWithContacts();
    const globexTeam = await world.book.groups.create(lee.id, { name: "Team" });
    const theirs = await world.book.contacts.addCustomer(lee.id, {
      familyName: "Kim",
      emails: [{ address: "kim@example.com" }],
      groups: [globexTeam.id],
    });
    const before = world.store.snapshot();
    await world.book.groups.delete(sato.id, team.id);
    const after = world.store.snapshot();
    expect(after.contacts.find((c) => c.id === theirs.id)).toEqual(theirs);
    expect(after.groups).toEqual(before.groups.filter((g) => g.id !== team.id));
    expect(after.groups.map((g) => g.id)).toContain(other.id);
  });
});

describe("R27: groups across organisations", () => {
  it("R27: a contact cannot be put into another organisation's group", async () => {
    const world = aWorld();
    const acme = await anOrganisation(world);
    const globex = await anOrganisation(world);
    const sato = await aMember(world, acme);
    const theirs = await world.book.groups.create(globex.admin.id, { name: "Theirs" });
    const contact = await world.book.contacts.addCustomer(sato.id, {
      familyName: "山田",
      emails: [{ address: "yamada@example.com" }],
    });
    const before = world.store.snapshot();
    await expect(
      world.book.contacts.edit(
        sato.id,
        contact.id,
        { groups: [theirs.id] },
        { expectedVersion: contact.version },
      ),
    ).rejects.toMatchObject({ code: "VALIDATION", issues: [{ path: ["groups", 0] }] });
    expect(world.store.snapshot()).toEqual(before);
  });
});

describe("R27: the order of a group's members is not a change", () => {
  it("R27: setting the same members in another order records nothing", async () => {
    const world = aWorld();
    const { acme, sato } = await twoLinkableMembers(world);
    const tanaka = await aMember(world, acme);
    const group = await world.book.groups.create(sato.id, { name: "案件A", members: [sato.id, tanaka.id] });
    const before = world.store.snapshot();
    const same = await world.book.groups.setMembers(sato.id, group.id, [tanaka.id, sato.id]);
    expect(same.version).toBe(group.version);
    expect(world.store.snapshot()).toEqual(before);
  });
});
