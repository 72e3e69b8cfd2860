import { describe, expect, it } from "vitest";
import { asMemberId, type GroupId, type MemberId } from "../../src/index.js";
import { aMember } from "../support/builders.js";
import { aSharingWorld, sees, shareAs } from "./sharing-world.js";

describe("R27: who may be listed", () => {
  it("R27: 500 listed members are accepted", async () => {
    const { world, acme, sato, contact } = await aSharingWorld();
    const members: MemberId[] = [];
    for (let i = 0; i < 500; i++) members.push((await aMember(world, acme)).id);
    const shared = await shareAs(world, sato.id, contact, { visibility: "members", members });
    expect(shared.sharing).toMatchObject({ visibility: "members", members });
    expect(await sees(world, members[499] as MemberId, contact)).toBe(true);
  });

  it("R27: 501 listed members are VALIDATION and change nothing", async () => {
    const { world, sato, tanaka, contact } = await aSharingWorld();
    const before = world.store.snapshot();
    const members = Array.from({ length: 501 }, () => tanaka.id);
    await expect(
      world.book.contacts.share(
        sato.id,
        contact.id,
        { visibility: "members", members },
        {
          expectedVersion: contact.version,
        },
      ),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R27: members and groups count together: 250 + 251 is VALIDATION", async () => {
    const { world, sato, tanaka, contact } = await aSharingWorld();
    const team = await world.book.groups.create(sato.id, { name: "Team" });
    const before = world.store.snapshot();
    await expect(
      world.book.contacts.share(
        sato.id,
        contact.id,
        {
          visibility: "members",
          members: Array.from({ length: 250 }, () => tanaka.id),
          groups: Array.from({ length: 251 }, () => team.id),
        },
        { expectedVersion: contact.version },
      ),
    ).rejects.toMatchObject({ code: "VALIDATION", issues: [{ path: ["members"] }] });
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R27: a member of another organisation in the list is VALIDATION naming its place, and changes nothing", async () => {
    const { world, sato, lee, tanaka, contact } = await aSharingWorld();
    const before = world.store.snapshot();
    await expect(
      world.book.contacts.share(
        sato.id,
        contact.id,
        { visibility: "members", members: [tanaka.id, lee.id] },
        {
          expectedVersion: contact.version,
        },
      ),
    ).rejects.toMatchObject({ code: "VALIDATION", issues: [{ path: ["members", 1] }] });
    expect(world.store.snapshot()).toEqual(before);
    expect(await sees(world, lee.id, contact)).toBe(false);
  });

  it("R27: an unknown member in the list is VALIDATION", async () => {
    const { world, sato, contact } = await aSharingWorld();
    await expect(
      world.book.contacts.share(
        sato.id,
        contact.id,
        { visibility: "members", members: [asMemberId("mem_nobody")] },
        {
          expectedVersion: contact.version,
        },
      ),
    ).rejects.toMatchObject({ code: "VALIDATION", issues: [{ path: ["members", 0] }] });
  });

  it("R27: a group of another organisation is VALIDATION", async () => {
    const { world, sato, lee, contact } = await aSharingWorld();
    const theirs = await world.book.groups.create(lee.id, { name: "Globex team", members: [lee.id] });
    const before = world.store.snapshot();
    await expect(
      world.book.contacts.share(
        sato.id,
        contact.id,
        { visibility: "members", groups: [theirs.id] },
        {
          expectedVersion: contact.version,
        },
      ),
    ).rejects.toMatchObject({ code: "VALIDATION", issues: [{ path: ["groups", 0] }] });
    expect(world.store.snapshot()).toEqual(before);
    expect(await sees(world, lee.id, contact)).toBe(false);
  });
});

describe("R27: sharing with groups", () => {
  async function sharedWithATeam() {
    const scene = await aSharingWorld();
    const { world, sato, tanaka } = scene;
    const team: { id: GroupId } = await world.book.groups.create(sato.id, {
      name: "Team",
      members: [tanaka.id],
    });
    await shareAs(world, sato.id, scene.contact, { visibility: "members", groups: [team.id] });
    return { ...scene, team };
  }

  it("R27: members of a group the contact is shared with see it; others do not", async () => {
    const { world, tanaka, suzuki, contact } = await sharedWithATeam();
    expect(await sees(world, tanaka.id, contact)).toBe(true);
    expect(await sees(world, suzuki.id, contact)).toBe(false);
  });

  it("R27: taking a member out of the group hides the contact from them", async () => {
    const { world, sato, tanaka, suzuki, contact, team } = await sharedWithATeam();
    await world.book.groups.setMembers(sato.id, team.id, [suzuki.id]);
    expect(await sees(world, tanaka.id, contact)).toBe(false);
    expect(await sees(world, suzuki.id, contact)).toBe(true);
  });

  it("R27: a member who joins the group later sees the contact at once", async () => {
    const { world, sato, tanaka, suzuki, contact, team } = await sharedWithATeam();
    expect(await sees(world, suzuki.id, contact)).toBe(false);
    await world.book.groups.setMembers(sato.id, team.id, [tanaka.id, suzuki.id]);
    expect(await sees(world, suzuki.id, contact)).toBe(true);
  });

  it("R27: co-editing through a group lets the group's members edit", async () => {
    const { world, sato, tanaka, contact, team } = await sharedWithATeam();
    const shared = await shareAs(world, sato.id, contact, {
      visibility: "members",
      groups: [team.id],
      coEditing: true,
    });
    const edited = await world.book.contacts.edit(
      tanaka.id,
      contact.id,
      { memo: "team note" },
      {
        expectedVersion: shared.version,
      },
    );
    expect(edited.fields.memo).toBe("team note");
    const entry = (await world.book.contacts.list(tanaka.id)).items[0];
    expect(entry).toMatchObject({ contact: { id: contact.id }, editable: true });
  });
});
