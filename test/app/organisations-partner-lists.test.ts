import { describe, expect, it } from "vitest";
import { aMember, anOrganisation, aWorld, twoLinkableMembers } from "../support/builders.js";
import { found } from "./organisations-world.js";

describe("R4: allow-lists and block-lists of partner organisations", () => {
  it("R4: an allow-list lets only the listed partners link, both ways", async () => {
    const world = aWorld();
    const { acme, sato, lee } = await twoLinkableMembers(world);
    const initech = await anOrganisation(world, { name: "Initech" });
    const peter = await aMember(world, initech);
    const after = await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, {
      partners: { kind: "allow", organisations: [initech.organisation.id] },
    });
    expect(after.linking.partners).toEqual({ kind: "allow", organisations: [initech.organisation.id] });
    expect(await found(world, sato, lee)).toEqual([]);
    expect(await found(world, lee, sato)).toEqual([]);
    expect(await found(world, sato, peter)).toEqual([peter.id]);
    expect(await found(world, peter, sato)).toEqual([sato.id]);
  });

  it("R4: a block-list refuses the blocked organisation both ways", async () => {
    const world = aWorld();
    const { acme, globex, sato, lee } = await twoLinkableMembers(world);
    await world.book.organisations.setLinkingPolicy(globex.admin.id, globex.organisation.id, {
      partners: { kind: "block", organisations: [acme.organisation.id] },
    });
    expect(await found(world, sato, lee)).toEqual([]);
    expect(await found(world, lee, sato)).toEqual([]);
    await expect(world.book.contacts.addFromSearch(sato.id, lee.id)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    // The blocking side gets the same answer as for anyone it cannot add: its block-list is
    // a choice it made, not a switch it must fix (R10 reserves LINKING_DISABLED for that).
    await expect(world.book.contacts.addFromSearch(lee.id, sato.id)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await world.book.contacts.list(sato.id)).items).toEqual([]);
    expect((await world.book.contacts.list(lee.id)).items).toEqual([]);
  });

  it("R4: a block-list leaves every other organisation free to link", async () => {
    const world = aWorld();
    const { acme, globex, lee } = await twoLinkableMembers(world);
    const initech = await anOrganisation(world, { name: "Initech" });
    const peter = await aMember(world, initech);
    await world.book.organisations.setLinkingPolicy(globex.admin.id, globex.organisation.id, {
      partners: { kind: "block", organisations: [acme.organisation.id] },
    });
    expect(await found(world, peter, lee)).toEqual([lee.id]);
  });

  it("R4: lifting a block lets the organisations link again", async () => {
    const world = aWorld();
    const { acme, globex, sato, lee } = await twoLinkableMembers(world);
    await world.book.organisations.setLinkingPolicy(globex.admin.id, globex.organisation.id, {
      partners: { kind: "block", organisations: [acme.organisation.id] },
    });
    await world.book.organisations.setLinkingPolicy(globex.admin.id, globex.organisation.id, {
      partners: { kind: "any" },
    });
    expect(await found(world, sato, lee)).toEqual([lee.id]);
  });
});
