import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { asContactId, type Contact, type OrganisationId } from "../../src/index.js";
import type { StoreTransaction } from "../../src/ports/store.js";
import { aCustomer, at, type People, seedPeople, trashedOn } from "../../src/testing/records.js";
import { storesUnderTest } from "../support/faulty-store.js";

// R16 reads a maintained count (a trigger on PostgreSQL, the store's own bookkeeping in memory).
// For any history of the writes that make contacts live or not — add, trash, restore, purge,
// owner moves, edits — the count equals a real count of the contacts.

type Op =
  | { readonly kind: "add"; readonly owner: number; readonly trashed: boolean }
  | { readonly kind: "trash" | "restore" | "purge" | "edit"; readonly contact: number }
  | { readonly kind: "reassign"; readonly from: number; readonly to: number };

const ownerCount = 4;
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("add" as const), owner: fc.nat(ownerCount - 1), trashed: fc.boolean() }),
  fc.record({
    kind: fc.constantFrom("trash" as const, "restore" as const, "purge" as const, "edit" as const),
    contact: fc.nat(20),
  }),
  fc.record({
    kind: fc.constant("reassign" as const),
    from: fc.nat(ownerCount - 1),
    to: fc.nat(ownerCount - 1),
  }),
);

/** Sato and Suzuki (Acme), Lee and Kim (Globex): owners in two organisations. */
const ownersOf = (people: People) => [people.sato, people.suzuki, people.lee, people.kim];

async function apply(tx: StoreTransaction, people: People, ids: string[], step: Op): Promise<void> {
  const owners = ownersOf(people);
  if (step.kind === "add") {
    const id = `con_${ids.length}`;
    ids.push(id);
    const owner = owners[step.owner] ?? people.sato;
    await tx.contacts.insert(aCustomer(id, owner, id, { trash: step.trashed ? trashedOn(at) : null }));
    return;
  }
  if (step.kind === "reassign") {
    const [from, to] = [owners[step.from], owners[step.to]];
    // R29 moves contacts within one organisation only.
    if (from !== undefined && to !== undefined && from.organisationId === to.organisationId && from !== to) {
      await tx.contacts.reassignOwner(from.id, to.id);
    }
    return;
  }
  const id = ids[step.contact % Math.max(ids.length, 1)];
  const contact = id === undefined ? null : await tx.contacts.get(asContactId(id));
  if (contact === null) return;
  const next = { ...contact, version: contact.version + 1 } as Contact;
  if (step.kind === "purge") await tx.contacts.delete(contact.id, contact.version);
  else if (step.kind === "trash")
    await tx.contacts.update({ ...next, trash: trashedOn(at) }, contact.version);
  else if (step.kind === "restore") await tx.contacts.update({ ...next, trash: null }, contact.version);
  else await tx.contacts.update({ ...next, fields: { ...contact.fields, memo: "edited" } }, contact.version);
}

async function liveCounted(tx: StoreTransaction, ids: readonly string[], organisationId: OrganisationId) {
  let live = 0;
  for (const id of ids) {
    const contact = await tx.contacts.get(asContactId(id));
    if (contact !== null && contact.trash === null && contact.organisationId === organisationId) live++;
  }
  return live;
}

describe("R16: the maintained live count", () => {
  for (const adapter of storesUnderTest) {
    it(`${adapter.name}: after any history of adds, trashes, restores, purges, edits and owner moves, countActive equals a real count`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(op, { maxLength: 30 }), async (ops) => {
          const store = await adapter.makeStore();
          const people = await store.transaction(seedPeople);
          const ids: string[] = [];
          for (const step of ops) await store.transaction((tx) => apply(tx, people, ids, step));
          await store.transaction(async (tx) => {
            for (const organisation of [people.acme, people.globex]) {
              expect(await tx.contacts.countActive(organisation.id)).toBe(
                await liveCounted(tx, ids, organisation.id),
              );
            }
          });
        }),
        { numRuns: adapter.name === "memory" ? 200 : 40 },
      );
    });
  }
});
