import type { Contact, ContactId, Member, MemberId, NewCustomerInput } from "../../src/index.js";
import { aMember, aWorld, twoLinkableMembers, type World } from "../support/builders.js";

export type ListOptions = NonNullable<Parameters<World["book"]["contacts"]["list"]>[1]>;

let emailCounter = 0;

/** A customer contact of `owner`, with just enough to pass R22. */
export async function aCustomer(world: World, owner: MemberId, input: Partial<NewCustomerInput> = {}) {
  return world.book.contacts.addCustomer(owner, {
    emails: [{ address: `customer${++emailCounter}@example.com` }],
    ...input,
    ...(input.familyName === undefined && input.givenName === undefined ? { familyName: "顧客" } : {}),
  });
}

/** The ids on one page of `actor`'s book. */
export async function idsOn(world: World, actor: MemberId, options: ListOptions = {}): Promise<ContactId[]> {
  return (await world.book.contacts.list(actor, options)).items.map((entry) => entry.contact.id);
}

/** Every id of `actor`'s book, page after page. */
export async function allIds(world: World, actor: MemberId, options: ListOptions = {}): Promise<ContactId[]> {
  const ids: ContactId[] = [];
  let cursor: string | null = null;
  do {
    const page = await world.book.contacts.list(actor, { ...options, cursor });
    ids.push(...page.items.map((entry) => entry.contact.id));
    cursor = page.nextCursor;
    // A cursor that does not move forward would page for ever; no test book is this long.
    if (ids.length > 1000) throw new Error("paging does not end");
  } while (cursor !== null);
  return ids;
}

export const share = (
  world: World,
  owner: Member,
  contact: Contact,
  sharing: Parameters<World["book"]["contacts"]["share"]>[2],
) => world.book.contacts.share(owner.id, contact.id, sharing, { expectedVersion: contact.version });

/** Sato's book: her own customer and linked contacts, and colleagues' contacts shared or not. */
export async function aBookWithColleagues() {
  const world = aWorld();
  const { acme, globex, sato, lee } = await twoLinkableMembers(world);
  const tanaka = await aMember(world, acme, { displayName: "田中" });
  const kim = await aMember(world, globex, { displayName: "Kim" });
  const own = await aCustomer(world, sato.id, { familyName: "佐藤", familyNameReading: "さとう" });
  const ownLinked = (await world.book.contacts.addFromSearch(sato.id, lee.id)).contact;
  const forEveryone = await share(world, tanaka, await aCustomer(world, tanaka.id, { familyName: "伊藤" }), {
    visibility: "organisation",
  });
  const tanakaLinked = (await world.book.contacts.addFromSearch(tanaka.id, kim.id)).contact;
  const forSato = await share(world, tanaka, tanakaLinked, {
    visibility: "members",
    members: [sato.id],
    coEditing: true,
  });
  const notForSato = await aCustomer(world, tanaka.id, { familyName: "秘密" });
  const forSomeoneElse = await share(
    world,
    tanaka,
    await aCustomer(world, tanaka.id, { familyName: "別人" }),
    {
      visibility: "members",
      members: [acme.admin.id],
    },
  );
  return {
    world,
    acme,
    globex,
    sato,
    lee,
    tanaka,
    kim,
    own,
    ownLinked,
    forEveryone,
    forSato,
    notForSato,
    forSomeoneElse,
  };
}
