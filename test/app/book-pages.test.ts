import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Contact, ContactId, Member } from "../../src/index.js";
import { aMember, aWorld, twoLinkableMembers } from "../support/builders.js";
import { aCustomer, share } from "./book-world.js";

describe("R26: pages", () => {
  it("R26: pages of a small limit cover the book once, in order, and the last page says so", async () => {
    const world = aWorld();
    const { sato } = await twoLinkableMembers(world);
    const readings = ["お", "え", "う", "い", "あ"];
    const made = [];
    for (const reading of readings)
      made.push(await aCustomer(world, sato.id, { familyNameReading: reading }));
    const first = await world.book.contacts.list(sato.id, { limit: 2 });
    const second = await world.book.contacts.list(sato.id, { limit: 2, cursor: first.nextCursor });
    const third = await world.book.contacts.list(sato.id, { limit: 2, cursor: second.nextCursor });
    expect([...first.items, ...second.items, ...third.items].map((entry) => entry.contact.id)).toEqual(
      made.map((contact) => contact.id).reverse(),
    );
    expect(third.items).toHaveLength(1);
    expect(third.nextCursor).toBeNull();
  });

  it("R26: a book that fills its last page exactly has no next cursor", async () => {
    const world = aWorld();
    const { sato } = await twoLinkableMembers(world);
    for (let i = 0; i < 4; i++) await aCustomer(world, sato.id);
    const first = await world.book.contacts.list(sato.id, { limit: 2 });
    expect(first.nextCursor).not.toBeNull();
    const second = await world.book.contacts.list(sato.id, { limit: 2, cursor: first.nextCursor });
    expect(second.items).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
  });

  it("R26: a cursor the book did not give out is VALIDATION", async () => {
    const world = aWorld();
    const { sato } = await twoLinkableMembers(world);
    await expect(world.book.contacts.list(sato.id, { cursor: "not-a-cursor!" })).rejects.toMatchObject({
      code: "VALIDATION",
      issues: [{ path: ["cursor"] }],
    });
    const notAPosition = Buffer.from('{"a":1}').toString("base64url");
    await expect(world.book.contacts.list(sato.id, { cursor: notAPosition })).rejects.toMatchObject({
      code: "VALIDATION",
    });
  });

  it("R26: a limit outside 1–200 is VALIDATION", async () => {
    const world = aWorld();
    const { sato } = await twoLinkableMembers(world);
    for (const limit of [0, 201, 1.5]) {
      await expect(world.book.contacts.list(sato.id, { limit })).rejects.toMatchObject({
        code: "VALIDATION",
      });
    }
  });
});

describe("R26 as a property", () => {
  /** How a contact reaches Sato's book: her own, or a colleague's shared one way or two ways at once. */
  type Source = "own" | "everyone" | "her and her team";
  type Action =
    | { readonly kind: "add"; readonly source: Source; readonly reading: string }
    | { readonly kind: "trash"; readonly pick: number };

  const source = fc.constantFrom<Source>("own", "everyone", "her and her team");
  const reading = fc.constantFrom("あ", "い", "う", "か", "き", "さ", "や", "ヤ", "ｶ");
  const action: fc.Arbitrary<Action> = fc.oneof(
    fc.record({ kind: fc.constant("add" as const), source, reading }),
    fc.record({ kind: fc.constant("trash" as const), pick: fc.nat() }),
  );

  it("R26: cursor pagination never skips or repeats a contact that stays, while others are added or trashed", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ source, reading }), { maxLength: 12 }),
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.array(action, { maxLength: 3 }), { maxLength: 15 }),
        async (initial, limit, between) => {
          const world = aWorld();
          const { acme, sato } = await twoLinkableMembers(world);
          const tanaka = await aMember(world, acme);
          const team = await world.book.groups.create(tanaka.id, { name: "Team", members: [sato.id] });
          const live = new Map<ContactId, Member>();
          async function add(from: Source, familyNameReading: string) {
            const owner = from === "own" ? sato : tanaka;
            let contact: Contact = await aCustomer(world, owner.id, { familyNameReading });
            if (from === "everyone")
              contact = await share(world, owner, contact, { visibility: "organisation" });
            if (from === "her and her team") {
              contact = await share(world, owner, contact, {
                visibility: "members",
                members: [sato.id],
                groups: [team.id],
              });
            }
            live.set(contact.id, owner);
          }
          for (const contact of initial) await add(contact.source, contact.reading);
          const present = new Set(live.keys());

          const seen: ContactId[] = [];
          let cursor: string | null = null;
          let step = 0;
          do {
            const page = await world.book.contacts.list(sato.id, { limit, cursor });
            expect(page.items.length).toBeLessThanOrEqual(limit);
            seen.push(...page.items.map((entry) => entry.contact.id));
            cursor = page.nextCursor;
            // Every page but the last holds a contact; more than the book ever held means a loop.
            expect(seen.length).toBeLessThanOrEqual(initial.length + 3 * between.length + 1);
            for (const next of between[step++] ?? []) {
              if (next.kind === "add") {
                await add(next.source, next.reading);
                continue;
              }
              const ids = [...live.keys()];
              if (ids.length === 0) continue;
              const id = ids[next.pick % ids.length] as ContactId;
              await world.book.trash.delete((live.get(id) as Member).id, id);
              live.delete(id);
              present.delete(id);
            }
          } while (cursor !== null);

          expect(new Set(seen).size).toBe(seen.length);
          for (const id of present) expect(seen).toContain(id);
        },
      ),
      { numRuns: 80 },
    );
  });
});
