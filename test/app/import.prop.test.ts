import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Clock,
  type ContactId,
  createPartnerbook,
  type ImportRecord,
  type ImportResult,
  type MemberId,
  type NewCustomerInput,
  type Partnerbook,
  type SharingInput,
  sequentialIds,
} from "../../src/index.js";
import { type MemoryStore, memoryStore } from "../../src/memory.js";
import { aCustomer } from "../../src/testing/records.js";
import { bookQuery, expectedBook, viewerOf } from "../../src/testing/suite.js";
import { start, testSecret } from "../support/builders.js";

// A few phones and emails, typed in several ways, so that random records often name the same
// person (090-1111-0001 is +81 90 1111 0001; A@Example.JP is a@example.jp).
const phones = ["090-1111-0001", "+81 90 1111 0001", "090-1111-0002", "03-2222-0003", "not a phone"];
const emails = ["a@example.jp", "A@Example.JP", "b@example.jp", "c@example.jp"];

const aContact: fc.Arbitrary<NewCustomerInput> = fc
  .record(
    {
      familyName: fc.constantFrom("山田", "鈴木", "Lee"),
      givenName: fc.constantFrom("太郎", "花子"),
      title: fc.constantFrom("部長", "課長"),
      memo: fc.constantFrom("展示会", "紹介"),
      company: fc.constantFrom("ヤマダ商事", "Globex"),
      phones: fc.subarray(phones, { maxLength: 2 }).map((numbers) => numbers.map((number) => ({ number }))),
      emails: fc
        .subarray(emails, { maxLength: 2 })
        .map((addresses) => addresses.map((address) => ({ address }))),
      tags: fc.subarray(["vip", "要フォロー", "展示会"]),
    },
    // Any key may be missing: records without a name, or without a phone or email, are invalid (R22).
    { requiredKeys: [] },
  )
  .map((contact) => contact as NewCustomerInput);

const aRecord: fc.Arbitrary<ImportRecord> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ line: fc.nat(500), contact: aContact }) },
  { weight: 1, arbitrary: fc.constant({ line: 3, error: { path: ["TEL"], message: "unreadable" } }) },
);

/** The book before the import: contacts already there (some in the trash), and how full it is. */
const aScene = fc.record({
  held: fc.array(fc.record({ contact: aContact, trashed: fc.boolean() }), { maxLength: 4 }),
  // How many more contacts the free organisation has room for (R16), at most.
  room: fc.constantFrom(500, 3, 1, 0),
  records: fc.array(aRecord, { maxLength: 12 }),
  onExisting: fc.constantFrom("skip" as const, "merge" as const),
});

type Scene = typeof aScene extends fc.Arbitrary<infer T> ? T : never;

/** A clock one millisecond later at every reading: no two records' contacts share an instant. */
function tickingClock(): Clock {
  let now = start.getTime();
  return { now: () => new Date(now++) };
}

async function setUp(scene: Scene): Promise<{ book: Partnerbook; store: MemoryStore; sato: MemberId }> {
  const store = memoryStore();
  const book = createPartnerbook({ store, clock: tickingClock(), ids: sequentialIds(), secret: testSecret });
  const { admin } = await book.organisations.create({
    name: "Acme",
    admin: { worksId: "admin", displayName: "Admin" },
  });
  const sato = (await book.members.create(admin.id, { worksId: "sato", displayName: "佐藤" })).id;
  for (const { contact, trashed } of scene.held) {
    const added = await book.contacts.addCustomer(sato, contact).catch(() => null);
    if (added !== null && trashed) await book.trash.delete(sato, added.id);
  }
  const live = store.snapshot().contacts.filter((contact) => contact.trash === null).length;
  // The admin's filler goes in straight through the store, in one transaction: it is only there
  // to leave `room` under the limit.
  await store.transaction(async (tx) => {
    for (let i = live; i < 500 - scene.room; i++) {
      await tx.contacts.insert(aCustomer(`con_filler_${i}`, admin, `Filler ${i}`));
    }
  });
  return { book, store, sato };
}

async function importAll(book: Partnerbook, actor: MemberId, scene: Scene, dryRun = false) {
  const results: ImportResult[] = [];
  const summary = await book.contacts.import(actor, scene.records, {
    onExisting: scene.onExisting,
    dryRun,
    onRecord: (result) => {
      results.push(result);
    },
  });
  return { results, summary };
}

/**
 * A result as a later run can reproduce it: a contact the run itself added is named by the
 * record that added it, since a dry run's ids are not kept.
 */
function comparable(results: readonly ImportResult[]) {
  const addedBy = new Map<ContactId, string>();
  return results.map((result) => {
    if (result.outcome === "added") {
      addedBy.set(result.contact.id, `added by record ${result.index}`);
      const { fields, profile, groups, sharing, version } = result.contact;
      return { ...result, contact: { fields, profile, groups, sharing, version } };
    }
    if (result.outcome === "existing") {
      return { ...result, contactId: addedBy.get(result.contactId) ?? result.contactId };
    }
    return result;
  });
}

describe("imports as properties", () => {
  it("per-record outcomes are reported once per record, in order, and their counts sum to the records given", async () => {
    await fc.assert(
      fc.asyncProperty(aScene, async (scene) => {
        const { book, sato } = await setUp(scene);
        const { results, summary } = await importAll(book, sato, scene);
        expect(results.map((result) => result.index)).toEqual(scene.records.map((_, i) => i));
        expect(results.map((result) => result.line)).toEqual(scene.records.map((r) => r.line ?? null));
        const tally = { done: results.length, added: 0, existing: 0, invalid: 0, refused: 0 };
        for (const result of results) tally[result.outcome]++;
        expect(summary).toEqual(tally);
        expect(summary.added + summary.existing + summary.invalid + summary.refused).toBe(
          scene.records.length,
        );
      }),
      { numRuns: 60 },
    );
  });

  it("importing any list twice adds nothing the second time, and changes nothing if the first refused nothing", async () => {
    await fc.assert(
      fc.asyncProperty(aScene, async (scene) => {
        const { book, store, sato } = await setUp(scene);
        const first = await importAll(book, sato, scene);
        const before = store.snapshot();
        const again = await importAll(book, sato, scene);
        expect(again.summary.added).toBe(0);
        // A record refused for want of room (R16) or because of the trash (R15) may find a
        // contact a later record of the first run made answer to one of its phones.
        if (first.summary.refused === 0 || scene.onExisting === "skip")
          expect(store.snapshot()).toEqual(before);
      }),
      { numRuns: 60 },
    );
  });

  it("a dry run writes nothing and predicts exactly the outcomes a real run then gives", async () => {
    await fc.assert(
      fc.asyncProperty(aScene, async (scene) => {
        const { book, store, sato } = await setUp(scene);
        const before = store.snapshot();
        const dry = await importAll(book, sato, scene, true);
        expect(store.snapshot()).toEqual(before);
        const real = await importAll(book, sato, scene);
        expect(dry.summary).toEqual(real.summary);
        expect(comparable(dry.results)).toEqual(comparable(real.results));
      }),
      { numRuns: 80 },
    );
  });
});

describe("exports as properties", () => {
  const members = ["sato", "suzuki", "tanaka"] as const;
  type Name = (typeof members)[number];
  const aSharing: fc.Arbitrary<SharingInput | null> = fc.oneof(
    fc.constant(null),
    fc.constant({ visibility: "organisation" as const }),
    fc
      .record({ members: fc.subarray([...members]), toGroup: fc.boolean() })
      .map(({ members: names, toGroup }) => ({ names, toGroup }) as never),
  );
  const aBook = fc.record({
    contacts: fc.array(
      fc.record({
        owner: fc.constantFrom(...members),
        name: fc.constantFrom("やまだ", "ヤマダ", "鈴木", "lee", "Ōno", "阿部"),
        sharing: aSharing,
        trashed: fc.boolean(),
      }),
      { maxLength: 14 },
    ),
    inGroup: fc.subarray([...members]),
    pageSize: fc.integer({ min: 1, max: 5 }),
  });

  it("R26, R27: export yields exactly the contacts canSee allows, each once, in book order", async () => {
    await fc.assert(
      fc.asyncProperty(aBook, async (shape) => {
        const store = memoryStore();
        const book = createPartnerbook({ store, ids: sequentialIds(), secret: testSecret });
        const { admin, organisation } = await book.organisations.create({
          name: "Acme",
          admin: { worksId: "admin", displayName: "Admin" },
        });
        const ids = {} as Record<Name, MemberId>;
        for (const name of members) {
          ids[name] = (await book.members.create(admin.id, { worksId: name, displayName: name })).id;
        }
        const group = await book.groups.create(admin.id, {
          name: "Project",
          members: shape.inGroup.map((name) => ids[name]),
        });
        for (const [i, planned] of shape.contacts.entries()) {
          const owner = ids[planned.owner];
          const contact = await book.contacts.addCustomer(owner, {
            familyName: planned.name,
            emails: [{ address: `c${i}@example.jp` }],
          });
          let version = contact.version;
          const sharing = planned.sharing as SharingInput | { names: Name[]; toGroup: boolean } | null;
          if (sharing !== null) {
            const input: SharingInput =
              "names" in sharing
                ? {
                    visibility: "members",
                    members: sharing.names.map((name) => ids[name]),
                    groups: sharing.toGroup ? [group.id] : [],
                  }
                : sharing;
            version = (await book.contacts.share(owner, contact.id, input, { expectedVersion: version }))
              .version;
          }
          if (planned.trashed) await book.trash.delete(owner, contact.id);
        }
        const stored = store.snapshot().contacts;
        for (const name of members) {
          const exported: string[] = [];
          for await (const contact of book.contacts.export(ids[name], { limit: shape.pageSize })) {
            exported.push(contact.id);
          }
          const member = store.snapshot().members.find((m) => m.id === ids[name]);
          if (member === undefined) throw new Error(`no member ${name}`);
          const viewer = viewerOf(member, shape.inGroup.includes(name) ? [group.id] : []);
          expect(new Set(exported).size).toBe(exported.length);
          expect(exported).toEqual(expectedBook(stored, bookQuery(viewer)));
          expect(member.organisationId).toBe(organisation.id);
        }
      }),
      { numRuns: 60 },
    );
  });
});
