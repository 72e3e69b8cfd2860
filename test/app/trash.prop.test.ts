import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type {
  Contact,
  ContactId,
  ContactPatchInput,
  ErrorCode,
  MemberId,
  PartnerbookEvent,
  SharingInput,
} from "../../src/index.js";
import { aWorld, type World } from "../support/builders.js";
import { allEvents } from "../support/events.js";

const day = 86_400_000;

/** An organisation keeping its trash for `retentionDays`, with its admin. */
function anOrganisationKeeping(world: World, name: string, retentionDays: number) {
  return world.book.organisations.create({
    name,
    trashRetentionDays: retentionDays,
    admin: { worksId: `${name.toLowerCase()}-admin`, displayName: `${name} Admin` },
  });
}

let serial = 0;
function addCustomer(world: World, owner: MemberId): Promise<Contact> {
  const n = ++serial;
  return world.book.contacts.addCustomer(owner, {
    familyName: `Customer ${n}`,
    emails: [{ address: `customer${n}@example.com` }],
  });
}

/** The code a step was refused with, or "ok". */
async function outcome(step: () => Promise<unknown>): Promise<"ok" | ErrorCode> {
  try {
    await step();
    return "ok";
  } catch (error) {
    const code = (error as { code?: ErrorCode }).code;
    if (code === undefined) throw error;
    return code;
  }
}

const sortedIds = (ids: Iterable<string>) => [...ids].sort();

describe("R32, R33: the restore boundary", () => {
  it("R32, R33: for every retention r and every moment t, restore succeeds iff t < trashedAt + r; exactly at the boundary it is gone", async () => {
    const aCase = fc.integer({ min: 1, max: 365 }).chain((retention) =>
      fc.record({
        retention: fc.constant(retention),
        // When in the day the contact is deleted: any millisecond.
        deletedAfter: fc.integer({ min: 0, max: day - 1 }),
        // Where t lies around the boundary: exactly on it, a millisecond either side, within a
        // day of it, or anywhere from the deletion on.
        offset: fc.oneof(
          fc.constantFrom(0, -1, 1),
          fc.integer({ min: -day, max: day }),
          fc.integer({ min: -retention * day, max: 30 * day }),
        ),
      }),
    );
    await fc.assert(
      fc.asyncProperty(aCase, async ({ retention, deletedAfter, offset }) => {
        const world = aWorld();
        const { admin } = await anOrganisationKeeping(world, "Acme", retention);
        const contact = await addCustomer(world, admin.id);
        world.clock.advance(deletedAfter);
        const trashedAt = world.clock.now().getTime();
        const entry = await world.book.trash.delete(admin.id, contact.id);
        const boundary = trashedAt + retention * day;
        expect(entry.purgeAt.getTime()).toBe(boundary);
        world.clock.set(new Date(boundary + offset));

        const inTrash = (await world.book.trash.list(admin.id)).items.map((item) => item.contact.id);
        const restored = await outcome(() => world.book.trash.restore(admin.id, contact.id));
        if (offset < 0) {
          expect(inTrash).toEqual([contact.id]);
          expect(restored).toBe("ok");
          expect((await world.book.contacts.get(admin.id, contact.id)).trash).toBeNull();
        } else {
          expect(inTrash).toEqual([]);
          expect(restored).toBe("NOT_FOUND");
          expect(await outcome(() => world.book.contacts.get(admin.id, contact.id))).toBe("NOT_FOUND");
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe("R32: restore brings back what was deleted", () => {
  const aName = fc
    .string({ minLength: 1, maxLength: 12 })
    .map((text) => text.trim())
    .filter((text) => text.length > 0);
  const aPatch: fc.Arbitrary<ContactPatchInput> = fc.record(
    {
      familyName: aName,
      givenName: fc.option(aName, { nil: null }),
      department: fc.option(aName, { nil: null }),
      title: fc.option(aName, { nil: null }),
      memo: fc.option(fc.string({ minLength: 1, maxLength: 200 }), { nil: null }),
      tags: fc.array(aName, { maxLength: 4 }),
      emails: fc.array(
        fc.constantFrom("a@example.com", "b@example.org", "c@example.net").map((address) => ({ address })),
        { minLength: 1, maxLength: 2 },
      ),
      websites: fc.array(fc.record({ label: fc.option(aName, { nil: null }), value: aName }), {
        maxLength: 2,
      }),
      dates: fc.array(
        fc.constantFrom({ label: "birthday", date: "--05-17" }, { label: "since", date: "2020-01-02" }),
        {
          maxLength: 2,
        },
      ),
    },
    { requiredKeys: [] },
  );
  type SharingChoice = "private" | "organisation" | "colleague" | "group";
  const aCase = fc.record({
    kind: fc.constantFrom<"linked" | "customer">("linked", "customer"),
    patch: aPatch,
    inGroup: fc.boolean(),
    sharing: fc.constantFrom<SharingChoice>("private", "organisation", "colleague", "group"),
    coEditing: fc.boolean(),
    restoreAfter: fc.integer({ min: 0, max: 30 * day - 1 }),
    nicknameWhileTrashed: fc.option(aName, { nil: undefined }),
    photoWhileTrashed: fc.option(fc.constantFrom("https://img.example/a.png", "https://img.example/b.png"), {
      nil: undefined,
    }),
  });

  it("R32: delete → restore returns a contact deep-equal to the one deleted, but for version/updatedAt and refreshed synced fields", async () => {
    await fc.assert(
      fc.asyncProperty(aCase, async (chosen) => {
        const world = aWorld();
        const acme = await anOrganisationKeeping(world, "Acme", 30);
        const globex = await anOrganisationKeeping(world, "Globex", 30);
        const sato = acme.admin;
        const kato = await world.book.members.create(sato.id, { worksId: "kato", displayName: "Kato" });
        const lee = await world.book.members.create(globex.admin.id, {
          worksId: "lee",
          displayName: "Lee Min",
          nickname: "Min",
        });
        const group = await world.book.groups.create(sato.id, { name: "Project", members: [kato.id] });
        let contact =
          chosen.kind === "linked"
            ? (await world.book.contacts.addFromSearch(sato.id, lee.id)).contact
            : await addCustomer(world, sato.id);
        contact = await world.book.contacts.edit(
          sato.id,
          contact.id,
          { ...chosen.patch, ...(chosen.inGroup ? { groups: [group.id] } : {}) },
          { expectedVersion: contact.version },
        );
        const sharing: SharingInput = {
          private: { visibility: "private" as const, coEditing: chosen.coEditing },
          organisation: { visibility: "organisation" as const, coEditing: chosen.coEditing },
          colleague: { visibility: "members" as const, members: [kato.id], coEditing: chosen.coEditing },
          group: { visibility: "members" as const, groups: [group.id], coEditing: chosen.coEditing },
        }[chosen.sharing];
        contact = await world.book.contacts.share(sato.id, contact.id, sharing, {
          expectedVersion: contact.version,
        });
        const deleted = await world.book.contacts.get(sato.id, contact.id);

        await world.book.trash.delete(sato.id, contact.id);
        world.clock.advance(chosen.restoreAfter);
        const profile = {
          ...(chosen.nicknameWhileTrashed === undefined ? {} : { nickname: chosen.nicknameWhileTrashed }),
          ...(chosen.photoWhileTrashed === undefined ? {} : { photoUrl: chosen.photoWhileTrashed }),
        };
        const current = await world.book.members.updateProfile(lee.id, profile);
        const restored = await world.book.trash.restore(sato.id, contact.id);

        const expected: Contact =
          deleted.kind === "linked"
            ? {
                ...deleted,
                synced: { nickname: current.nickname, company: "Globex", photoUrl: current.photoUrl },
              }
            : deleted;
        expect(restored).toEqual({
          ...expected,
          version: deleted.version + 2,
          updatedAt: world.clock.now(),
        });
        expect(await world.book.contacts.get(sato.id, contact.id)).toEqual(restored);
        const visibleToKato = chosen.sharing !== "private";
        expect((await world.book.contacts.list(kato.id)).items.map((entry) => entry.contact.id)).toEqual(
          visibleToKato ? [contact.id] : [],
        );
      }),
      { numRuns: 60 },
    );
  });
});

describe("R30–R34: delete, restore and purge against a model", () => {
  type State =
    | { readonly state: "live" }
    | { readonly state: "trashed"; readonly purgeAt: number }
    | { readonly state: "removed" };
  type Step =
    | { readonly op: "delete" | "restore" | "purge"; readonly which: number }
    | { readonly op: "advance"; readonly ms: number }
    | { readonly op: "toDeadline"; readonly which: number; readonly delta: number }
    | { readonly op: "purgeExpired" };

  const contacts = 4;
  const aWhich = fc.integer({ min: 0, max: contacts - 1 });
  const aStep: fc.Arbitrary<Step> = fc.oneof(
    { weight: 3, arbitrary: fc.record({ op: fc.constant("delete" as const), which: aWhich }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant("restore" as const), which: aWhich }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant("purge" as const), which: aWhich }) },
    {
      weight: 2,
      arbitrary: fc.record({ op: fc.constant("advance" as const), ms: fc.integer({ min: 0, max: 3 * day }) }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        op: fc.constant("toDeadline" as const),
        which: aWhich,
        delta: fc.constantFrom(-1, 0, 1),
      }),
    },
    { weight: 1, arbitrary: fc.constant({ op: "purgeExpired" as const }) },
  );

  it("R30–R34: any sequence of delete/restore/purge on several contacts never loses or duplicates a contact", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5 }),
        fc.array(aStep, { minLength: 1, maxLength: 30 }),
        async (retention, steps) => {
          const world = aWorld();
          const { admin } = await anOrganisationKeeping(world, "Acme", retention);
          const ids: ContactId[] = [];
          for (let i = 0; i < contacts; i++) ids.push((await addCustomer(world, admin.id)).id);
          const model = new Map<ContactId, State>(ids.map((id) => [id, { state: "live" }]));
          const now = () => world.clock.now().getTime();
          const gone = (state: State) => state.state === "trashed" && now() >= state.purgeAt;
          const restorable = (state: State) => state.state === "trashed" && now() < state.purgeAt;

          for (const step of steps) {
            if (step.op === "advance") {
              world.clock.advance(step.ms);
            } else if (step.op === "toDeadline") {
              const state = model.get(ids[step.which] as ContactId) as State;
              if (state.state === "trashed" && state.purgeAt + step.delta >= now()) {
                world.clock.set(new Date(state.purgeAt + step.delta));
              }
            } else if (step.op === "purgeExpired") {
              const due = [...model].filter(([, state]) => gone(state));
              expect(await world.book.trash.purgeExpired()).toBe(due.length);
              for (const [id] of due) model.set(id, { state: "removed" });
            } else {
              const id = ids[step.which] as ContactId;
              const state = model.get(id) as State;
              const result = await outcome(() => world.book.trash[step.op](admin.id, id));
              if (step.op === "delete") {
                expect(result).toBe(
                  state.state === "live" ? "ok" : restorable(state) ? "IN_TRASH" : "NOT_FOUND",
                );
                if (result === "ok") model.set(id, { state: "trashed", purgeAt: now() + retention * day });
              } else {
                expect(result).toBe(
                  restorable(state) ? "ok" : state.state === "live" ? "NOT_IN_TRASH" : "NOT_FOUND",
                );
                if (result === "ok") {
                  model.set(id, step.op === "restore" ? { state: "live" } : { state: "removed" });
                }
              }
            }

            const entries = [...model];
            const live = entries.filter(([, state]) => state.state === "live").map(([id]) => id);
            const inTrash = entries.filter(([, state]) => restorable(state)).map(([id]) => id);
            const stored = entries.filter(([, state]) => state.state !== "removed").map(([id]) => id);
            const listed = (await world.book.contacts.list(admin.id)).items.map((entry) => entry.contact.id);
            const trash = (await world.book.trash.list(admin.id)).items.map((entry) => entry.contact.id);
            expect(sortedIds(listed)).toEqual(sortedIds(live));
            expect(sortedIds(trash)).toEqual(sortedIds(inTrash));
            expect(new Set([...listed, ...trash]).size).toBe(listed.length + trash.length);
            expect(sortedIds(world.store.snapshot().contacts.map((contact) => contact.id))).toEqual(
              sortedIds(stored),
            );
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe("R33: purgeExpired", () => {
  const aSchedule = fc.record({
    retentions: fc.tuple(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 10 })),
    // Per contact: which organisation owns it, and after how long it is deleted (or never).
    contacts: fc.array(
      fc.record({
        organisation: fc.constantFrom(0, 1),
        deleteAfter: fc.option(fc.integer({ min: 0, max: 3 * day }), { nil: null }),
      }),
      { minLength: 1, maxLength: 8 },
    ),
    runs: fc.array(
      fc.record({
        advance: fc.oneof(fc.integer({ min: 0, max: 4 * day }), fc.constantFrom(0, 1, day)),
        batchSize: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 6 },
    ),
  });

  it("R33: purgeExpired never removes a contact that is not due, removes every one that is, and is idempotent", async () => {
    await fc.assert(
      fc.asyncProperty(aSchedule, async ({ retentions, contacts, runs }) => {
        const world = aWorld();
        const organisations = [
          await anOrganisationKeeping(world, "Acme", retentions[0]),
          await anOrganisationKeeping(world, "Globex", retentions[1]),
        ];
        const added = [];
        for (const planned of contacts) {
          const owner = (organisations[planned.organisation] as (typeof organisations)[number]).admin.id;
          added.push({ owner, deleteAfter: planned.deleteAfter, contact: await addCustomer(world, owner) });
        }
        const purgeAt = new Map<ContactId, number>();
        const start = world.clock.now().getTime();
        for (const planned of [...added].sort((a, b) => (a.deleteAfter ?? 0) - (b.deleteAfter ?? 0))) {
          if (planned.deleteAfter === null) continue;
          world.clock.set(new Date(start + planned.deleteAfter));
          const entry = await world.book.trash.delete(planned.owner, planned.contact.id);
          purgeAt.set(planned.contact.id, entry.purgeAt.getTime());
        }

        const purgedEvents = async () =>
          (
            await allEvents(
              world,
              organisations.map(({ organisation }) => organisation.id),
            )
          ).filter(
            (event): event is Extract<PartnerbookEvent, { type: "contact_purged" }> =>
              event.type === "contact_purged",
          );
        for (const run of runs) {
          world.clock.advance(run.advance);
          const now = world.clock.now().getTime();
          const before = world.store.snapshot().contacts.map((contact) => contact.id);
          const due = before.filter((id) => (purgeAt.get(id) ?? Number.POSITIVE_INFINITY) <= now);
          const eventsBefore = new Set((await purgedEvents()).map((event) => event.id));

          const removed = await world.book.trash.purgeExpired(
            run.batchSize === undefined ? undefined : { batchSize: run.batchSize },
          );
          const after = world.store.snapshot();
          expect(removed).toBe(due.length);
          expect(sortedIds(after.contacts.map((contact) => contact.id))).toEqual(
            sortedIds(before.filter((id) => !due.includes(id))),
          );
          const recorded = (await purgedEvents()).filter((event) => !eventsBefore.has(event.id));
          expect(sortedIds(recorded.map((event) => event.contactId))).toEqual(sortedIds(due));
          expect(recorded.every((event) => event.reason === "expired" && event.actorId === null)).toBe(true);

          expect(await world.book.trash.purgeExpired()).toBe(0);
          expect(world.store.snapshot()).toEqual(after);
        }
      }),
      { numRuns: 100 },
    );
  });
});
