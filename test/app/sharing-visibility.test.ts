import { describe, expect, it } from "vitest";
import { anOrganisation } from "../support/builders.js";
import { aSharingWorld, sees, shareAs } from "./sharing-world.js";

describe("R27: visibility", () => {
  it("R27: a new contact is private: only its owner sees it", async () => {
    const { world, acme, sato, tanaka, contact } = await aSharingWorld();
    expect(contact.sharing).toEqual({ visibility: "private", coEditing: false });
    expect(await sees(world, sato.id, contact)).toBe(true);
    expect(await sees(world, tanaka.id, contact)).toBe(false);
    expect(await sees(world, acme.admin.id, contact)).toBe(false);
  });

  it("R27: organisation visibility reaches every member of the owner's organisation and no one outside", async () => {
    const { world, acme, sato, lee, tanaka, suzuki, contact } = await aSharingWorld();
    await shareAs(world, sato.id, contact, { visibility: "organisation" });
    for (const member of [sato, tanaka, suzuki, acme.admin])
      expect(await sees(world, member.id, contact)).toBe(true);
    expect(await sees(world, lee.id, contact)).toBe(false);
  });

  it("R27: members visibility reaches exactly the listed members", async () => {
    const { world, acme, sato, tanaka, suzuki, contact } = await aSharingWorld();
    await shareAs(world, sato.id, contact, { visibility: "members", members: [tanaka.id] });
    expect(await sees(world, tanaka.id, contact)).toBe(true);
    expect(await sees(world, suzuki.id, contact)).toBe(false);
    expect(await sees(world, acme.admin.id, contact)).toBe(false);
  });

  it("R27: the owner always sees their contact, whoever it is shared with", async () => {
    const { world, sato, tanaka, contact } = await aSharingWorld();
    await shareAs(world, sato.id, contact, { visibility: "members", members: [tanaka.id], groups: [] });
    expect(await sees(world, sato.id, contact)).toBe(true);
    await shareAs(world, sato.id, contact, { visibility: "members" });
    expect(await sees(world, sato.id, contact)).toBe(true);
    expect(await sees(world, tanaka.id, contact)).toBe(false);
  });

  it("R27: going back to private hides the contact again", async () => {
    const { world, sato, tanaka, contact } = await aSharingWorld();
    await shareAs(world, sato.id, contact, { visibility: "organisation" });
    expect(await sees(world, tanaka.id, contact)).toBe(true);
    await shareAs(world, sato.id, contact, { visibility: "private" });
    expect(await sees(world, tanaka.id, contact)).toBe(false);
  });

  it("R27: a member both listed and in a listed group sees the contact once", async () => {
    const { world, sato, tanaka, contact } = await aSharingWorld();
    const team = await world.book.groups.create(sato.id, { name: "Team", members: [tanaka.id] });
    await shareAs(world, sato.id, contact, {
      visibility: "members",
      members: [tanaka.id],
      groups: [team.id],
    });
    const ids = (await world.book.contacts.list(tanaka.id)).items.map((entry) => entry.contact.id);
    expect(ids).toEqual([contact.id]);
  });
});

describe("R27: other organisations", () => {
  it("R27: an admin of another organisation neither sees nor finds an organisation-wide contact", async () => {
    const { world, sato, contact } = await aSharingWorld();
    const initech = await anOrganisation(world, { name: "Initech" });
    await shareAs(world, sato.id, contact, { visibility: "organisation", coEditing: true });
    expect(await sees(world, initech.admin.id, contact)).toBe(false);
  });
});
