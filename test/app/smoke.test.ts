import { describe, expect, it } from "vitest";
import { aWorld, twoLinkableMembers } from "../support/builders.js";

describe("end to end", () => {
  it("R12: a member found by works ID can be added and talked to at once", async () => {
    const world = aWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    const [card] = await world.book.search.byWorksId(sato.id, lee.worksId.toUpperCase());
    expect(card?.displayName).toBe("Lee Min");
    const added = await world.book.contacts.addFromSearch(sato.id, lee.id);
    expect(added.status).toBe("added");
    expect(await world.book.contacts.talkAccess(sato.id, added.contact.id)).toEqual({
      canTalk: true,
      canViewHistory: true,
      reason: "ok",
    });
  });
});
