import { describe, expect, it } from "vitest";
import { asContactId, asMemberId, type Contact, type MemberId, sortKeyOf } from "../../src/index.js";
import { aMember, anOrganisation, aWorld, twoLinkableMembers, type World } from "../support/builders.js";
import { eventsOf, everyEvent } from "../support/events.js";

const theCustomer = { familyName: "山田", phones: [{ number: "090-1111-2222" }] };

async function fillBook(world: World, owner: MemberId, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await world.book.contacts.addCustomer(owner, {
      givenName: `Customer ${i}`,
      emails: [{ address: `c${i}@example.com` }],
    });
  }
}

describe("adding from a search result", () => {
  it("R12: adding a search result creates a linked contact with the target's synced profile", async () => {
    const world = aWorld();
    const { acme, globex } = await twoLinkableMembers(world);
    const sato = await aMember(world, acme);
    const lee = await aMember(world, globex, {
      displayName: "Lee Min",
      familyName: "Lee",
      givenName: "Min",
      nickname: "Minnie",
      photoUrl: "https://example.com/lee.png",
    });
    const added = await world.book.contacts.addFromSearch(sato.id, lee.id);
    expect(added.status).toBe("added");
    expect(added.contact).toMatchObject({
      kind: "linked",
      ownerId: sato.id,
      organisationId: acme.organisation.id,
      targetMemberId: lee.id,
      targetOrganisationId: globex.organisation.id,
      synced: { nickname: "Minnie", company: "Globex", photoUrl: "https://example.com/lee.png" },
      fields: { familyName: "Lee", givenName: "Min", phones: [], emails: [], memo: null },
      trash: null,
    });
    expect(await world.book.contacts.get(sato.id, added.contact.id)).toEqual(added.contact);
  });

  it("R12: a target without family or given name starts with the display name as family name", async () => {
    const world = aWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    const { contact } = await world.book.contacts.addFromSearch(sato.id, lee.id);
    expect(contact.fields.familyName).toBe("Lee Min");
    expect(contact.fields.givenName).toBeNull();
  });

  it("R12: talk is possible at once after adding", async () => {
    const world = aWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    const { contact } = await world.book.contacts.addFromSearch(sato.id, lee.id);
    expect(await world.book.contacts.talkAccess(sato.id, contact.id)).toEqual({
      canTalk: true,
      canViewHistory: true,
      reason: "ok",
    });
  });

  it("R3: the adder's own side off is an explicit LINKING_DISABLED and changes nothing", async () => {
    const world = aWorld();
    const acme = await anOrganisation(world, { linking: false });
    const globex = await anOrganisation(world);
    const sato = await aMember(world, acme);
    const lee = await aMember(world, globex);
    const before = world.store.snapshot();
    await expect(world.book.contacts.addFromSearch(sato.id, lee.id)).rejects.toMatchObject({
      code: "LINKING_DISABLED",
      details: { reason: "linking_off" },
    });
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R2: an adder outside their own organisation's scope gets LINKING_DISABLED", async () => {
    const world = aWorld();
    const { acme, sato, lee } = await twoLinkableMembers(world);
    await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, {
      scope: { kind: "listed", members: [acme.admin.id] },
    });
    await expect(world.book.contacts.addFromSearch(sato.id, lee.id)).rejects.toMatchObject({
      code: "LINKING_DISABLED",
      details: { reason: "out_of_scope" },
    });
  });

  it("R10: target side off, unknown member and same-organisation member are the same NOT_FOUND", async () => {
    const world = aWorld();
    const { acme, sato } = await twoLinkableMembers(world);
    const closed = await anOrganisation(world, { linking: false });
    const behindClosedDoors = await aMember(world, closed);
    const colleague = await aMember(world, acme);
    const before = world.store.snapshot();
    const refusals = await Promise.all(
      [behindClosedDoors.id, asMemberId("mem_nobody"), colleague.id, sato.id].map((target) =>
        world.book.contacts.addFromSearch(sato.id, target).then(
          () => "added",
          (error: unknown) => error,
        ),
      ),
    );
    for (const refusal of refusals) expect(refusal).toMatchObject({ code: "NOT_FOUND" });
    const messages = new Set(refusals.map((refusal) => (refusal as Error).message));
    expect(messages.size).toBe(1);
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R10: a target outside their organisation's scope is NOT_FOUND", async () => {
    const world = aWorld();
    const { globex, sato, lee } = await twoLinkableMembers(world);
    await world.book.organisations.setLinkingPolicy(globex.admin.id, globex.organisation.id, {
      scope: { kind: "listed", members: [globex.admin.id] },
    });
    await expect(world.book.contacts.addFromSearch(sato.id, lee.id)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("R4: a target whose organisation blocks the adder's is NOT_FOUND", async () => {
    const world = aWorld();
    const { acme, globex, sato, lee } = await twoLinkableMembers(world);
    await world.book.organisations.setLinkingPolicy(globex.admin.id, globex.organisation.id, {
      partners: { kind: "block", organisations: [acme.organisation.id] },
    });
    await expect(world.book.contacts.addFromSearch(sato.id, lee.id)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("an unknown adder is UNKNOWN_ACTOR", async () => {
    const world = aWorld();
    const { lee } = await twoLinkableMembers(world);
    await expect(world.book.contacts.addFromSearch(asMemberId("mem_ghost"), lee.id)).rejects.toMatchObject({
      code: "UNKNOWN_ACTOR",
    });
  });
});

describe("QR codes", () => {
  it("R13: adding with the token of someone's QR code creates a linked contact", async () => {
    const world = aWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    const { token } = await world.book.qrCodes.mine(lee.id);
    const added = await world.book.contacts.addFromQr(sato.id, token);
    expect(added.status).toBe("added");
    expect(added.contact).toMatchObject({ kind: "linked", ownerId: sato.id, targetMemberId: lee.id });
    expect((await world.book.contacts.talkAccess(sato.id, added.contact.id)).canTalk).toBe(true);
  });

  it("R13: my QR token is stable between calls", async () => {
    const world = aWorld();
    const { lee } = await twoLinkableMembers(world);
    const first = await world.book.qrCodes.mine(lee.id);
    const second = await world.book.qrCodes.mine(lee.id);
    expect(second.token).toBe(first.token);
  });

  it("R13: the token is opaque, not the raw works ID or member id", async () => {
    const world = aWorld();
    const { lee } = await twoLinkableMembers(world);
    const { token } = await world.book.qrCodes.mine(lee.id);
    expect(token).not.toContain(lee.worksId);
    expect(token).not.toContain(lee.id);
  });

  it("R13: re-issuing invalidates the old token and the new one works", async () => {
    const world = aWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    const old = await world.book.qrCodes.mine(lee.id);
    const renewed = await world.book.qrCodes.reissue(lee.id);
    expect(renewed.token).not.toBe(old.token);
    expect((await world.book.qrCodes.mine(lee.id)).token).toBe(renewed.token);
    const before = world.store.snapshot();
    await expect(world.book.contacts.addFromQr(sato.id, old.token)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(world.store.snapshot()).toEqual(before);
    const added = await world.book.contacts.addFromQr(sato.id, renewed.token);
    expect(added.contact).toMatchObject({ targetMemberId: lee.id });
  });

  it("R13: an unknown token is NOT_FOUND and an empty one is VALIDATION", async () => {
    const world = aWorld();
    const { sato } = await twoLinkableMembers(world);
    await expect(world.book.contacts.addFromQr(sato.id, "no-such-token")).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(world.book.contacts.addFromQr(sato.id, "  ")).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("R10: scanning the QR code of a member whose organisation is off is NOT_FOUND", async () => {
    const world = aWorld();
    const { globex, sato, lee } = await twoLinkableMembers(world);
    const { token } = await world.book.qrCodes.mine(lee.id);
    await world.book.organisations.setLinkingPolicy(globex.admin.id, globex.organisation.id, {
      enabled: false,
    });
    await expect(world.book.contacts.addFromQr(sato.id, token)).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "no external user you can add",
    });
  });

  it("R3: scanning a colleague's QR code is NOT_FOUND", async () => {
    const world = aWorld();
    const { acme, sato } = await twoLinkableMembers(world);
    const colleague = await aMember(world, acme);
    const { token } = await world.book.qrCodes.mine(colleague.id);
    await expect(world.book.contacts.addFromQr(sato.id, token)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("customer contacts", () => {
  it("R14: a customer contact typed in by hand is linked to nobody, phones in E.164 with the raw kept", async () => {
    const world = aWorld();
    const { sato } = await twoLinkableMembers(world);
    const contact = await world.book.contacts.addCustomer(sato.id, {
      familyName: "山田",
      givenName: "太郎",
      company: "Yamada Shoten",
      phones: [{ label: "mobile", number: "090-1234-5678" }, { number: "+1 (415) 555-2671" }],
      emails: [{ address: "taro@yamada.example" }],
    });
    expect(contact).toMatchObject({
      kind: "customer",
      ownerId: sato.id,
      profile: { company: "Yamada Shoten", nickname: null, photoUrl: null },
      fields: {
        familyName: "山田",
        givenName: "太郎",
        phones: [
          { label: "mobile", e164: "+819012345678", raw: "090-1234-5678" },
          { label: null, e164: "+14155552671", raw: "+1 (415) 555-2671" },
        ],
        emails: [{ label: null, address: "taro@yamada.example" }],
      },
    });
    expect(contact).not.toHaveProperty("targetMemberId");
    expect(await world.book.contacts.get(sato.id, contact.id)).toEqual(contact);
  });

  it("R22: a customer contact without a family or given name is refused with the issue path", async () => {
    const world = aWorld();
    const { sato } = await twoLinkableMembers(world);
    const before = world.store.snapshot();
    await expect(
      world.book.contacts.addCustomer(sato.id, {
        company: "Nameless",
        phones: [{ number: "090-1111-2222" }],
      }),
    ).rejects.toMatchObject({ code: "VALIDATION", issues: [{ path: ["familyName"] }] });
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R22: a customer contact without a phone or an email is refused with the issue path", async () => {
    const world = aWorld();
    const { sato } = await twoLinkableMembers(world);
    await expect(world.book.contacts.addCustomer(sato.id, { givenName: "太郎" })).rejects.toMatchObject({
      code: "VALIDATION",
      issues: [{ path: ["phones"] }],
    });
    await expect(
      world.book.contacts.addCustomer(sato.id, { givenName: "太郎", phones: [], emails: [] }),
    ).rejects.toMatchObject({ code: "VALIDATION", issues: [{ path: ["phones"] }] });
  });

  it("R22: a name and an email alone are enough", async () => {
    const world = aWorld();
    const { sato } = await twoLinkableMembers(world);
    const contact = await world.book.contacts.addCustomer(sato.id, {
      givenName: "太郎",
      emails: [{ address: "taro@example.com" }],
    });
    expect(contact.fields.phones).toEqual([]);
  });

  it("R14: a phone that is not a phone number is refused with its path and changes nothing", async () => {
    const world = aWorld();
    const { sato } = await twoLinkableMembers(world);
    const before = world.store.snapshot();
    await expect(
      world.book.contacts.addCustomer(sato.id, {
        familyName: "山田",
        phones: [{ number: "090-1111-2222" }, { number: "not a number" }],
      }),
    ).rejects.toMatchObject({ code: "VALIDATION", issues: [{ path: ["phones", 1, "number"] }] });
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R14: talk access through a customer contact is refused as customer_contact", async () => {
    const world = aWorld();
    const { sato } = await twoLinkableMembers(world);
    const contact = await world.book.contacts.addCustomer(sato.id, theCustomer);
    expect(await world.book.contacts.talkAccess(sato.id, contact.id)).toEqual({
      canTalk: false,
      canViewHistory: false,
      reason: "customer_contact",
    });
  });
});

describe("adding someone already in the book", () => {
  it("R15: adding someone twice returns the existing contact", async () => {
    const world = aWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    const first = await world.book.contacts.addFromSearch(sato.id, lee.id);
    const afterFirst = world.store.snapshot();
    const second = await world.book.contacts.addFromSearch(sato.id, lee.id);
    expect(second.status).toBe("existing");
    expect(second.contact.id).toBe(first.contact.id);
    expect(world.store.snapshot()).toEqual(afterFirst);
    const page = await world.book.contacts.list(sato.id);
    expect(page.items.map((entry) => entry.contact.id)).toEqual([first.contact.id]);
  });

  it("R15: adding by QR someone already added by search returns the same contact", async () => {
    const world = aWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    const bySearch = await world.book.contacts.addFromSearch(sato.id, lee.id);
    const { token } = await world.book.qrCodes.mine(lee.id);
    const byQr = await world.book.contacts.addFromQr(sato.id, token);
    expect(byQr).toMatchObject({ status: "existing", contact: { id: bySearch.contact.id } });
    expect((await world.book.contacts.list(sato.id)).items).toHaveLength(1);
  });

  it("R15: the existing contact shows the target's current profile", async () => {
    const world = aWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    await world.book.contacts.addFromSearch(sato.id, lee.id);
    await world.book.members.updateProfile(lee.id, { nickname: "Minny" });
    const again = await world.book.contacts.addFromSearch(sato.id, lee.id);
    expect(again.contact.kind === "linked" && again.contact.synced.nickname).toBe("Minny");
  });

  it("R15: the same person in two owners' books is one contact each", async () => {
    const world = aWorld();
    const { acme, sato, lee } = await twoLinkableMembers(world);
    const colleague = await aMember(world, acme);
    const mine = await world.book.contacts.addFromSearch(sato.id, lee.id);
    const theirs = await world.book.contacts.addFromSearch(colleague.id, lee.id);
    expect(theirs.status).toBe("added");
    expect(theirs.contact.id).not.toBe(mine.contact.id);
  });
});

describe("limits", () => {
  it("R16: a free organisation holding 500 contacts refuses the 501st and changes nothing", async () => {
    const world = aWorld();
    const { acme, sato, lee } = await twoLinkableMembers(world);
    const colleague = await aMember(world, acme);
    await fillBook(world, sato.id, 499);
    await world.book.contacts.addCustomer(colleague.id, theCustomer);
    const before = world.store.snapshot();
    expect(before.contacts).toHaveLength(500);
    await expect(world.book.contacts.addCustomer(sato.id, theCustomer)).rejects.toMatchObject({
      code: "LIMIT_REACHED",
      details: { limit: 500 },
    });
    await expect(world.book.contacts.addCustomer(colleague.id, theCustomer)).rejects.toMatchObject({
      code: "LIMIT_REACHED",
    });
    await expect(world.book.contacts.addFromSearch(sato.id, lee.id)).rejects.toMatchObject({
      code: "LIMIT_REACHED",
    });
    const { token } = await world.book.qrCodes.mine(lee.id);
    const withToken = world.store.snapshot();
    await expect(world.book.contacts.addFromQr(sato.id, token)).rejects.toMatchObject({
      code: "LIMIT_REACHED",
    });
    expect(world.store.snapshot()).toEqual(withToken);
    expect(withToken.contacts).toEqual(before.contacts);
  });

  it("R16: the limit is per organisation, so another organisation still has room", async () => {
    const world = aWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    await fillBook(world, sato.id, 500);
    const added = await world.book.contacts.addFromSearch(lee.id, sato.id);
    expect(added.status).toBe("added");
  });

  it("R15: at the limit, adding someone already in the book still returns the existing contact", async () => {
    const world = aWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    const first = await world.book.contacts.addFromSearch(sato.id, lee.id);
    await fillBook(world, sato.id, 499);
    const again = await world.book.contacts.addFromSearch(sato.id, lee.id);
    expect(again).toMatchObject({ status: "existing", contact: { id: first.contact.id } });
  });

  it("R16: a paid organisation may hold more than 500 contacts", async () => {
    const world = aWorld();
    const paid = await anOrganisation(world, { plan: "standard" });
    await fillBook(world, paid.admin.id, 500);
    const contact = await world.book.contacts.addCustomer(paid.admin.id, theCustomer);
    expect(contact.kind).toBe("customer");
    expect(world.store.snapshot().contacts).toHaveLength(501);
  });
});

describe("reading the book", () => {
  async function sharedScene() {
    const world = aWorld();
    const { globex, sato, lee } = await twoLinkableMembers(world);
    const outsider = await aMember(world, globex);
    const linked = (await world.book.contacts.addFromSearch(sato.id, lee.id)).contact;
    const customer = await world.book.contacts.addCustomer(sato.id, theCustomer);
    return { world, sato, lee, outsider, linked, customer };
  }

  it("contacts.get by someone who is not the owner is NOT_FOUND", async () => {
    const { world, lee, outsider, linked, customer } = await sharedScene();
    for (const viewer of [lee.id, outsider.id]) {
      for (const contact of [linked, customer]) {
        await expect(world.book.contacts.get(viewer, contact.id)).rejects.toMatchObject({
          code: "NOT_FOUND",
        });
      }
    }
  });

  it("contacts.get of an unknown id is the same NOT_FOUND as someone else's contact", async () => {
    const { world, lee, linked } = await sharedScene();
    const unknown = await world.book.contacts.get(lee.id, asContactId("con_nope")).catch((e: Error) => e);
    const foreign = await world.book.contacts.get(lee.id, linked.id).catch((e: Error) => e);
    expect(unknown).toMatchObject({ code: "NOT_FOUND" });
    expect(foreign).toMatchObject({ code: "NOT_FOUND" });
  });

  it("contacts.talkAccess by someone who is not the owner is NOT_FOUND", async () => {
    const { world, lee, outsider, linked, customer } = await sharedScene();
    for (const viewer of [lee.id, outsider.id]) {
      for (const contact of [linked, customer]) {
        await expect(world.book.contacts.talkAccess(viewer, contact.id)).rejects.toMatchObject({
          code: "NOT_FOUND",
        });
      }
    }
  });

  it("contacts.list shows only the actor's own contacts; an unknown actor is UNKNOWN_ACTOR", async () => {
    const { world, sato, lee, outsider, linked, customer } = await sharedScene();
    const own = await world.book.contacts.list(sato.id);
    expect(own.items.map((entry) => entry.contact.id).sort()).toEqual([linked.id, customer.id].sort());
    expect((await world.book.contacts.list(lee.id)).items).toEqual([]);
    expect((await world.book.contacts.list(outsider.id)).items).toEqual([]);
    await expect(world.book.contacts.list(asMemberId("mem_ghost"))).rejects.toMatchObject({
      code: "UNKNOWN_ACTOR",
    });
  });

  it("contacts.list pages with limit and cursor visit every contact exactly once", async () => {
    const world = aWorld();
    const { sato } = await twoLinkableMembers(world);
    await fillBook(world, sato.id, 11);
    const seen: Contact[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof world.book.contacts.list>> = await world.book.contacts.list(
        sato.id,
        { limit: 4, cursor },
      );
      expect(page.items.length).toBeLessThanOrEqual(4);
      seen.push(...page.items.map((entry) => entry.contact));
      cursor = page.nextCursor;
      pages++;
    } while (cursor !== null && pages < 10);
    expect(pages).toBe(3);
    const ids = seen.map((contact) => contact.id);
    expect(new Set(ids).size).toBe(11);
    expect(ids).toHaveLength(11);
    // R26: the book's order — by name (sort key), then id.
    const order = (c: Contact) => `${sortKeyOf(c)}\u0000${c.id}`;
    expect(seen.map(order)).toEqual(seen.map(order).sort());
  });

  it("contacts.list refuses a limit out of range", async () => {
    const world = aWorld();
    const { sato } = await twoLinkableMembers(world);
    await expect(world.book.contacts.list(sato.id, { limit: 0 })).rejects.toMatchObject({
      code: "VALIDATION",
    });
    await expect(world.book.contacts.list(sato.id, { limit: 201 })).rejects.toMatchObject({
      code: "VALIDATION",
    });
  });
});

describe("events", () => {
  it("R35: each add records contact_added with how it was added", async () => {
    const world = aWorld();
    const { acme, sato, lee } = await twoLinkableMembers(world);
    const colleague = await aMember(world, acme);
    const bySearch = await world.book.contacts.addFromSearch(sato.id, lee.id);
    const { token } = await world.book.qrCodes.mine(lee.id);
    const byQr = await world.book.contacts.addFromQr(colleague.id, token);
    const byHand = await world.book.contacts.addCustomer(sato.id, theCustomer);
    const added = (await eventsOf(world.book, acme.admin.id, acme.organisation.id)).filter(
      (event) => event.type === "contact_added",
    );
    expect(added).toEqual([
      expect.objectContaining({
        actorId: sato.id,
        contactId: bySearch.contact.id,
        ownerId: sato.id,
        kind: "linked",
        via: "search",
      }),
      expect.objectContaining({
        actorId: colleague.id,
        contactId: byQr.contact.id,
        ownerId: colleague.id,
        kind: "linked",
        via: "qr",
      }),
      expect.objectContaining({
        actorId: sato.id,
        contactId: byHand.id,
        ownerId: sato.id,
        kind: "customer",
        via: "manual",
      }),
    ]);
  });

  it("R35: adding someone already in the book records no second contact_added", async () => {
    const world = aWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    await world.book.contacts.addFromSearch(sato.id, lee.id);
    await world.book.contacts.addFromSearch(sato.id, lee.id);
    const added = (await everyEvent(world)).filter((event) => event.type === "contact_added");
    expect(added).toHaveLength(1);
  });

  it("R35: issuing a QR code records qr_code_issued, and no token appears in any event", async () => {
    const world = aWorld();
    const { globex, lee } = await twoLinkableMembers(world);
    const first = await world.book.qrCodes.mine(lee.id);
    await world.book.qrCodes.mine(lee.id);
    const second = await world.book.qrCodes.reissue(lee.id);
    const events = await everyEvent(world);
    const issued = events.filter((event) => event.type === "qr_code_issued");
    const inLeesOrganisation = { organisationId: globex.organisation.id, actorId: lee.id, memberId: lee.id };
    expect(issued).toEqual([
      expect.objectContaining(inLeesOrganisation),
      expect.objectContaining(inLeesOrganisation),
    ]);
    const log = JSON.stringify(events);
    expect(log).not.toContain(first.token);
    expect(log).not.toContain(second.token);
  });

  it("R35: a refused add records no event", async () => {
    const world = aWorld();
    const { sato } = await twoLinkableMembers(world);
    const before = await everyEvent(world);
    await expect(world.book.contacts.addFromSearch(sato.id, asMemberId("mem_nobody"))).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await everyEvent(world)).toEqual(before);
  });

  it("R35: subscribers hear contact_added once the add has committed", async () => {
    const world = aWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    const heard: string[] = [];
    const unsubscribe = world.book.events.subscribe((event) => heard.push(event.type));
    await world.book.contacts.addFromSearch(sato.id, lee.id);
    await expect(world.book.contacts.addFromSearch(sato.id, asMemberId("mem_nobody"))).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    unsubscribe();
    expect(heard).toEqual(["contact_added"]);
  });
});

describe("R10: an adder whose own side is closed learns nothing about the target", () => {
  it("R10: unknown ids, colleagues, live and bogus QR tokens all get the same LINKING_DISABLED", async () => {
    const world = aWorld();
    const { acme, sato, lee } = await twoLinkableMembers(world);
    const colleague = await aMember(world, acme);
    const { token } = await world.book.qrCodes.mine(lee.id);
    await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, { enabled: false });
    const answers = await Promise.all([
      world.book.contacts.addFromSearch(sato.id, lee.id).catch((e: unknown) => e),
      world.book.contacts.addFromSearch(sato.id, asMemberId("mem_nobody")).catch((e: unknown) => e),
      world.book.contacts.addFromSearch(sato.id, colleague.id).catch((e: unknown) => e),
      world.book.contacts.addFromQr(sato.id, token).catch((e: unknown) => e),
      world.book.contacts.addFromQr(sato.id, "no-such-token").catch((e: unknown) => e),
    ]);
    for (const answer of answers) {
      expect(answer).toMatchObject({ code: "LINKING_DISABLED", details: { reason: "linking_off" } });
      expect((answer as Error).message).toBe((answers[0] as Error).message);
    }
  });
});
