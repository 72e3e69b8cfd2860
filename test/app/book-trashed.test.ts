import { describe, expect, it } from "vitest";
import { aMember, aWorld, twoLinkableMembers } from "../support/builders.js";
import { aCustomer, allIds, idsOn, type ListOptions, share } from "./book-world.js";

describe("R31: trashed contacts appear in no list", () => {
  it("R31: a trashed contact leaves every tab, query and group list of its owner and of those it was shared with", async () => {
    const world = aWorld();
    const { acme, sato, lee } = await twoLinkableMembers(world);
    const tanaka = await aMember(world, acme);
    const project = await world.book.groups.create(sato.id, { name: "Project" });
    const added = (await world.book.contacts.addFromSearch(sato.id, lee.id)).contact;
    const grouped = await world.book.contacts.edit(
      sato.id,
      added.id,
      { groups: [project.id], memo: "大事な人" },
      { expectedVersion: added.version },
    );
    await share(world, sato, grouped, { visibility: "organisation" });
    const stays = await aCustomer(world, sato.id);
    expect(await idsOn(world, tanaka.id)).toEqual([added.id]);
    await world.book.trash.delete(sato.id, added.id);
    const queries: ListOptions[] = [
      {},
      { tab: "external" },
      { query: "大事" },
      { group: project.id },
      { group: project.id, tab: "external" },
    ];
    for (const options of queries) {
      expect(await allIds(world, sato.id, options)).not.toContain(added.id);
      expect(await allIds(world, tanaka.id, options)).toEqual([]);
    }
    expect(await allIds(world, sato.id)).toEqual([stays.id]);
  });

  it("R32: a restored contact is listed again in its place", async () => {
    const world = aWorld();
    const { sato } = await twoLinkableMembers(world);
    const a = await aCustomer(world, sato.id, { familyNameReading: "あ" });
    const b = await aCustomer(world, sato.id, { familyNameReading: "い" });
    await world.book.trash.delete(sato.id, a.id);
    expect(await idsOn(world, sato.id)).toEqual([b.id]);
    await world.book.trash.restore(sato.id, a.id);
    expect(await idsOn(world, sato.id)).toEqual([a.id, b.id]);
  });
});
