import { describe, expect, it } from "vitest";
import type { TalkAccess } from "../../src/index.js";
import { aWorld, twoLinkableMembers, type World } from "../support/builders.js";
import { talking } from "./organisations-world.js";

const suspended: TalkAccess = { canTalk: false, canViewHistory: true, reason: "linking_suspended" };

/** Sato (Acme) has added Lee (Globex); the link is active. */
async function linkedPair(world: World) {
  const parties = await twoLinkableMembers(world);
  const { contact } = await world.book.contacts.addFromSearch(parties.sato.id, parties.lee.id);
  return { ...parties, contact };
}

describe("R5: switching off suspends, switching on resumes", () => {
  it("R5: switching linking off suspends talk but keeps the contact and its history", async () => {
    const world = aWorld();
    const { acme, sato, contact } = await linkedPair(world);
    const listed = await world.book.contacts.list(sato.id);
    await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, { enabled: false });
    expect(await world.book.contacts.talkAccess(sato.id, contact.id)).toEqual(suspended);
    expect(await world.book.contacts.list(sato.id)).toEqual(listed);
    expect(listed.items.map((entry) => entry.contact.id)).toEqual([contact.id]);
  });

  it("R5: the partner switching off suspends talk on this side too", async () => {
    const world = aWorld();
    const { globex, sato, contact } = await linkedPair(world);
    await world.book.organisations.setLinkingPolicy(globex.admin.id, globex.organisation.id, {
      enabled: false,
    });
    expect(await world.book.contacts.talkAccess(sato.id, contact.id)).toEqual(suspended);
  });

  it("R5: narrowing the scope suspends talk for members left out", async () => {
    const world = aWorld();
    const { acme, sato, contact } = await linkedPair(world);
    await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, {
      scope: { kind: "listed", members: [acme.admin.id] },
    });
    expect(await world.book.contacts.talkAccess(sato.id, contact.id)).toEqual(suspended);
  });

  it("R5: blocking the partner suspends talk", async () => {
    const world = aWorld();
    const { acme, globex, sato, contact } = await linkedPair(world);
    await world.book.organisations.setLinkingPolicy(globex.admin.id, globex.organisation.id, {
      partners: { kind: "block", organisations: [acme.organisation.id] },
    });
    expect(await world.book.contacts.talkAccess(sato.id, contact.id)).toEqual(suspended);
  });

  it("R5: suspending a link deletes nothing from the store", async () => {
    const world = aWorld();
    const { acme, globex } = await linkedPair(world);
    const before = world.store.snapshot();
    await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, { enabled: false });
    await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, {
      scope: { kind: "listed", members: [] },
    });
    await world.book.organisations.setLinkingPolicy(globex.admin.id, globex.organisation.id, {
      partners: { kind: "block", organisations: [acme.organisation.id] },
    });
    const after = world.store.snapshot();
    expect(after.contacts).toEqual(before.contacts);
    expect(after.members).toEqual(before.members);
    expect(after.qrCodes).toEqual(before.qrCodes);
  });

  it("R5: switching back on resumes talk exactly as it was", async () => {
    const world = aWorld();
    const { acme, sato, contact } = await linkedPair(world);
    const before = await world.book.contacts.get(sato.id, contact.id);
    await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, { enabled: false });
    await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, { enabled: true });
    expect(await world.book.contacts.talkAccess(sato.id, contact.id)).toEqual(talking);
    expect(await world.book.contacts.get(sato.id, contact.id)).toEqual(before);
  });

  it("R5: widening the scope and lifting a block resume talk", async () => {
    const world = aWorld();
    const { acme, globex, sato, contact } = await linkedPair(world);
    await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, {
      scope: { kind: "listed", members: [] },
    });
    await world.book.organisations.setLinkingPolicy(globex.admin.id, globex.organisation.id, {
      partners: { kind: "block", organisations: [acme.organisation.id] },
    });
    await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, {
      scope: { kind: "listed", members: [sato.id] },
    });
    expect(await world.book.contacts.talkAccess(sato.id, contact.id)).toEqual(suspended);
    await world.book.organisations.setLinkingPolicy(globex.admin.id, globex.organisation.id, {
      partners: { kind: "any" },
    });
    expect(await world.book.contacts.talkAccess(sato.id, contact.id)).toEqual(talking);
  });
});
