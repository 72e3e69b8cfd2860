import { describe, expect, it } from "vitest";
import { createPartnerbook, type Partnerbook } from "../app/create-partnerbook.js";
import type { ImportRecord, ImportResult, ImportSummary } from "../app/import-records.js";
import type { MemberId } from "../domain/ids.js";
import { manualClock } from "../ports/clock.js";
import { sequentialIds } from "../ports/ids.js";
import type { Store } from "../ports/store.js";
import { aCustomer } from "./records.js";
import type { Suite } from "./suite.js";

/** A book on `store`, an organisation (free plan) and two of its members. */
async function aBook(store: Store) {
  const book: Partnerbook = createPartnerbook({
    store,
    clock: manualClock(new Date("2026-04-01T00:00:00.000Z")),
    ids: sequentialIds(),
  });
  const { organisation, admin } = await book.organisations.create({
    name: "Acme",
    admin: { worksId: "admin@acme", displayName: "Admin" },
  });
  const sato = await book.members.create(admin.id, { worksId: "sato@acme", displayName: "佐藤" });
  const suzuki = await book.members.create(admin.id, { worksId: "suzuki@acme", displayName: "鈴木" });
  return { book, organisation, admin, sato, suzuki };
}

const people = (prefix: string, count: number): ImportRecord[] =>
  Array.from({ length: count }, (_, i) => ({
    line: i + 2,
    contact: {
      familyName: `${prefix} ${i}`,
      emails: [{ address: `${prefix.toLowerCase()}${i}@example.jp` }],
    },
  }));

/** Imports `records`, handing them over one at a time, and keeps every result. */
async function importing(book: Partnerbook, actor: MemberId, records: readonly ImportRecord[]) {
  const results: ImportResult[] = [];
  async function* oneByOne() {
    for (const record of records) yield record;
  }
  const summary: ImportSummary = await book.contacts.import(actor, oneByOne(), {
    onRecord: (result) => {
      results.push(result);
    },
  });
  return { results, summary };
}

/**
 * `contacts.import` on the store under test, side by side: what `findByOwnerAndContactPoints`
 * and the R16 count hold let a use-case promise when imports overlap.
 */
export function importContract(suite: Suite): void {
  describe("imports side by side", () => {
    it("R15: two imports of the same records add each person once; each record is added by one import and found by the other", async () => {
      const { book, sato } = await aBook(suite.store());
      const records = people("Person", 12);
      const [first, second] = await Promise.all([
        importing(book, sato.id, records),
        importing(book, sato.id, records),
      ]);
      for (let i = 0; i < records.length; i++) {
        expect([first.results[i]?.outcome, second.results[i]?.outcome].sort()).toEqual(["added", "existing"]);
      }
      expect(first.summary.added + second.summary.added).toBe(12);
      const live: string[] = [];
      for await (const contact of book.contacts.export(sato.id, { limit: 5 }))
        live.push(contact.fields.familyName ?? "");
      expect(live.sort()).toEqual(
        records.map((record) => ("contact" in record ? record.contact.familyName : "")).sort(),
      );
    });

    it("R16: imports of two members side by side never take the organisation past its limit", async () => {
      const { book, organisation, admin, sato, suzuki } = await aBook(suite.store());
      // Filled to four below the free plan's 500 straight through the store: only the room matters.
      await suite.run(async (tx) => {
        const owner = await tx.members.get(admin.id);
        if (owner === null) throw new Error("no admin");
        for (let i = 0; i < 496; i++)
          await tx.contacts.insert(aCustomer(`con_filler_${i}`, owner, `Filler ${i}`));
      });
      const [mine, theirs] = await Promise.all([
        importing(book, sato.id, people("Sato", 5)),
        importing(book, suzuki.id, people("Suzuki", 5)),
      ]);
      expect(mine.summary.added + theirs.summary.added).toBe(4);
      expect(mine.summary.refused + theirs.summary.refused).toBe(6);
      for (const result of [...mine.results, ...theirs.results]) {
        if (result.outcome === "refused") expect(result.code).toBe("LIMIT_REACHED");
      }
      expect(await suite.run((tx) => tx.contacts.countActive(organisation.id))).toBe(500);
    });
  });
}
