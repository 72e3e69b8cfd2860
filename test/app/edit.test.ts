import { describe, expect, it } from "vitest";
import {
  type Contact,
  type ContactPatchInput,
  type LinkedContact,
  type MemberId,
  PartnerbookError,
  type PartnerbookEvent,
} from "../../src/index.js";
import { aMember, anOrganisation, aWorld, twoLinkableMembers, type World } from "../support/builders.js";
import { everyEvent } from "../support/events.js";

/** A patch the compiler would refuse (R25 in the types), to prove the run-time refusal too. */
const unchecked = (patch: object) => patch as ContactPatchInput;

async function aLinkedScene() {
  const world = aWorld();
  const { acme, globex, sato, lee } = await twoLinkableMembers(world);
  const { contact } = await world.book.contacts.addFromSearch(sato.id, lee.id);
  return { world, acme, globex, sato, lee, contact };
}

async function aCustomerScene(input: Parameters<World["book"]["contacts"]["addCustomer"]>[1]) {
  const world = aWorld();
  const { acme, sato } = await twoLinkableMembers(world);
  const contact = await world.book.contacts.addCustomer(sato.id, input);
  return { world, acme, sato, contact };
}

function edit(world: World, actor: MemberId, contact: Contact, patch: ContactPatchInput) {
  return world.book.contacts.edit(actor, contact.id, patch, { expectedVersion: contact.version });
}

async function editEvents(world: World): Promise<PartnerbookEvent[]> {
  return (await everyEvent(world)).filter((event) => event.type === "contact_edited");
}

async function refusal(promise: Promise<unknown>): Promise<PartnerbookError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PartnerbookError);
  return error as PartnerbookError;
}

describe("R24: the owner edits their own data on a linked contact", () => {
  it("R24: the owner edits names, readings, department and title", async () => {
    const { world, sato, contact } = await aLinkedScene();
    const edited = await edit(world, sato.id, contact, {
      familyName: "李",
      givenName: "敏",
      familyNameReading: "り",
      givenNameReading: "みん",
      department: "海外営業部",
      title: "部長",
    });
    expect(edited.fields).toEqual({
      ...contact.fields,
      familyName: "李",
      givenName: "敏",
      familyNameReading: "り",
      givenNameReading: "みん",
      department: "海外営業部",
      title: "部長",
    });
    expect(await world.book.contacts.get(sato.id, contact.id)).toEqual(edited);
  });

  it("R24: `null` clears a name the contact started with", async () => {
    const { world, sato, contact } = await aLinkedScene();
    expect(contact.fields.familyName).toBe("Lee Min");
    const edited = await edit(world, sato.id, contact, { familyName: null, givenName: "Min" });
    expect(edited.fields).toMatchObject({ familyName: null, givenName: "Min" });
  });

  it("R24: phones are normalised to E.164 with the raw input and label kept", async () => {
    const { world, sato, contact } = await aLinkedScene();
    const edited = await edit(world, sato.id, contact, {
      phones: [{ label: "携帯", number: "090-1234-5678" }, { number: "+1 (415) 555-2671" }],
    });
    expect(edited.fields.phones).toEqual([
      { label: "携帯", e164: "+819012345678", raw: "090-1234-5678" },
      { label: null, e164: "+14155552671", raw: "+1 (415) 555-2671" },
    ]);
    expect((await world.book.contacts.get(sato.id, contact.id)).fields.phones).toEqual(edited.fields.phones);
  });

  it("R21: a phone that is not a phone number is VALIDATION at its path and changes nothing", async () => {
    const { world, sato, contact } = await aLinkedScene();
    const before = world.store.snapshot();
    await expect(
      edit(world, sato.id, contact, { phones: [{ number: "090-1234-5678" }, { number: "call me" }] }),
    ).rejects.toMatchObject({ code: "VALIDATION", issues: [{ path: ["phones", 1, "number"] }] });
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R24: emails are kept exactly as typed", async () => {
    const { world, sato, contact } = await aLinkedScene();
    const edited = await edit(world, sato.id, contact, {
      emails: [{ label: "work", address: "Lee.Min@Globex.Example" }, { address: "min@example.jp" }],
    });
    expect(edited.fields.emails).toEqual([
      { label: "work", address: "Lee.Min@Globex.Example" },
      { label: null, address: "min@example.jp" },
    ]);
  });

  it("R24: addresses, websites, messengers, dates and custom fields are the owner's lists", async () => {
    const { world, sato, contact } = await aLinkedScene();
    const edited = await edit(world, sato.id, contact, {
      addresses: [{ label: "本社", value: "東京都千代田区丸の内1-1-1" }],
      websites: [{ value: "https://globex.example" }],
      messengers: [{ label: "LINE", value: "@leemin" }],
      dates: [
        { label: "誕生日", date: "--04-01" },
        { label: "創立記念日", date: "1999-10-10" },
      ],
      customFields: [{ label: "社員番号", value: "G-0042" }],
    });
    expect(edited.fields).toMatchObject({
      addresses: [{ label: "本社", value: "東京都千代田区丸の内1-1-1" }],
      websites: [{ label: null, value: "https://globex.example" }],
      messengers: [{ label: "LINE", value: "@leemin" }],
      dates: [
        { label: "誕生日", date: "--04-01" },
        { label: "創立記念日", date: "1999-10-10" },
      ],
      customFields: [{ label: "社員番号", value: "G-0042" }],
    });
    expect(await world.book.contacts.get(sato.id, contact.id)).toEqual(edited);
  });

  it("R21: a date that is neither YYYY-MM-DD nor --MM-DD is VALIDATION", async () => {
    const { world, sato, contact } = await aLinkedScene();
    await expect(
      edit(world, sato.id, contact, { dates: [{ label: "誕生日", date: "4月1日" }] }),
    ).rejects.toMatchObject({ code: "VALIDATION", issues: [{ path: ["dates", 0, "date"] }] });
  });

  it("R24: memo and tags are the owner's; an empty memo clears it", async () => {
    const { world, sato, contact } = await aLinkedScene();
    const edited = await edit(world, sato.id, contact, {
      memo: "展示会で名刺交換。来月に再訪予定。",
      tags: ["VIP", "見込み"],
    });
    expect(edited.fields).toMatchObject({
      memo: "展示会で名刺交換。来月に再訪予定。",
      tags: ["VIP", "見込み"],
    });
    const cleared = await edit(world, sato.id, edited, { memo: "" });
    expect(cleared.fields.memo).toBeNull();
  });

  it("R24: the owner puts a linked contact into groups of their organisation", async () => {
    const { world, sato, contact } = await aLinkedScene();
    const project = await world.book.groups.create(sato.id, { name: "プロジェクトA" });
    const edited = await edit(world, sato.id, contact, { groups: [project.id, project.id] });
    expect(edited.groups).toEqual([project.id]);
    const page = await world.book.contacts.list(sato.id, { group: project.id });
    expect(page.items.map((entry) => entry.contact.id)).toEqual([contact.id]);
  });

  it("R27: a group of another organisation is VALIDATION and changes nothing", async () => {
    const { world, sato, lee, contact } = await aLinkedScene();
    const theirs = await world.book.groups.create(lee.id, { name: "Globex team" });
    const before = world.store.snapshot();
    await expect(edit(world, sato.id, contact, { groups: [theirs.id] })).rejects.toMatchObject({
      code: "VALIDATION",
      issues: [{ path: ["groups", 0] }],
    });
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R24: editing every owner field of a linked contact leaves its synced part as it was", async () => {
    const { world, sato, contact } = await aLinkedScene();
    const edited = await edit(world, sato.id, contact, {
      familyName: "李",
      givenName: "敏",
      department: "営業部",
      phones: [{ number: "03-1234-5678" }],
      emails: [{ address: "lee@example.com" }],
      memo: "メモ",
      tags: ["取引中"],
    });
    expect(edited).toMatchObject({
      kind: "linked",
      synced: { nickname: "Min", company: "Globex", photoUrl: null },
    });
    expect((edited as LinkedContact).synced).toEqual((contact as LinkedContact).synced);
  });

  it("R22: a linked contact needs no name, phone or email: the owner may clear them all", async () => {
    const { world, sato, contact } = await aLinkedScene();
    const withPhone = await edit(world, sato.id, contact, { phones: [{ number: "090-1234-5678" }] });
    const bare = await edit(world, sato.id, withPhone, { familyName: null, givenName: null, phones: [] });
    expect(bare.fields).toMatchObject({ familyName: null, givenName: null, phones: [], emails: [] });
  });
});

describe("R21: limits of the contact record", () => {
  const itemOf = {
    phones: (i: number) => ({ number: `090-1234-${String(i).padStart(4, "0")}` }),
    emails: (i: number) => ({ address: `person${i}@example.com` }),
    addresses: (i: number) => ({ value: `東京都千代田区${i}` }),
    websites: (i: number) => ({ value: `https://example.com/${i}` }),
    messengers: (i: number) => ({ label: "LINE", value: `@user${i}` }),
    dates: (i: number) => ({ label: `記念日${i}`, date: "--04-01" }),
    tags: (i: number) => `タグ${i}`,
    customFields: (i: number) => ({ label: `項目${i}`, value: String(i) }),
    groups: (i: number) => `grp_${i}`,
  } as const;
  const listsOf = (count: number, list: keyof typeof itemOf) =>
    unchecked({ [list]: Array.from({ length: count }, (_, i) => itemOf[list](i)) });

  it.each(Object.keys(itemOf) as (keyof typeof itemOf)[])(
    "R21: 101 %s are refused with VALIDATION naming the list, and nothing changes",
    async (list) => {
      const { world, sato, contact } = await aLinkedScene();
      const before = world.store.snapshot();
      const error = await refusal(edit(world, sato.id, contact, listsOf(101, list)));
      expect(error.code).toBe("VALIDATION");
      expect(error.issues.map((issue) => issue.path)).toEqual([[list]]);
      expect(world.store.snapshot()).toEqual(before);
    },
  );

  it.each(Object.keys(itemOf).filter((list) => list !== "groups") as (keyof typeof itemOf)[])(
    "R21: 100 %s are accepted",
    async (list) => {
      const { world, sato, contact } = await aLinkedScene();
      const edited = await edit(world, sato.id, contact, listsOf(100, list));
      expect(edited.fields[list as Exclude<typeof list, "groups">]).toHaveLength(100);
    },
  );

  it("R21: 101 phones are refused on a customer contact too", async () => {
    const { world, sato, contact } = await aCustomerScene({
      familyName: "山田",
      phones: [{ number: "090-1111-2222" }],
    });
    await expect(edit(world, sato.id, contact, listsOf(101, "phones"))).rejects.toMatchObject({
      code: "VALIDATION",
      issues: [{ path: ["phones"] }],
    });
  });

  it("R21: a memo of 4,000 characters is accepted", async () => {
    const { world, sato, contact } = await aLinkedScene();
    const memo = "あ".repeat(4000);
    const edited = await edit(world, sato.id, contact, { memo });
    expect(edited.fields.memo).toBe(memo);
    expect(edited.fields.memo).toHaveLength(4000);
  });

  it("R21: a memo of 4,001 characters is VALIDATION and changes nothing", async () => {
    const { world, sato, contact } = await aLinkedScene();
    const before = world.store.snapshot();
    await expect(edit(world, sato.id, contact, { memo: "あ".repeat(4001) })).rejects.toMatchObject({
      code: "VALIDATION",
      issues: [{ path: ["memo"] }],
    });
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R21: an over-long memo sinks the whole edit, other fields included", async () => {
    const { world, sato, contact } = await aLinkedScene();
    const before = world.store.snapshot();
    await expect(
      edit(world, sato.id, contact, { familyName: "李", memo: "x".repeat(4001) }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    expect(world.store.snapshot()).toEqual(before);
  });
});

describe("R25: synced fields cannot be edited", () => {
  it.each(["company", "nickname", "photoUrl"] as const)(
    "R25: an edit naming %s on a linked contact is SYNCED_FIELD naming it, and nothing changes",
    async (field) => {
      const { world, sato, contact } = await aLinkedScene();
      const value = field === "photoUrl" ? "https://example.com/fake.png" : "偽物";
      const before = world.store.snapshot();
      await expect(edit(world, sato.id, contact, unchecked({ [field]: value }))).rejects.toMatchObject({
        code: "SYNCED_FIELD",
        details: { field },
      });
      expect(world.store.snapshot()).toEqual(before);
    },
  );

  it("R25: an edit mixing allowed fields with a synced one is refused as a whole", async () => {
    const { world, sato, contact } = await aLinkedScene();
    const before = world.store.snapshot();
    await expect(
      edit(
        world,
        sato.id,
        contact,
        unchecked({ memo: "これは保存されない", familyName: "李", tags: ["VIP"], company: "Initech" }),
      ),
    ).rejects.toMatchObject({ code: "SYNCED_FIELD", details: { field: "company" } });
    expect(world.store.snapshot()).toEqual(before);
    const current = await world.book.contacts.get(sato.id, contact.id);
    expect(current).toEqual(contact);
    expect(await editEvents(world)).toEqual([]);
  });

  it("R25: a synced field set to null is refused too", async () => {
    const { world, sato, contact } = await aLinkedScene();
    await expect(
      edit(world, sato.id, contact, unchecked({ nickname: null, givenName: "敏" })),
    ).rejects.toMatchObject({ code: "SYNCED_FIELD", details: { field: "nickname" } });
  });

  it.each(["company", "nickname", "photoUrl"] as const)(
    "R25: `profile.%s` on a linked contact is SYNCED_FIELD naming it, and nothing changes",
    async (field) => {
      const { world, sato, contact } = await aLinkedScene();
      const value = field === "photoUrl" ? "https://example.com/fake.png" : "偽物";
      const before = world.store.snapshot();
      await expect(
        edit(world, sato.id, contact, { memo: "保存されない", profile: { [field]: value } }),
      ).rejects.toMatchObject({ code: "SYNCED_FIELD", details: { field } });
      expect(world.store.snapshot()).toEqual(before);
    },
  );

  it("R25: the refusal message names the field for a person to read", async () => {
    const { world, sato, contact } = await aLinkedScene();
    const error = await refusal(edit(world, sato.id, contact, { profile: { company: "Initech" } }));
    expect(error.message).toContain("company");
  });

  it("R25: in the types, a patch naming a synced field does not compile", async () => {
    const { world, sato, contact } = await aLinkedScene();
    const before = world.store.snapshot();
    await expect(
      world.book.contacts.edit(
        sato.id,
        contact.id,
        // @ts-expect-error R25: `company` is synced on a linked contact, so the patch type forbids it
        { company: "x" },
        { expectedVersion: contact.version },
      ),
    ).rejects.toMatchObject({ code: "SYNCED_FIELD", details: { field: "company" } });
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R14: on a customer contact `profile.company` (and nickname, photo) is the owner's to edit", async () => {
    const { world, sato, contact } = await aCustomerScene({
      familyName: "山田",
      company: "山田商店",
      phones: [{ number: "090-1111-2222" }],
    });
    const edited = await edit(world, sato.id, contact, {
      profile: { company: "山田商事株式会社", nickname: "やまちゃん", photoUrl: "https://example.com/y.png" },
    });
    expect(edited).toMatchObject({
      kind: "customer",
      version: contact.version + 1,
      profile: { company: "山田商事株式会社", nickname: "やまちゃん", photoUrl: "https://example.com/y.png" },
    });
    expect(await world.book.contacts.get(sato.id, contact.id)).toEqual(edited);
    const [event] = await editEvents(world);
    expect(event).toMatchObject({ fields: expect.arrayContaining(["profile.company"]) });
  });

  it("R14: a customer's profile company named at the top level is refused, pointing to `profile`", async () => {
    const { world, sato, contact } = await aCustomerScene({
      familyName: "山田",
      phones: [{ number: "090-1111-2222" }],
    });
    const before = world.store.snapshot();
    await expect(edit(world, sato.id, contact, unchecked({ company: "山田商事" }))).rejects.toMatchObject({
      code: "VALIDATION",
    });
    expect(world.store.snapshot()).toEqual(before);
  });
});

describe("R25: versions", () => {
  it("R25: a successful edit bumps the version by exactly one and stamps the time", async () => {
    const { world, sato, contact } = await aLinkedScene();
    world.clock.advance(60_000);
    const edited = await edit(world, sato.id, contact, { memo: "一回目" });
    expect(edited.version).toBe(contact.version + 1);
    expect(edited.updatedAt).toEqual(world.clock.now());
    expect(edited.createdAt).toEqual(contact.createdAt);
    const again = await edit(world, sato.id, edited, { memo: "二回目" });
    expect(again.version).toBe(contact.version + 2);
  });

  it("R25: a stale expectedVersion is CONFLICT with the current version, and nothing is overwritten", async () => {
    const { world, sato, contact } = await aLinkedScene();
    const first = await edit(world, sato.id, contact, { memo: "先に保存した内容" });
    const before = world.store.snapshot();
    await expect(
      world.book.contacts.edit(
        sato.id,
        contact.id,
        { memo: "古い版からの上書き" },
        { expectedVersion: contact.version },
      ),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      details: { currentVersion: first.version, contactId: contact.id },
    });
    expect(world.store.snapshot()).toEqual(before);
    expect((await world.book.contacts.get(sato.id, contact.id)).fields.memo).toBe("先に保存した内容");
  });

  it("R25: an expectedVersion ahead of the contact is CONFLICT too", async () => {
    const { world, sato, contact } = await aLinkedScene();
    await expect(
      world.book.contacts.edit(sato.id, contact.id, { memo: "x" }, { expectedVersion: contact.version + 1 }),
    ).rejects.toMatchObject({ code: "CONFLICT", details: { currentVersion: contact.version } });
  });

  it("R25: of two edits made on the same version at once, one wins and the other is CONFLICT", async () => {
    const { world, sato, contact } = await aLinkedScene();
    const results = await Promise.allSettled([
      edit(world, sato.id, contact, { memo: "A" }),
      edit(world, sato.id, contact, { memo: "B" }),
    ]);
    const won = results.filter((result) => result.status === "fulfilled");
    const lost = results.filter((result) => result.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]).toMatchObject({ reason: { code: "CONFLICT" } });
    const winner = (won[0] as PromiseFulfilledResult<Contact>).value;
    expect(await world.book.contacts.get(sato.id, contact.id)).toEqual(winner);
    expect(winner.version).toBe(contact.version + 1);
  });

  it("R25: expectedVersion is required", async () => {
    const { world, sato, contact } = await aLinkedScene();
    await expect(
      world.book.contacts.edit(sato.id, contact.id, { memo: "x" }, unchecked({}) as never),
    ).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("R24: an edit that changes nothing returns the contact at the same version and records nothing", async () => {
    const { world, sato, contact } = await aLinkedScene();
    const edited = await edit(world, sato.id, contact, { memo: "同じ", tags: ["VIP"] });
    const before = world.store.snapshot();
    world.clock.advance(60_000);
    const same = await edit(world, sato.id, edited, {
      memo: "同じ",
      tags: ["VIP"],
      familyName: edited.fields.familyName,
    });
    expect(same).toEqual(edited);
    expect(same.version).toBe(edited.version);
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R24: an empty patch changes nothing and records nothing", async () => {
    const { world, sato, contact } = await aLinkedScene();
    const before = world.store.snapshot();
    const same = await edit(world, sato.id, contact, {});
    expect(same).toEqual(contact);
    expect(world.store.snapshot()).toEqual(before);
  });
});

describe("R22: a customer contact keeps a name and a way to reach them", () => {
  it("R22: removing the last phone of a customer without email is VALIDATION and changes nothing", async () => {
    const { world, sato, contact } = await aCustomerScene({
      familyName: "山田",
      phones: [{ number: "090-1111-2222" }],
    });
    const before = world.store.snapshot();
    await expect(edit(world, sato.id, contact, { phones: [] })).rejects.toMatchObject({
      code: "VALIDATION",
      details: { issues: [{ path: ["phones"] }] },
    });
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R22: removing the last phone and the last email in one edit is VALIDATION and changes nothing", async () => {
    const { world, sato, contact } = await aCustomerScene({
      familyName: "山田",
      phones: [{ number: "090-1111-2222" }],
      emails: [{ address: "yamada@example.com" }],
    });
    const before = world.store.snapshot();
    await expect(
      edit(world, sato.id, contact, { phones: [], emails: [], memo: "連絡先なし" }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R22: removing the phone while an email remains is fine", async () => {
    const { world, sato, contact } = await aCustomerScene({
      familyName: "山田",
      phones: [{ number: "090-1111-2222" }],
      emails: [{ address: "yamada@example.com" }],
    });
    const edited = await edit(world, sato.id, contact, { phones: [] });
    expect(edited.fields).toMatchObject({ phones: [], emails: [{ address: "yamada@example.com" }] });
  });

  it("R22: clearing both names of a customer contact is VALIDATION and changes nothing", async () => {
    const { world, sato, contact } = await aCustomerScene({
      familyName: "山田",
      givenName: "太郎",
      phones: [{ number: "090-1111-2222" }],
    });
    const before = world.store.snapshot();
    await expect(edit(world, sato.id, contact, { familyName: null, givenName: null })).rejects.toMatchObject({
      code: "VALIDATION",
      details: { issues: [{ path: ["familyName"] }] },
    });
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R22: clearing one name while the other remains is fine", async () => {
    const { world, sato, contact } = await aCustomerScene({
      familyName: "山田",
      givenName: "太郎",
      phones: [{ number: "090-1111-2222" }],
    });
    const edited = await edit(world, sato.id, contact, { familyName: null });
    expect(edited.fields).toMatchObject({ familyName: null, givenName: "太郎" });
  });
});

describe("R24, R27: who may edit", () => {
  it("R27: a colleague who cannot see the contact gets NOT_FOUND and nothing changes", async () => {
    const { world, acme, contact } = await aLinkedScene();
    const colleague = await aMember(world, acme);
    const before = world.store.snapshot();
    await expect(edit(world, colleague.id, contact, { memo: "x" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R27: a colleague who sees a shared contact without co-editing gets NOT_PERMITTED", async () => {
    const { world, acme, sato, contact } = await aLinkedScene();
    const colleague = await aMember(world, acme);
    const shared = await world.book.contacts.share(
      sato.id,
      contact.id,
      { visibility: "organisation" },
      { expectedVersion: contact.version },
    );
    await expect(edit(world, colleague.id, shared, { memo: "x" })).rejects.toMatchObject({
      code: "NOT_PERMITTED",
    });
  });

  it("R31: a contact in the trash cannot be edited", async () => {
    const { world, sato, contact } = await aLinkedScene();
    const { contact: trashed } = await world.book.trash.delete(sato.id, contact.id);
    await expect(edit(world, sato.id, trashed, { memo: "x" })).rejects.toMatchObject({ code: "IN_TRASH" });
  });

  it("R24: another organisation's member cannot edit it", async () => {
    const { world, contact } = await aLinkedScene();
    const other = await anOrganisation(world);
    await expect(edit(world, other.admin.id, contact, { memo: "x" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("R35: edit events", () => {
  it("R35: a successful edit records contact_edited with the actor and the changed field names", async () => {
    const { world, acme, sato, contact } = await aLinkedScene();
    const project = await world.book.groups.create(sato.id, { name: "案件B" });
    await edit(world, sato.id, contact, {
      familyName: contact.fields.familyName,
      memo: "メモ",
      phones: [{ number: "090-1234-5678" }],
      groups: [project.id],
    });
    const events = await editEvents(world);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: "contact_edited",
      organisationId: acme.organisation.id,
      actorId: sato.id,
      contactId: contact.id,
    });
    const fields = (events[0] as Extract<PartnerbookEvent, { type: "contact_edited" }>).fields;
    expect([...fields].sort()).toEqual(["groups", "memo", "phones"]);
  });

  it("R35: a co-editor's edit is recorded with the co-editor as the actor", async () => {
    const { world, acme, sato, contact } = await aLinkedScene();
    const colleague = await aMember(world, acme);
    const shared = await world.book.contacts.share(
      sato.id,
      contact.id,
      { visibility: "organisation", coEditing: true },
      { expectedVersion: contact.version },
    );
    await edit(world, colleague.id, shared, { memo: "同僚のメモ" });
    expect(await editEvents(world)).toEqual([
      expect.objectContaining({ actorId: colleague.id, contactId: contact.id, fields: ["memo"] }),
    ]);
  });

  it("R35: the contact_edited event carries field names only, never the values", async () => {
    const { world, sato, contact } = await aLinkedScene();
    await edit(world, sato.id, contact, {
      phones: [{ number: "090-9876-5432" }],
      emails: [{ address: "secret@example.com" }],
    });
    const log = JSON.stringify(await editEvents(world));
    expect(log).not.toContain("9876");
    expect(log).not.toContain("secret@example.com");
  });

  it("R35: refused edits record no event", async () => {
    const { world, sato, contact } = await aLinkedScene();
    await edit(world, sato.id, contact, unchecked({ company: "x" })).catch(() => undefined);
    await edit(world, sato.id, contact, { memo: "x".repeat(4001) }).catch(() => undefined);
    await world.book.contacts
      .edit(sato.id, contact.id, { memo: "x" }, { expectedVersion: contact.version + 5 })
      .catch(() => undefined);
    expect(await editEvents(world)).toEqual([]);
  });

  it("R35: subscribers hear contact_edited once the edit has committed", async () => {
    const { world, sato, contact } = await aLinkedScene();
    const heard: PartnerbookEvent[] = [];
    const unsubscribe = world.book.events.subscribe((event) => heard.push(event));
    await edit(world, sato.id, contact, { title: "課長" });
    await edit(world, sato.id, contact, unchecked({ photoUrl: null })).catch(() => undefined);
    unsubscribe();
    expect(heard).toEqual([expect.objectContaining({ type: "contact_edited", fields: ["title"] })]);
  });
});
