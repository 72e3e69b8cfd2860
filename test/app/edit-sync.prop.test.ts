import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Contact, ContactPatchInput, LinkedContact, ProfilePatchInput } from "../../src/index.js";
import { aWorld, twoLinkableMembers } from "../support/builders.js";

// Realistic values: Japanese and Latin names, readings in both kana, `null` to clear.
const personName = fc.constantFrom(null, "山田", "佐藤", "鈴木", "髙橋", "Lee", "太郎", "花子", "Min");
const reading = fc.constantFrom(null, "やまだ", "ヤマダ", "さとう", "ﾀﾛｳ", "はなこ");
const nickname = fc.constantFrom(null, "ミン", "みんちゃん", "Minnie", "たろう", "ﾊﾅ");
const photoUrl = fc.constantFrom(null, "https://example.com/a.png", "https://cdn.example.jp/p/lee.jpg");
const companyName = fc.constantFrom(
  "Globex",
  "グローベックス株式会社",
  "Globex Japan",
  "株式会社グローベックス",
);

/** A change the external user makes to their own profile, synced fields or not. */
const profileChange: fc.Arbitrary<ProfilePatchInput> = fc.record(
  {
    displayName: fc.constantFrom("Lee Min", "李 敏", "山田 太郎"),
    familyName: personName,
    givenName: personName,
    nickname,
    photoUrl,
    mobilePhone: fc.constantFrom(null, "090-1234-5678", "080-2222-3333"),
    email: fc.constantFrom(null, "lee@globex.example", "min@example.jp"),
  },
  { requiredKeys: [] },
);

/** A step on the external user's side: a profile change, or a rename of their organisation. */
const syncStep = fc.oneof(
  fc.record({ kind: fc.constant("profile" as const), change: profileChange }),
  fc.record({ kind: fc.constant("rename" as const), name: companyName }),
);

/** A valid edit of the owner's own fields. */
const ownerPatch: fc.Arbitrary<ContactPatchInput> = fc.record(
  {
    familyName: personName,
    givenName: personName,
    familyNameReading: reading,
    givenNameReading: reading,
    department: fc.constantFrom(null, "営業部", "開発本部", "Sales"),
    title: fc.constantFrom(null, "部長", "課長", "CEO"),
    phones: fc.array(
      fc.record(
        {
          label: fc.constantFrom(null, "携帯", "会社"),
          number: fc.constantFrom(
            "090-1234-5678",
            "03-1234-5678",
            "+1 415 555 2671",
            "０９０-９８７６-５４３２",
          ),
        },
        { requiredKeys: ["number"] },
      ),
      { maxLength: 3 },
    ),
    emails: fc.array(fc.record({ address: fc.constantFrom("lee@globex.example", "Min.Lee@Example.JP") }), {
      maxLength: 2,
    }),
    addresses: fc.array(fc.record({ value: fc.constantFrom("東京都千代田区1-1", "大阪市北区2-2") }), {
      maxLength: 2,
    }),
    dates: fc.array(
      fc.record({
        label: fc.constantFrom("誕生日", "記念日"),
        date: fc.constantFrom("--04-01", "1990-12-24"),
      }),
      { maxLength: 2 },
    ),
    memo: fc.constantFrom(null, "", "展示会で名刺交換", "来月再訪"),
    tags: fc.array(fc.constantFrom("VIP", "見込み", "取引中"), { maxLength: 3 }),
    customFields: fc.array(
      fc.record({ label: fc.constantFrom("社員番号"), value: fc.constantFrom("A-1", "B-2") }),
      {
        maxLength: 1,
      },
    ),
  },
  { requiredKeys: [] },
);

type Step =
  | { readonly kind: "profile"; readonly change: ProfilePatchInput }
  | { readonly kind: "rename"; readonly name: string }
  | { readonly kind: "edit"; readonly patch: ContactPatchInput };

const step: fc.Arbitrary<Step> = fc.oneof(
  syncStep,
  fc.record({ kind: fc.constant("edit" as const), patch: ownerPatch }),
);

/** A fresh world with Sato (Acme) holding a linked contact of Lee (Globex), and a way to run steps. */
async function aScene() {
  const world = aWorld();
  const { globex, sato, lee } = await twoLinkableMembers(world);
  const { contact } = await world.book.contacts.addFromSearch(sato.id, lee.id);
  const current = () => world.book.contacts.get(sato.id, contact.id);
  async function run(s: Step): Promise<void> {
    if (s.kind === "profile") await world.book.members.updateProfile(lee.id, s.change);
    else if (s.kind === "rename")
      await world.book.organisations.rename(globex.admin.id, globex.organisation.id, s.name);
    else {
      const { version } = await current();
      await world.book.contacts.edit(sato.id, contact.id, s.patch, { expectedVersion: version });
    }
  }
  return { world, current, run };
}

/** Everything about a contact except when and how often it was written. */
function content(contact: Contact) {
  const { version: _version, updatedAt: _updatedAt, ...rest } = contact;
  return rest;
}

const isSync = (s: Step) => s.kind !== "edit";

describe("edit and sync keep to their own parts (R23, R24, R25)", () => {
  it("R24: sync never changes an owner field — any profile changes and renames leave fields, groups and sharing as they were", async () => {
    await fc.assert(
      fc.asyncProperty(
        ownerPatch,
        fc.array(syncStep, { minLength: 1, maxLength: 6 }),
        async (patch, syncs) => {
          const { current, run } = await aScene();
          await run({ kind: "edit", patch });
          const before = await current();
          for (const s of syncs) await run(s);
          const after = await current();
          expect(after.fields).toEqual(before.fields);
          expect(after.groups).toEqual(before.groups);
          expect(after.sharing).toEqual(before.sharing);
          expect(after.version).toBe(before.version);
        },
      ),
      { numRuns: 75 },
    );
  });

  it("R23: edit never changes a synced field — any valid owner patches leave the synced part as the profile says", async () => {
    await fc.assert(
      fc.asyncProperty(
        profileChange,
        fc.array(ownerPatch, { minLength: 1, maxLength: 4 }),
        async (change, patches) => {
          const { current, run } = await aScene();
          await run({ kind: "profile", change });
          const before = (await current()) as LinkedContact;
          for (const patch of patches) await run({ kind: "edit", patch });
          const after = (await current()) as LinkedContact;
          expect(after.kind).toBe("linked");
          expect(after.synced).toEqual(before.synced);
        },
      ),
      { numRuns: 75 },
    );
  });

  it("R23, R24: sync and edit commute — syncs first, edits first or interleaved, the contact ends the same", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 8 }), async (steps) => {
        const orders = [
          steps,
          [...steps.filter(isSync), ...steps.filter((s) => !isSync(s))],
          [...steps.filter((s) => !isSync(s)), ...steps.filter(isSync)],
        ];
        const ends = [];
        for (const order of orders) {
          const { current, run } = await aScene();
          for (const s of order) await run(s);
          ends.push(content(await current()));
        }
        expect(ends[1]).toEqual(ends[0]);
        expect(ends[2]).toEqual(ends[0]);
      }),
      { numRuns: 60 },
    );
  });
});
