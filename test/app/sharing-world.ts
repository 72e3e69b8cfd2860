import { expect } from "vitest";
import type { Contact, MemberId, SharingInput } from "../../src/index.js";
import { aMember, aWorld, twoLinkableMembers, type World } from "../support/builders.js";

/** Sato's customer contact in Acme, with colleagues, an admin and someone at Globex around. */
export async function aSharingWorld() {
  const world = aWorld();
  const { acme, globex, sato, lee } = await twoLinkableMembers(world);
  const tanaka = await aMember(world, acme);
  const suzuki = await aMember(world, acme);
  const contact = await world.book.contacts.addCustomer(sato.id, {
    familyName: "山田",
    emails: [{ address: "yamada@example.com" }],
  });
  return { world, acme, globex, sato, lee, tanaka, suzuki, contact };
}

export async function sees(world: World, actor: MemberId, contact: Contact): Promise<boolean> {
  const listed = (await world.book.contacts.list(actor)).items.some(
    (entry) => entry.contact.id === contact.id,
  );
  const got = await world.book.contacts.get(actor, contact.id).then(
    () => true,
    (error: { code?: string }) => {
      expect(error.code).toBe("NOT_FOUND");
      return false;
    },
  );
  expect(listed).toBe(got);
  return got;
}

export async function shareAs(world: World, owner: MemberId, contact: Contact, sharing: SharingInput) {
  const current = await world.book.contacts.get(owner, contact.id);
  return world.book.contacts.share(owner, contact.id, sharing, { expectedVersion: current.version });
}
